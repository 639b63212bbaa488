using OneDay.Config.Tests.Validation;
using OneDay.Testing;

namespace OneDay.Config.Tests;

/// <summary>components/resiliency.yaml: timeouts, retries and circuit breakers for calls and events.</summary>
public class ResiliencyTests
{
    private const string Minimal = """
        apiVersion: dapr.io/v1alpha1
        kind: Resiliency
        metadata:
          name: test
        spec:
          policies:
            timeouts:
              appCall: 10s
            retries:
              appCallRetry:
                policy: exponential
                maxInterval: 2s
                maxRetries: 3
                matching:
                  httpStatusCodes: "502-504,429"
                  gRPCStatusCodes: "14"
            circuitBreakers:
              appBreaker:
                maxRequests: 1
                interval: 30s
                timeout: 30s
                trip: consecutiveFailures > 5
          targets:
            apps:
              users: {timeout: appCall, retry: appCallRetry, circuitBreaker: appBreaker}
            components:
              pubsub:
                outbound: {retry: appCallRetry}
        """;

    private static readonly IReadOnlySet<string> MinimalComponents = new HashSet<string> { "pubsub" };

    [Theory]
    [InlineData("components/redis")]
    [InlineData("components/rabbitmq")]
    public void Resiliency_policies_are_well_formed_and_target_real_apps_and_components(string brokerLayer)
    {
        var resources = ComponentFolderTests.ResourcesWith(brokerLayer);
        var componentNames = resources.Where(r => r.Kind == "Component").Select(r => r.Name!).ToHashSet();
        var resiliency = Assert.Single(resources, resource => resource.Kind == "Resiliency");

        var problems = ResiliencyValidator.Validate(resiliency, OneDayApps.Ids, componentNames);

        ProblemAssert.None(problems);
    }

    [Fact]
    public void A_valid_resiliency_has_no_problem()
    {
        ProblemAssert.None(Problems(Minimal));
    }

    [Theory]
    [InlineData("timeout: appCall, retry", "timeout: appcall, retry", "no timeout policy is named 'appcall'")]
    [InlineData("outbound: {retry: appCallRetry}", "outbound: {retry: pubsubRetry}", "no retry policy is named 'pubsubRetry'")]
    [InlineData("appCall: 10s", "appCall: 10 seconds", "'10 seconds' is not a duration")]
    [InlineData("policy: exponential", "policy: linear", "policy 'linear' must be constant or exponential")]
    [InlineData("maxRetries: 3", "maxRetries: -2", "maxRetries must be an integer of -1 or more")]
    [InlineData("maxRetries: 3", "maxRetries: three", "maxRetries must be an integer of -1 or more")]
    [InlineData("\"502-504,429\"", "\"502-504,600\"", "'600' is not a code or range within 100-599")]
    [InlineData("\"502-504,429\"", "\"504-502\"", "'504-502' starts above its end")]
    [InlineData("\"14\"", "\"17\"", "'17' is not a code or range within 0-16")]
    [InlineData("trip: consecutiveFailures > 5", "trip: failures > 5", "'failures' is not one of")]
    [InlineData("trip: consecutiveFailures > 5", "trip: consecutiveFailures", "a number, not a condition")]
    [InlineData("users: {", "user: {", "targets.apps.user: not an app id")]
    [InlineData("pubsub:", "pubsub-rabbit:", "targets.components.pubsub-rabbit: no component has this name")]
    [InlineData("maxInterval: 2s", "maxinterval: 2s", "maxinterval: not a key Dapr reads")]
    public void A_resiliency_daprd_would_reject_or_ignore_is_reported(string original, string replacement, string expected)
    {
        var yaml = Minimal.Replace(original, replacement, StringComparison.Ordinal);

        Assert.Contains(Problems(yaml), problem => problem.Contains(expected, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("consecutiveFailures > 5")]
    [InlineData("consecutiveFailures >= 3 || (requests > 10 && totalFailures * 2 > requests)")]
    [InlineData("!(consecutiveSuccesses > 0) && totalSuccesses == 0")]
    public void A_trip_condition_over_the_breaker_counts_is_valid(string trip)
    {
        Assert.Null(TripExpression.Problem(trip));
    }

    [Theory]
    [InlineData("")]
    [InlineData("consecutiveFailures >")]
    [InlineData("consecutiveFailures > 5 &&")]
    [InlineData("(consecutiveFailures > 5")]
    [InlineData("consecutiveFailures > 5 > 3")]
    [InlineData("requests + true > 1")]
    [InlineData("consecutiveFailures => 5")]
    public void A_trip_that_is_not_a_condition_over_the_counts_is_invalid(string trip)
    {
        Assert.NotNull(TripExpression.Problem(trip));
    }

    [Theory]
    [InlineData("5s", true)]
    [InlineData("200ms", true)]
    [InlineData("1m30s", true)]
    [InlineData("1.5h", true)]
    [InlineData("1000", true)]
    [InlineData("0", true)]
    [InlineData("5 s", false)]
    [InlineData("5sec", false)]
    [InlineData("10d", false)]
    [InlineData("", false)]
    public void Durations_are_read_as_milliseconds_or_go_durations(string text, bool valid)
    {
        Assert.Equal(valid, DaprDuration.IsValid(text));
    }

    private static IReadOnlyList<string> Problems(string yaml) =>
        ResiliencyValidator.Validate(DaprResource.Parse(yaml).Single(), OneDayApps.Ids, MinimalComponents);
}
