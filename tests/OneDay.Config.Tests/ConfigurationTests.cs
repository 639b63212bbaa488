using OneDay.Config.Tests.Validation;
using YamlDotNet.RepresentationModel;
using OneDay.Testing;

namespace OneDay.Config.Tests;

/// <summary>components/configuration.yaml, the sidecars' Configuration (tracing and access control).</summary>
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

    [Fact]
    public void The_configuration_uses_only_keys_dapr_reads_and_an_access_control_list_daprd_accepts()
    {
        var problems = ConfigurationValidator.Validate(Configuration(), OneDayApps.Ids);

        ProblemAssert.None(problems);
    }

    [Fact]
    public void Tracing_samples_every_request_and_exports_to_zipkin()
    {
        var tracing = Configuration().Spec.MappingAt("tracing");

        Assert.NotNull(tracing);
        var rate = Assert.IsType<YamlScalarNode>(tracing.Child("samplingRate"));
        Assert.True(rate.IsString());
        Assert.Equal("1", rate.Value);
        Assert.True(Uri.IsWellFormedUriString(tracing.MappingAt("zipkin")?.ScalarAt("endpointAddress"), UriKind.Absolute));
    }

    [Fact]
    public void The_gateway_may_not_call_internal_routes()
    {
        var gateway = Configuration().Spec.MappingAt("accessControl")?.SequenceAt("policies")
            .OfType<YamlMappingNode>()
            .Single(policy => policy.ScalarAt("appId") == "gateway");

        Assert.NotNull(gateway);
        Assert.Contains(gateway.SequenceAt("operations").OfType<YamlMappingNode>(), operation =>
            operation.ScalarAt("name") == "/internal/**"
            && operation.ScalarAt("action") == "deny"
            && operation.ScalarsAt("httpVerb").Contains("*"));
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

    private static DaprResource Configuration() =>
        DaprResource.LoadFolder(RepositoryFolder.PathOf("components")).Single(resource => resource.Kind == "Configuration");

    private static IReadOnlyList<string> Problems(string yaml) =>
        ConfigurationValidator.Validate(DaprResource.Parse(yaml).Single(), OneDayApps.Ids);
}
