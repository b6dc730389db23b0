namespace PartnerPortal.Web.Features.IndirectResellers;

/// <summary>Everything the IndirectResellers feature needs in the container: its handlers, queries, authorization and jobs.</summary>
public static class IndirectResellersFeature
{
    public static IServiceCollection AddIndirectResellers(this IServiceCollection services)
    {
        services.AddScoped<PartnershipQueries>();
        services.AddScoped<RequestPartnershipHandler>();
        services.AddScoped<RemovePartnershipHandler>();
        services.AddScoped<AcceptPartnershipHandler>();
        return services;
    }
}
