namespace PartnerPortal.Web.Features.SecurityGroups;

/// <summary>Everything the SecurityGroups feature needs in the container: its handlers, queries, authorization and jobs.</summary>
public static class SecurityGroupsFeature
{
    public static IServiceCollection AddSecurityGroups(this IServiceCollection services)
    {
        services.AddScoped<SecurityGroupCommands>();
        return services;
    }
}
