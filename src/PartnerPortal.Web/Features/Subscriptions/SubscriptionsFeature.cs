using Microsoft.AspNetCore.Authorization;

namespace PartnerPortal.Web.Features.Subscriptions;

/// <summary>Everything the Subscriptions feature needs in the container: its handlers, queries, authorization and jobs.</summary>
public static class SubscriptionsFeature
{
    public static IServiceCollection AddSubscriptions(this IServiceCollection services)
    {
        services.AddScoped<AddSubscriptionsHandler>();
        services.AddScoped<UpdateSubscriptionHandler>();
        services.AddScoped<SubscriptionReads>();
        services.AddSingleton<IAuthorizationHandler, SubscriptionAuthorizationHandler>();
        return services;
    }
}
