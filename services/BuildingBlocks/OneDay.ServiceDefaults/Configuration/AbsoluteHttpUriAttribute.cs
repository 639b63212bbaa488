using System.ComponentModel.DataAnnotations;

namespace OneDay.ServiceDefaults.Configuration;

/// <summary>An absolute http or https URI; empty passes (for settings where empty turns a feature off).</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class AbsoluteHttpUriAttribute : ValidationAttribute
{
    public override bool IsValid(object? value) =>
        value is not string { Length: > 0 } text
        || (Uri.TryCreate(text, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps));
}
