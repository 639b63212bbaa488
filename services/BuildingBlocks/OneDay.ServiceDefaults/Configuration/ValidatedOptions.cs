using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace OneDay.ServiceDefaults.Configuration;

/// <summary>How every service registers its options: bound from one configuration section, checked when the app starts.</summary>
public static class ValidatedOptions
{
    /// <summary>
    /// Binds section <paramref name="section"/> as <typeparamref name="TOptions"/> for IOptions, validated by its data
    /// annotations and by whatever the caller chains on (<c>.Validate(…)</c>) when the app starts: a replica with a bad
    /// setting or a missing secret fails at once instead of at the first request that reads it.
    /// </summary>
    public static OptionsBuilder<TOptions> AddValidatedOptions<TOptions>(this IServiceCollection services, string section)
        where TOptions : class =>
        services.AddOptions<TOptions>().BindConfiguration(section).ValidateDataAnnotations().ValidateOnStart();

    /// <summary>
    /// As <see cref="AddValidatedOptions{TOptions}(IServiceCollection, string)"/>, and returns the options already validated:
    /// for what is set up while the app is being built (the secret store, exporters), before ValidateOnStart would run.
    /// </summary>
    internal static TOptions AddValidatedOptionsNow<TOptions>(this IHostApplicationBuilder builder, string section)
        where TOptions : class, new()
    {
        builder.Services.AddValidatedOptions<TOptions>(section);
        var options = builder.Configuration.GetSection(section).Get<TOptions>() ?? new TOptions();
        var validation = new DataAnnotationValidateOptions<TOptions>(Options.DefaultName).Validate(Options.DefaultName, options);
        return validation.Failed ? throw new OptionsValidationException(Options.DefaultName, typeof(TOptions), validation.Failures) : options;
    }
}
