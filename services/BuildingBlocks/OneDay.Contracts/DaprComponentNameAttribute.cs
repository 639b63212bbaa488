using System.ComponentModel.DataAnnotations;

namespace OneDay.Contracts;

/// <summary>
/// A Dapr component's name as a setting may give it: what Kubernetes accepts as an object name (letters,
/// digits, '-' and '.', starting and ending with a letter or digit), so the same name works self-hosted and
/// in k8s. Empty passes; [Required] refuses it where a name must be given.
/// </summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class DaprComponentNameAttribute() : RegularExpressionAttribute("^[A-Za-z0-9]([A-Za-z0-9.-]*[A-Za-z0-9])?$");
