using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using Microsoft.EntityFrameworkCore;
using PartnerPortal.Domain.AdminRelationships;
using PartnerPortal.Domain.Catalog;
using PartnerPortal.Domain.Clouds;
using PartnerPortal.Domain.Customers;
using PartnerPortal.Domain.Relationships;
using PartnerPortal.Web.Authorization;
using PartnerPortal.Web.Data;
using PartnerPortal.Web.Features.AdminRelationships;
using PartnerPortal.Web.Localization;
using PartnerPortal.Web.Tenancy;

namespace PartnerPortal.Web.Features.Customers;

/// <summary>A customer's expanded record on Customers (seed 000 step 6): account, services, users and licenses.</summary>
public sealed record CustomerRecord(
    Guid Id,
    string CompanyName,
    string Domain,
    string CountryName,
    string CloudName,
    DateTimeOffset Since,
    string? ResellerName,
    bool IsOwnRelationship,
    IReadOnlyList<DelegatedAdminService> DelegatedAdmin,
    string? AgreementVersion,
    IReadOnlyList<CustomerRecord.SubscriptionRow> Subscriptions,
    IReadOnlyList<string> Users,
    CustomerAdminRights AdminRights,
    bool GdapOffered,
    bool MayRemove)
{
    public sealed record SubscriptionRow(Guid Id, string Offer, int Quantity, string Status, string? ResellerMpnId);

    /// <summary>The customer's users are admin details: shown only to a user holding a role there (issue 10).</summary>
    public bool ShowsUsers => AdminRights.Can(CustomerCapability.ViewUsers);
}

/// <summary>
/// Builds one customer's expanded record when it is opened (issue 20), not 25 hidden ones per list view: the customer through
/// the same tenant scoping and <see cref="CustomerAuthorizationHandler"/> as every page that shows a customer, so another
/// organization's id reads as not found.
/// </summary>
public sealed class CustomerRecords(PortalDbContext db, ITenant tenant, IAuthorizationService authorization, CustomerAdminRoles adminRoles)
{
    /// <summary>
    /// The customer aggregate when the user may see it (<see cref="CustomerAuthorizationHandler"/>), with the relationship the
    /// signed-in partner sees it through; null for an unknown id or another organization's customer. Pages and the API read here.
    /// </summary>
    public async Task<(Customer Customer, CustomerRelationship Relationship)?> ViewableAsync(ClaimsPrincipal user, Guid id)
    {
        var partnerId = tenant.PartnerId;
        var customer = await db.CustomerAggregates.AsNoTracking().SingleOrDefaultAsync(c => c.Id == id);
        if (partnerId is null || customer is null || !(await authorization.AuthorizeAsync(user, customer, Operations.View)).Succeeded)
        {
            return null;
        }

        return customer.RelationshipSeenBy(partnerId.Value) is { } relationship ? (customer, relationship) : null;
    }

    public async Task<CustomerRecord?> FindAsync(ClaimsPrincipal user, Guid id)
    {
        if (await ViewableAsync(user, id) is not var (customer, relationship))
        {
            return null;
        }

        var partnerId = tenant.PartnerId!.Value;
        var resellerName = relationship.IndirectResellerId is { } resellerId
            ? await db.Partners.AsNoTracking().Where(p => p.Id == resellerId).Select(p => p.DisplayName).SingleOrDefaultAsync()
            : null;
        var rights = await adminRoles.ForAsync(user, customer);
        var subscriptions = await db.Subscriptions.AsNoTracking().Where(s => s.CustomerId == id).Where(Subscription.VisibleTo(partnerId))
            .OrderBy(s => s.CreatedAt)
            .Select(s => new CustomerRecord.SubscriptionRow(s.Id, s.Offer!.Name, s.Quantity, s.Status.ToString(), db.Partners.Where(p => p.Id == s.ResellerId).Select(p => p.MpnId).FirstOrDefault()))
            .ToListAsync();
        List<string> users = rights.Can(CustomerCapability.ViewUsers)
            ? await db.Users.AsNoTracking().Where(u => u.CustomerId == id).OrderBy(u => u.Email).Select(u => u.Email ?? string.Empty).ToListAsync()
            : [];
        var policy = CloudPolicies.For(customer.Cloud);
        return new CustomerRecord(
            customer.Id,
            customer.CompanyName,
            customer.Domain,
            CountryNames.Display(customer.Country),
            policy.DisplayName,
            relationship.EstablishedAt,
            resellerName,
            relationship.PartnerId == partnerId,
            rights.DelegatedAdmin,
            customer.AgreementAcceptance?.AgreementVersion,
            subscriptions,
            users,
            rights,
            policy.GdapOffered,
            // The same two checks as RemoveRelationshipHandler: the partner role on the relationship, then the admin rights.
            (await authorization.AuthorizeAsync(user, customer, Operations.RemoveRelationship)).Succeeded && rights.AllowRemovingRelationship);
    }
}
