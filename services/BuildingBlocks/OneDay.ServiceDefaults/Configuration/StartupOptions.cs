using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace OneDay.ServiceDefaults.Configuration;

internal static class StartupOptions
{
    /// <summary>
    /// Binds section <paramref name="section"/> as <typeparamref name="TOptions"/> for IOptions, validated by its
    /// data annotations when the app starts, and returns it already validated: for what is set up while the app
    /// is being built (the secret store, exporters), before ValidateOnStart would run.
    /// </summary>
    public static TOptions AddValidatedOptions<TOptions>(this IHostApplicationBuilder builder, string section)
        where TOptions : class, new()
    {
        builder.Services.AddOptions<TOptions>().BindConfiguration(section).ValidateDataAnnotations().ValidateOnStart();
        var options = builder.Configuration.GetSection(section).Get<TOptions>() ?? new TOptions();
        var validation = new DataAnnotationValidateOptions<TOptions>(Options.DefaultName).Validate(Options.DefaultName, options);
        return validation.Failed ? throw new OptionsValidationException(Options.DefaultName, typeof(TOptions), validation.Failures) : options;
    }
}
