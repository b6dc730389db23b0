using System.Security.Claims;
using PartnerPortal.Web.Api;
using PartnerPortal.Web.Data;
using PartnerPortal.Web.Infrastructure;
using PartnerPortal.Web.Tenancy;

namespace PartnerPortal.Web.Features.ApiApplications;

/// <summary>What the Register form asks: a name, roles from the portal's role table and a secret lifetime in days.</summary>
public sealed record NewApiApplication(string? Name, IReadOnlyList<string> Roles, int LifetimeDays);

/// <summary>
/// The registered application and its secret. <paramref name="Secret"/> is null when the same form was posted again: the
/// secret was shown once, in the answer to the first post, and is never stored in clear.
/// </summary>
public sealed record RegisteredApiApplication(Guid ClientId, string? Secret);

/// <summary>
/// Registers an API application (issue 12) for the signed-in organization. The form's token makes a second post of the same
/// form register nothing (the claim and the application are one transaction).
/// </summary>
public sealed class RegisterApiApplicationHandler(PortalDbContext db, FormSubmissions forms, AuditTrail audit, TimeProvider clock)
{
    public const string FormName = "RegisterApiApplication";

    public async Task<CommandResult<RegisteredApiApplication>> HandleAsync(ClaimsPrincipal actor, Guid formToken, NewApiApplication input)
    {
        var partnerId = actor.PartnerId()!.Value;
        var registered = ApiApplication.Register(partnerId, input.Name, [.. input.Roles], input.LifetimeDays, actor.Identity!.Name!, clock.GetUtcNow());
        if (!registered.Succeeded)
        {
            return CommandResult<RegisteredApiApplication>.Refused(registered.Error!);
        }

        await using var transaction = await db.Database.BeginTransactionAsync();
        var claim = await forms.ClaimAsync(formToken, FormName, actor.Identity!.Name!);
        if (!claim.IsFirst)
        {
            return CommandResult<RegisteredApiApplication>.Done(new(claim.Earlier?.ResultId ?? Guid.Empty, Secret: null));
        }

        var (application, secret) = registered.Value;
        db.ApiApplications.Add(application);
        audit.Record("ApiApplicationRegistered", partnerId, null, application.Name, null, new { application.Name, ClientId = application.Id, application.Roles, application.ExpiresAt });
        claim.Claimed?.Complete(application.Id);
        await db.SaveChangesAsync();
        await transaction.CommitAsync();
        return CommandResult<RegisteredApiApplication>.Done(new(application.Id, secret));
    }
}
