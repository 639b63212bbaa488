namespace OneDay.Deployment.Tests.Kustomize;

internal static class ApiVersion
{
    /// <summary>"apps/v1" is group apps, version v1; "v1" is the core group, whose name is empty.</summary>
    public static (string Group, string Version) Split(string? apiVersion)
    {
        var text = apiVersion ?? "";
        var slash = text.IndexOf('/', StringComparison.Ordinal);
        return slash < 0 ? ("", text) : (text[..slash], text[(slash + 1)..]);
    }
}
