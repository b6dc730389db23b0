namespace PartnerPortal.Web.Features.Relationships;

/// <summary>Everything the Relationships feature needs in the container: its handlers, queries, authorization and jobs.</summary>
public static class RelationshipsFeature
{
    public static IServiceCollection AddRelationships(this IServiceCollection services)
    {
        services.AddScoped<RequestRelationshipHandler>();
        services.AddScoped<RemoveRelationshipHandler>();
        services.AddScoped<RemoveDelegatedAdminHandler>();
        services.AddScoped<CustomerPartners>();
        return services;
    }
}
