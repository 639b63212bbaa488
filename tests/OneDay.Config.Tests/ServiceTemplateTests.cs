using OneDay.Config.Tests.Template;

namespace OneDay.Config.Tests;

/// <summary>
/// Every project under services/ keeps the service template (README, "Adding a service"), so the next service starts
/// right and none drifts. A failure lists each offending file.
/// </summary>
public class ServiceTemplateTests
{
    private static readonly Lazy<IReadOnlyList<SourceProject>> Projects = new(SourceProject.UnderServices);

    public static TheoryData<string> RuleNames => [.. ServiceTemplate.Rules.Select(rule => rule.Name)];

    [Fact]
    public void Every_service_is_read()
    {
        var services = Projects.Value.Where(project => project.IsService).Select(project => project.Name).ToList();

        Assert.Equal(OneDayApps.All.Select(app => app.AppDirPath.TrimStart('.', '/')).Order(StringComparer.Ordinal), services.Order(StringComparer.Ordinal));
        Assert.All(Projects.Value, project => Assert.NotEmpty(project.Files));
    }

    [Theory]
    [MemberData(nameof(RuleNames))]
    public void Every_service_keeps_the_template(string rule)
    {
        var offences = Projects.Value.SelectMany(ServiceTemplate.Rule(rule).OffencesIn).ToList();

        Assert.True(offences.Count == 0, $"{rule}; broken by:\n  {string.Join("\n  ", offences)}");
    }
}
