using OneDay.Config.Tests.Validation;

namespace OneDay.Config.Tests;

/// <summary>The component checks catch what Dapr would not accept.</summary>
public class ComponentValidatorTests
{
    private const string StateStore = """
        apiVersion: dapr.io/v1alpha1
        kind: Component
        metadata:
          name: statestore
        spec:
          type: state.redis
          version: v1
          metadata:
            - name: redisHost
              value: localhost:6379
            - name: actorStateStore
              value: "true"
        scopes:
          - jobs
        """;

    [Fact]
    public void A_valid_redis_state_store_has_no_problem()
    {
        ProblemAssert.None(Problems(StateStore));
    }

    [Fact]
    public void An_unknown_metadata_name_is_reported()
    {
        var yaml = StateStore.Replace("name: actorStateStore", "name: actorStore", StringComparison.Ordinal);

        var problem = Assert.Single(Problems(yaml));

        Assert.Contains("'actorStore' is not accepted by state.redis v1", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_required_redisHost_is_reported()
    {
        var yaml = StateStore.Replace("name: redisHost", "name: redisUsername", StringComparison.Ordinal);

        var problem = Assert.Single(Problems(yaml));

        Assert.Contains("required metadata 'redisHost' is missing", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void A_scope_that_is_not_an_app_id_is_reported()
    {
        var yaml = StateStore.Replace("- jobs", "- job", StringComparison.Ordinal);

        var problem = Assert.Single(Problems(yaml));

        Assert.Contains("scope 'job' is not an app id", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Metadata_names_are_matched_case_insensitively_as_components_do()
    {
        var yaml = StateStore.Replace("name: redisHost", "name: RedisHost", StringComparison.Ordinal);

        ProblemAssert.None(Problems(yaml));
    }

    [Fact]
    public void An_entry_with_both_a_value_and_a_secret_reference_is_reported()
    {
        var yaml = StateStore.Replace("value: localhost:6379", "value: localhost:6379\n      secretKeyRef: {name: redis, key: host}", StringComparison.Ordinal);

        var problem = Assert.Single(Problems(yaml));

        Assert.Contains("exactly one of value, secretKeyRef, envRef", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void A_secret_reference_without_a_key_is_reported()
    {
        var yaml = StateStore.Replace("value: localhost:6379", "secretKeyRef: {name: redis}", StringComparison.Ordinal);

        var problem = Assert.Single(Problems(yaml));

        Assert.Contains("secretKeyRef needs both name and key", problem, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("type: state.redis", "type: state.reddis", "not a component type in the catalogue")]
    [InlineData("version: v1", "version: v2", "'v2' is not a version of state.redis")]
    [InlineData("  name: statestore", "  name: state/store", "not a valid path segment")]
    [InlineData("scopes:", "scope:", "scope: not a key Dapr reads")]
    public void A_type_version_name_or_key_dapr_does_not_know_is_reported(string original, string replacement, string expected)
    {
        var yaml = StateStore.Replace(original, replacement, StringComparison.Ordinal);

        Assert.Contains(Problems(yaml), problem => problem.Contains(expected, StringComparison.Ordinal));
    }

    [Fact]
    public void A_pubsub_cannot_be_an_actor_state_store()
    {
        var yaml = StateStore.Replace("type: state.redis", "type: pubsub.redis", StringComparison.Ordinal);

        var problem = Assert.Single(Problems(yaml));

        Assert.Contains("'actorStateStore' is not accepted by pubsub.redis v1", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void A_transactional_state_store_accepts_the_runtime_outbox_keys()
    {
        var yaml = StateStore.Replace("scopes:", """
                - name: outboxPublishPubsub
                  value: pubsub
                - name: outboxPublishTopic
                  value: state-changed
            scopes:
            """, StringComparison.Ordinal);

        ProblemAssert.None(Problems(yaml));
    }

    [Theory]
    [InlineData("- {name: connectionString, value: \"host=localhost\"}")]
    [InlineData("- {name: useAWSIAM, value: \"true\"}\n    - {name: connectionString, value: \"host=db\"}\n    - {name: region, value: eu-west-1}")]
    public void A_postgresql_state_store_with_every_required_field_of_one_authentication_profile_is_accepted(string metadata)
    {
        ProblemAssert.None(Problems(PostgreSqlStateStore(metadata)));
    }

    [Theory]
    [InlineData("")]
    [InlineData("- {name: useAzureAD, value: \"true\"}")]
    public void A_postgresql_state_store_without_a_complete_authentication_profile_is_reported(string metadata)
    {
        var problem = Assert.Single(Problems(PostgreSqlStateStore(metadata)));

        Assert.Contains("no authentication profile is complete", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void A_localstorage_binding_needs_no_fileName_because_each_request_names_its_file()
    {
        const string yaml = """
            apiVersion: dapr.io/v1alpha1
            kind: Component
            metadata:
              name: email
            spec:
              type: bindings.localstorage
              version: v1
              metadata:
                - name: rootPath
                  value: ./.dev/outbox/email
            """;

        ProblemAssert.None(Problems(yaml));
    }

    [Fact]
    public void Two_components_with_one_name_are_reported()
    {
        var resources = DaprResource.Parse($"{StateStore}\n---\n{StateStore.Replace("\"true\"", "\"false\"", StringComparison.Ordinal)}");

        var problem = Assert.Single(ComponentValidator.ValidateSet(resources));

        Assert.Contains("component name 'statestore' is used by", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Two_actor_state_stores_are_reported()
    {
        var resources = DaprResource.Parse($"{StateStore}\n---\n{StateStore.Replace("name: statestore", "name: other", StringComparison.Ordinal)}");

        var problem = Assert.Single(ComponentValidator.ValidateSet(resources));

        Assert.Contains("more than one actor state store: statestore, other", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void A_secret_reference_needs_a_secret_store_component_to_read_it_from()
    {
        var resources = DaprResource.Parse(StateStore.Replace("value: localhost:6379", "secretKeyRef: {name: redis, key: host}", StringComparison.Ordinal));

        var problem = Assert.Single(ComponentValidator.ValidateSet(resources));

        Assert.Contains("uses secretKeyRef but auth.secretStore", problem, StringComparison.Ordinal);
    }

    private static string PostgreSqlStateStore(string metadata) => $"""
        apiVersion: dapr.io/v1alpha1
        kind: Component
        metadata:
          name: orders
        spec:
          type: state.postgresql
          version: v2
          metadata:
            {metadata}
        """;

    private static IReadOnlyList<string> Problems(string yaml) =>
        ComponentValidator.Validate(DaprResource.Parse(yaml).Single(), OneDayApps.Ids);
}
