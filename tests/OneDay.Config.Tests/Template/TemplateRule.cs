namespace OneDay.Config.Tests.Template;

/// <summary>One rule of the service template: what it asks, which projects it holds for, and the offences a project commits
/// against it, each naming the file (or folder) at fault.</summary>
internal sealed record TemplateRule(string Name, bool ForServicesOnly, Func<SourceProject, IEnumerable<string>> Offences)
{
    public IEnumerable<string> OffencesIn(SourceProject project) =>
        ForServicesOnly && !project.IsService ? [] : Offences(project).Select(offence => $"{project.Name}/{offence}");

    public override string ToString() => Name;
}
