namespace OneDay.BuildingBlocks.Tests;

/// <summary>A setting that cannot work stops the service at start-up, naming the setting, instead of failing later.</summary>
public sealed class StartupValidationTests
{
    public static TheoryData<string, string> BadSettings() => new()
    {
        { "PubSub:Name", "" },
        { "PubSub:Name", "pub sub" },
        { "Dapr:SecretStore", "secret/store" },
        { "Dapr:SidecarWaitSeconds", "0" },
        { "Telemetry:ZipkinEndpoint", "localhost:9411/api/v2/spans" },
        { "Telemetry:OtlpEndpoint", "collector:4317" },
        { "Outbox:PublishTimeout", "00:00:00" },
        { "MessageRetention:InboxHandled", "00:00:01" },
    };

    [Theory]
    [MemberData(nameof(BadSettings))]
    public void A_bad_setting_stops_start_up_with_a_message_naming_it(string key, string value)
    {
        var failure = SampleServiceAlone.StartupFailure(new Dictionary<string, string?> { [key] = value });

        Assert.Contains(key, failure, StringComparison.Ordinal);
    }
}
