namespace PartnerPortal.Web.Features.AdminRelationships;

/// <summary>Everything the AdminRelationships feature needs in the container: its handlers, queries, authorization and jobs.</summary>
public static class AdminRelationshipsFeature
{
    public static IServiceCollection AddAdminRelationships(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddScoped<AdminRelationshipCommands>();
        services.AddScoped<AdminRelationshipAnswers>();
        services.AddScoped<CustomerAdminRoles>();
        services.AddScoped<BulkChanges>();
        services.Configure<BulkChangeJobOptions>(configuration.GetSection(BulkChangeJobOptions.Section));
        services.AddSingleton<BulkChangeJob>();
        services.AddHostedService(sp => sp.GetRequiredService<BulkChangeJob>());
        services.Configure<AccessChangeJobOptions>(configuration.GetSection(AccessChangeJobOptions.Section));
        services.AddSingleton<AccessChangeJob>();
        services.AddHostedService(sp => sp.GetRequiredService<AccessChangeJob>());
        services.AddSingleton<AdminRelationshipEmails>();
        services.Configure<AdminRelationshipJobOptions>(configuration.GetSection(AdminRelationshipJobOptions.Section));
        services.AddSingleton<AdminRelationshipJob>();
        services.AddHostedService(sp => sp.GetRequiredService<AdminRelationshipJob>());
        return services;
    }
}
