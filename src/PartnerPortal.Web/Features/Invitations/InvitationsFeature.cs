using Microsoft.AspNetCore.Authorization;

namespace PartnerPortal.Web.Features.Invitations;

/// <summary>Everything the Invitations feature needs in the container: its handlers, queries, authorization and jobs.</summary>
public static class InvitationsFeature
{
    public static IServiceCollection AddInvitations(this IServiceCollection services)
    {
        services.AddScoped<InvitationLinks>();
        services.AddSingleton<InvitationEmailComposer>();
        services.AddScoped<SendInvitationHandler>();
        services.AddScoped<AcceptInvitationHandler>();
        services.AddScoped<RetryInvitationEmailHandler>();
        services.AddSingleton<IAuthorizationHandler, InvitationLinkAuthorizationHandler>();
        services.AddSingleton<InvitationMailDispatcher>();
        services.AddHostedService(sp => sp.GetRequiredService<InvitationMailDispatcher>());
        return services;
    }
}
