using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using Microsoft.EntityFrameworkCore;
using PartnerPortal.Domain.Customers;
using PartnerPortal.Web.Authorization;
using PartnerPortal.Web.Data;
using PartnerPortal.Web.Features.AdminRelationships;
using PartnerPortal.Web.Infrastructure;
using PartnerPortal.Web.Tenancy;

namespace PartnerPortal.Web.Features.Relationships;

/// <summary>
/// "Remove a relationship with a customer": ends the partner's relationship and every delegated-admin grant that came with it,
/// the associated reseller's included (the command loads the whole customer aggregate). Rows stay as history.
/// </summary>
public sealed class RemoveRelationshipHandler(PortalDbContext db, IAuthorizationService authorization, CustomerAdminRoles adminRoles, AuditTrail audit, TimeProvider clock)
{
    /// <summary>The customer, if the user may remove the relationship; NotFound for any id the partner cannot see.</summary>
    public async Task<CommandResult<Customer>> LoadAsync(ClaimsPrincipal user, Guid customerId)
    {
        var customer = await db.CustomerAggregates.SingleOrDefaultAsync(c => c.Id == customerId);
        if (customer is null || !(await authorization.AuthorizeAsync(user, customer, Operations.View)).Succeeded)
        {
            return CommandResult<Customer>.NotFound;
        }

        if (!(await authorization.AuthorizeAsync(user, customer, Operations.RemoveRelationship)).Succeeded)
        {
            return CommandResult<Customer>.Forbidden;
        }

        return (await adminRoles.ForAsync(user, customerId)).AllowRemovingRelationship
            ? CommandResult<Customer>.Done(customer)
            : CommandResult<Customer>.Forbidden;
    }

    public async Task<CommandResult<Customer>> HandleAsync(ClaimsPrincipal user, Guid customerId)
    {
        var loaded = await LoadAsync(user, customerId);
        if (!loaded.Succeeded)
        {
            return loaded;
        }

        var customer = loaded.Value!;
        var partnerId = user.PartnerId()!.Value;
        var before = new { Customer = customer.CompanyName, DelegatedAdmin = customer.ActiveGrants.Select(g => new { g.PartnerId, Service = g.Service.ToString() }).ToList() };
        var removed = customer.RemoveRelationship(partnerId, clock.GetUtcNow());
        if (!removed.Succeeded)
        {
            return CommandResult<Customer>.Refused(removed.Error!);
        }

        audit.Record("RelationshipRemoved", partnerId, customer.Id, customer.CompanyName, before, new
        {
            Customer = customer.CompanyName,
            Relationship = "Removed",
            DelegatedAdmin = customer.ActiveGrants.Select(g => new { g.PartnerId, Service = g.Service.ToString() }).ToList(),
        });
        await db.SaveChangesAsync();
        return CommandResult<Customer>.Done(customer);
    }
}
