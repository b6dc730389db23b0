using Microsoft.EntityFrameworkCore;
using PartnerPortal.Domain.Access;
using PartnerPortal.Domain.AdminRelationships;
using PartnerPortal.Domain.Customers;
using PartnerPortal.Domain.Partners;
using PartnerPortal.Web.Data;

namespace PartnerPortal.Web.Seeding;

/// <summary>
/// Granular delegated admin in the demo (issue 10), for Contoso Cloud Partners: two security groups and admin relationships in
/// every state, loaded once (also into a demo database made before GDAP existed).
/// </summary>
public static class DemoAdminRelationships
{
    public const string HelpdeskGroup = "Contoso helpdesk";
    public const string LicensingGroup = "Contoso licensing";

    public static async Task LoadAsync(PortalDbContext db, DateTimeOffset now, CancellationToken ct)
    {
        var contosoMpn = DemoDirectory.Partners.Single(p => p.Slug == "contoso").MpnId;
        var contoso = await db.Partners.SingleOrDefaultAsync(p => p.MpnId == contosoMpn, ct);
        if (contoso is null)
        {
            return;
        }

        if (await db.SecurityGroups.AnyAsync(g => g.PartnerId == contoso.Id, ct))
        {
            await LoadTemplatesAsync(db, contoso.Id, now, ct);
            return;
        }

        var adatum = await CustomerAsync(db, "adatum", ct);
        var litware = await CustomerAsync(db, "litware", ct);
        var adminAgent = await UserIdAsync(db, DemoDirectory.PartnerUserEmail("contoso", PartnerRole.AdminAgent), ct);
        var salesAgent = await UserIdAsync(db, DemoDirectory.PartnerUserEmail("contoso", PartnerRole.SalesAgent), ct);

        var helpdesk = SecurityGroup.Create(contoso.Id, HelpdeskGroup, "First-line support for customers' users", now.AddDays(-100)).Value;
        helpdesk.AddMember(adminAgent, now.AddDays(-100));
        var licensing = SecurityGroup.Create(contoso.Id, LicensingGroup, "Licence assignments", now.AddDays(-100)).Value;
        licensing.AddMember(salesAgent, now.AddDays(-100));
        db.SecurityGroups.AddRange(helpdesk, licensing);

        // Active for a long time yet, auto-extending, assigned to the helpdesk.
        var helpdeskRelationship = Approved(contoso, "Adatum helpdesk", 730, [Role("Directory Readers"), Role("Helpdesk Administrator"), Role("User Administrator")], true, adatum, now.AddDays(-300), now);
        helpdeskRelationship.ActivateAssignment(helpdeskRelationship.Assign(helpdesk.Id, [Role("Directory Readers"), Role("Helpdesk Administrator")], now.AddDays(-299)).Value.Id, now.AddDays(-299));

        // Expiring in 5 days without auto-extend, assigned to the licensing group: the Sales agent sees Adatum's users through it.
        var licensingRelationship = Approved(contoso, "Adatum licensing", 90, [Role("Directory Readers"), Role("License Administrator")], false, adatum, now.AddDays(-85), now);
        licensingRelationship.ActivateAssignment(licensingRelationship.Assign(licensing.Id, [Role("Directory Readers"), Role("License Administrator")], now.AddDays(-84)).Value.Id, now.AddDays(-84));

        // Expired 40 days ago, and terminated by the customer.
        var expired = Approved(contoso, "Adatum migration", 60, [Role("Exchange Administrator"), Role("SharePoint Administrator")], false, adatum, now.AddDays(-100), now);
        expired.Advance(now);
        var terminated = Approved(contoso, "Adatum security review", 30, [Role("Security Reader")], false, adatum, now.AddDays(-20), now);
        terminated.Terminate(RelationshipSide.Customer, now.AddDays(-3));

        // Waiting for Litware's answer, and a link for a customer not yet known.
        var litwarePending = Pending(contoso, "Litware administration", 180, [EntraRoles.GlobalAdministratorId], litware, now.AddDays(-2));
        var onboarding = Pending(contoso, "New customer onboarding", 365, [Role("Directory Readers"), Role("User Administrator")], null, now.AddDays(-1));

        AdminRelationship[] all = [helpdeskRelationship, licensingRelationship, expired, terminated, litwarePending, onboarding];
        db.AdminRelationships.AddRange(all);

        // Each was offered to its customer: the requests a script reads back (Graph's …/requests).
        db.AdminRelationshipRequests.AddRange(all.Select(r => new AdminRelationshipRequest(r, AdminRelationshipRequestAction.LockForApproval, r.LockedForApprovalAt!.Value)));
        await db.SaveChangesAsync(ct);
        await LoadTemplatesAsync(db, contoso.Id, now, ct);
    }

    /// <summary>The three starter templates (issue 19), copied for Contoso and mapped to its demo groups; loaded once.</summary>
    public static async Task LoadTemplatesAsync(PortalDbContext db, Guid contosoId, DateTimeOffset now, CancellationToken ct)
    {
        if (await db.AccessTemplates.AnyAsync(t => t.PartnerId == contosoId, ct))
        {
            return;
        }

        var groups = await db.SecurityGroups.Where(g => g.PartnerId == contosoId).ToDictionaryAsync(g => g.Name, g => g.Id, ct);
        if (!groups.TryGetValue(HelpdeskGroup, out var helpdesk) || !groups.TryGetValue(LicensingGroup, out var licensing))
        {
            return;
        }

        foreach (var starter in Domain.Onboarding.StarterTemplates.All)
        {
            var group = starter.Key == "licensing" ? licensing : helpdesk;
            var template = Domain.Onboarding.AccessTemplate.Create(contosoId, starter.Name, starter.Purpose, Domain.Onboarding.StarterTemplates.DurationDays, true, [new(group, starter.Roles.ToList())], now).Value;
            db.AccessTemplates.Add(template);
        }

        await db.SaveChangesAsync(ct);
    }

    private static Guid Role(string name) => EntraRoles.All.Single(r => r.Name == name).Id;

    private static AdminRelationship Pending(Partner partner, string name, int days, Guid[] roles, Customer? customer, DateTimeOffset at)
    {
        var relationship = AdminRelationship.Request(partner.Id, partner.DisplayName, partner.Cloud, name, days, roles, false, customer?.Id, customer?.CompanyName, at).Value;
        relationship.LockForApproval(at);
        return relationship;
    }

    private static AdminRelationship Approved(Partner partner, string name, int days, Guid[] roles, bool autoExtend, Customer customer, DateTimeOffset approvedAt, DateTimeOffset now)
    {
        var relationship = AdminRelationship.Request(partner.Id, partner.DisplayName, partner.Cloud, name, days, roles, autoExtend, customer.Id, customer.CompanyName, approvedAt.AddDays(-1)).Value;
        relationship.LockForApproval(approvedAt.AddDays(-1));
        var approved = relationship.Approve(customer.Id, customer.CompanyName, customer.Cloud, approvedAt);
        return approved.Succeeded && approvedAt <= now ? relationship : throw new InvalidOperationException($"Demo admin relationship {name}: {approved.Error}");
    }

    private static Task<Customer> CustomerAsync(PortalDbContext db, string domainPrefix, CancellationToken ct) =>
        db.Customers.SingleAsync(c => c.Domain.StartsWith(domainPrefix + "."), ct);

    private static Task<Guid> UserIdAsync(PortalDbContext db, string email, CancellationToken ct) =>
        db.Users.Where(u => u.Email == email).Select(u => u.Id).SingleAsync(ct);
}
