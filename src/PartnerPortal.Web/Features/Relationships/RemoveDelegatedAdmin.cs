using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using PartnerPortal.Domain.Access;
using PartnerPortal.Domain.Customers;
using PartnerPortal.Domain.Relationships;
using PartnerPortal.Web.Data;
using PartnerPortal.Web.Infrastructure;
using PartnerPortal.Web.Tenancy;

namespace PartnerPortal.Web.Features.Relationships;

/// <summary>
/// Seed 003, last paragraph: the signed-in customer removes delegated admin privileges from one partner or from all. The
/// relationships stay; each partner's removal is audited with the services it held.
/// </summary>
public sealed class RemoveDelegatedAdminHandler(PortalDbContext db, ITenant tenant, AuditTrail audit, TimeProvider clock)
{
    /// <summary>The partner's name, or null when that partner held no delegated admin privileges here (nothing changed).</summary>
    public async Task<string?> FromPartnerAsync(Guid partnerId)
    {
        var customer = await LoadCustomerAsync();
        var partner = await db.Partners.AsNoTracking().SingleOrDefaultAsync(p => p.Id == partnerId);
        var removed = customer.RemoveDelegatedAdmin(partnerId, clock.GetUtcNow());
        if (partner is null || removed.Count == 0)
        {
            return null;
        }

        Record(customer, partner.Id, partner.DisplayName, removed);
        await db.SaveChangesAsync();
        return partner.DisplayName;
    }

    /// <summary>How many partners lost their privileges (0: none held any, nothing changed).</summary>
    public async Task<int> FromAllPartnersAsync()
    {
        var customer = await LoadCustomerAsync();
        var byPartner = customer.ActiveGrants.GroupBy(g => g.PartnerId).ToDictionary(g => g.Key, g => g.Select(x => x.Service).ToList());
        customer.RemoveAllDelegatedAdmin(clock.GetUtcNow());
        var names = await db.Partners.AsNoTracking().Where(p => byPartner.Keys.Contains(p.Id)).ToDictionaryAsync(p => p.Id, p => p.DisplayName);
        foreach (var (partnerId, services) in byPartner)
        {
            Record(customer, partnerId, names[partnerId], services);
        }

        await db.SaveChangesAsync();
        return byPartner.Count;
    }

    /// <summary>
    /// The partner's side (issue 19): a Global admin or Admin agent gives up the partner's own delegated admin privileges on one
    /// of its customers, typically once a granular relationship replaced them. The customer's row is locked, so two clicks remove
    /// (and audit) once; the value is the customer's name.
    /// </summary>
    public async Task<CommandResult<string>> PartnerGivesUpAsync(ClaimsPrincipal user, Guid customerId)
    {
        if (!user.Has(Permission.ManageAdminRelationships) || user.PartnerId() is not { } partnerId)
        {
            return CommandResult<string>.Forbidden;
        }

        await using var transaction = await db.Database.BeginTransactionAsync();
        if (!await db.Customers.AnyAsync(c => c.Id == customerId))
        {
            return CommandResult<string>.NotFound;
        }

        await db.Database.ExecuteSqlAsync($"""SELECT 1 FROM "Customers" WHERE "Id" = {customerId} FOR UPDATE""");
        var customer = await db.Customers.Include(c => c.Relationships).Include(c => c.DelegatedAdminGrants).SingleAsync(c => c.Id == customerId);
        var partner = await db.Partners.AsNoTracking().SingleAsync(p => p.Id == partnerId);
        var removed = customer.RemoveDelegatedAdmin(partnerId, clock.GetUtcNow());
        if (removed.Count == 0)
        {
            return CommandResult<string>.Refused(PortalRefusals.Relationships.NoDelegatedAdmin);
        }

        Record(customer, partnerId, partner.DisplayName, removed);
        await db.SaveChangesAsync();
        await transaction.CommitAsync();
        return CommandResult<string>.Done(customer.CompanyName);
    }

    private Task<Customer> LoadCustomerAsync() =>
        db.Customers.Include(c => c.Relationships).Include(c => c.DelegatedAdminGrants).SingleAsync(c => c.Id == tenant.CustomerId);

    private void Record(Customer customer, Guid partnerId, string partnerName, IReadOnlyCollection<DelegatedAdminService> services) =>
        audit.Record(
            "DelegatedAdminRemoved",
            partnerId,
            customer.Id,
            customer.CompanyName,
            new { Partner = partnerName, DelegatedAdmin = services.Select(s => s.ToString()) },
            new { Partner = partnerName, DelegatedAdmin = Array.Empty<string>() });
}
