using OneDay.Config.Tests.Apps;
using OneDay.Config.Tests.Validation;
using YamlDotNet.RepresentationModel;

namespace OneDay.Config.Tests;

/// <summary>
/// The sidecars' Configurations, one per app (components/configuration/, and k8s/base/dapr/configuration/ for
/// what Kubernetes adds nothing to): tracing, secret scopes and access control.
/// </summary>
public class ConfigurationTests
{
    private const string Minimal = """
        apiVersion: dapr.io/v1alpha1
        kind: Configuration
        metadata:
          name: test
        spec:
          tracing:
            samplingRate: "1"
            zipkin:
              endpointAddress: http://localhost:9411/api/v2/spans
          accessControl:
            defaultAction: deny
            trustDomain: public
            policies:
              - appId: gateway
                defaultAction: allow
                trustDomain: public
                namespace: default
                operations:
                  - name: /internal/**
                    httpVerb: ["*"]
                    action: deny
        """;

    public static TheoryData<string> Folders => new() { AppConfigurations.SelfHosted, AppConfigurations.Kubernetes };

    [Theory]
    [MemberData(nameof(Folders))]
    public void Each_configuration_uses_only_keys_dapr_reads_and_an_access_control_list_daprd_accepts(string folder)
    {
        ProblemAssert.None(AppConfigurations.In(folder).Values.SelectMany(configuration =>
            ConfigurationValidator.Validate(configuration, OneDayApps.Ids).Select(problem => $"{configuration}: {problem}")));
    }

    [Fact]
    public void Every_sidecar_samples_every_request_and_exports_the_same_tracing_and_metrics_to_zipkin()
    {
        var configurations = AppConfigurations.In(AppConfigurations.SelfHosted).Values.ToList();
        var tracing = configurations[0].Spec.MappingAt("tracing");

        Assert.NotNull(tracing);
        var rate = Assert.IsType<YamlScalarNode>(tracing.Child("samplingRate"));
        Assert.True(rate.IsString());
        Assert.Equal("1", rate.Value);
        Assert.True(Uri.IsWellFormedUriString(tracing.MappingAt("zipkin")?.ScalarAt("endpointAddress"), UriKind.Absolute));
        Assert.All(configurations, configuration => Assert.Equal(Shared(configurations[0]), Shared(configuration)));
    }

    /// <summary>A sidecar hands its app `shared` and the secret named as the app (what Program.cs reads), no other.</summary>
    [Theory]
    [MemberData(nameof(Folders))]
    public void Each_sidecar_gives_its_app_only_the_shared_secret_and_its_own(string folder)
    {
        var readByApps = AppSecrets.ReadByApps();

        ProblemAssert.None(AppConfigurations.In(folder).SelectMany(app => AppConfigurations.SecretScope(app.Value, readByApps[app.Key])));
        Assert.Equal(["shared"], readByApps["gateway"]);
        Assert.Equal(["shared", "users"], readByApps["users"]);
    }

    [Fact]
    public void A_secret_scope_that_allows_by_default_or_gives_another_apps_secret_is_reported()
    {
        var open = DaprResource.Parse(Minimal + """

              secrets:
                scopes:
                  - {storeName: secretstore, defaultAccess: allow, allowedSecrets: [shared, users]}
            """).Single();
        var unscoped = DaprResource.Parse(Minimal).Single();

        Assert.Equal(
            ["test: defaultAccess is 'allow', not deny", "test: allows [shared, users]; its app reads [shared]"],
            AppConfigurations.SecretScope(open, ["shared"]));
        Assert.Equal(["test: no secret scope for secretstore, so its sidecar gives out every secret"], AppConfigurations.SecretScope(unscoped, ["shared"]));
    }

    [Fact]
    public void A_valid_configuration_has_no_problem()
    {
        ProblemAssert.None(Problems(Minimal));
    }

    [Theory]
    [InlineData("namespace: default", "namespace: \"\"", "namespace is missing, so daprd rejects the whole access control list")]
    [InlineData("trustDomain: public\n        namespace", "trustDomain: \"\"\n        namespace", "trustDomain is missing")]
    [InlineData("appId: gateway", "appId: gw", "appId 'gw' is not an app id")]
    [InlineData("[\"*\"]", "[get]", "httpVerb 'get' is not one of")]
    [InlineData("action: deny", "action: block", "action 'block' must be allow or deny")]
    [InlineData("name: /internal/**", "name: internal/**", "must start with '/'")]
    [InlineData("samplingRate: \"1\"", "samplingRate: 1", "samplingRate must be a string")]
    [InlineData("samplingRate:", "samplingrate:", "spec.tracing.samplingrate: not a key Dapr reads")]
    [InlineData("endpointAddress: http://localhost:9411/api/v2/spans", "endpointAddress: \"\"", "zipkin.endpointAddress is missing")]
    public void A_configuration_daprd_would_ignore_or_reject_is_reported(string original, string replacement, string expected)
    {
        var yaml = Minimal.Replace(original, replacement, StringComparison.Ordinal);

        Assert.Contains(Problems(yaml), problem => problem.Contains(expected, StringComparison.Ordinal));
    }

    private static string Shared(DaprResource configuration) =>
        string.Join("", new[] { "tracing", "metrics" }.Select(key => configuration.Spec.Child(key) is { } node ? YamlText.Content(node) : $"no {key}"));

    private static IReadOnlyList<string> Problems(string yaml) =>
        ConfigurationValidator.Validate(DaprResource.Parse(yaml).Single(), OneDayApps.Ids);
}
