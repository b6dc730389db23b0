namespace PartnerPortal.Web.Features.ApiApplications;

/// <summary>Everything the ApiApplications feature needs in the container: its handlers.</summary>
public static class ApiApplicationsFeature
{
    public static IServiceCollection AddApiApplications(this IServiceCollection services)
    {
        services.AddScoped<RegisterApiApplicationHandler>();
        services.AddScoped<RevokeApiApplicationHandler>();
        return services;
    }
}
