using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using OneDay.ServiceDefaults.Configuration;

namespace OneDay.BuildingBlocks.Tests;

/// <summary>How every service registers its options: a setting that cannot work stops the host as it starts, not at first use.</summary>
public sealed class ValidatedOptionsTests
{
    [Fact]
    public async Task A_section_is_bound_and_a_value_outside_its_annotations_stops_the_start()
    {
        using var host = Host(("Sample:Limit", "0"));

        var failure = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.Contains("Sample:Limit must be between 1 and 10", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_check_chained_on_is_run_at_start_too()
    {
        using var host = Host(("Sample:Limit", "3"), ("Sample:Key", "short"));

        var failure = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.Contains("Sample:Key must be 8 characters", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Valid_settings_start_and_are_read_from_the_section()
    {
        using var host = Host(("Sample:Limit", "3"), ("Sample:Key", "12345678"));

        await host.StartAsync();

        Assert.Equal(3, host.Services.GetRequiredService<IOptions<SampleOptions>>().Value.Limit);
        await host.StopAsync();
    }

    private static IHost Host(params (string Key, string Value)[] settings)
    {
        var builder = Microsoft.Extensions.Hosting.Host.CreateEmptyApplicationBuilder(new());
        builder.Configuration.AddInMemoryCollection(settings.Select(s => new KeyValuePair<string, string?>(s.Key, s.Value)));
        builder.Services.AddValidatedOptions<SampleOptions>(SampleOptions.Section)
            .Validate(o => o.Key.Length == 8, "Sample:Key must be 8 characters");
        return builder.Build();
    }

    public sealed class SampleOptions
    {
        public const string Section = "Sample";

        [Range(1, 10, ErrorMessage = "Sample:Limit must be between {1} and {2}")]
        public int Limit { get; set; } = 5;

        public string Key { get; set; } = "";
    }
}
