namespace PartnerPortal.Web.Features.Onboarding;

/// <summary>Everything the Onboarding feature needs in the container: access templates, the pipeline's handlers and its job.</summary>
public static class OnboardingFeature
{
    public static IServiceCollection AddOnboarding(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddScoped<AccessTemplateCommands>();
        services.AddScoped<OnboardCustomers>();
        services.AddScoped<OnboardingCommands>();
        services.AddScoped<OnboardingReads>();
        services.Configure<AccessHealthDigestOptions>(configuration.GetSection(AccessHealthDigestOptions.Section));
        services.AddSingleton<AccessHealthDigest>();
        services.AddScoped<AccessHealth>();
        services.Configure<OnboardingJobOptions>(configuration.GetSection(OnboardingJobOptions.Section));
        services.AddSingleton<OnboardingJob>();
        services.AddHostedService(sp => sp.GetRequiredService<OnboardingJob>());
        return services;
    }
}
