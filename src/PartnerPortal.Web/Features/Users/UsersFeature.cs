using Microsoft.AspNetCore.Authorization;

namespace PartnerPortal.Web.Features.Users;

/// <summary>Everything the Users feature needs in the container: its handlers, queries, authorization and jobs.</summary>
public static class UsersFeature
{
    public static IServiceCollection AddUsers(this IServiceCollection services)
    {
        services.AddScoped<ChangeUserRolesHandler>();
        services.AddScoped<AddUserHandler>();
        services.AddSingleton<IAuthorizationHandler, OrganizationUserAuthorizationHandler>();
        return services;
    }
}
