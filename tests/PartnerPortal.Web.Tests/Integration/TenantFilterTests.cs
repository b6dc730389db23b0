using Microsoft.EntityFrameworkCore;
using PartnerPortal.Web.Data;
using PartnerPortal.Web.Tenancy;

namespace PartnerPortal.Web.Tests.Integration;

/// <summary>
/// Which organization-scoping filters each entity type carries in each tenant kind. Every entity type of the model must be in
/// the table, so a new entity cannot silently be left unfiltered: adding one fails here until someone decides its scope.
/// </summary>
public class TenantFilterTests
{
    private sealed record Tenant(Guid? PartnerId, Guid? CustomerId, bool IsSystem) : ITenant;

    private const string Organization = QueryFilters.Organization;
    private const string AggregatePart = QueryFilters.AggregatePart;
    private const string Deleted = QueryFilters.Deleted;

    /// <summary>Entity type name → the filter names it must carry for partner staff and for customers' admins (and anonymous visitors).</summary>
    private static readonly Dictionary<string, (string[] Partner, string[] Customer)> Expected = new()
    {
        ["Customer"] = ([Organization], [Organization]),
        ["CustomerRelationship"] = ([AggregatePart], [AggregatePart]),
        ["DelegatedAdminGrant"] = ([AggregatePart], [AggregatePart]),
        ["InvitationLink"] = ([Organization], [Organization]),
        ["SentInvitation"] = ([Organization], [Organization]),
        ["ResellerPartnership"] = ([Organization], [Organization]),
        ["Subscription"] = ([Organization], [Organization]),
        ["AuditEntry"] = ([Organization], [Organization]),
        ["EntraTenantLink"] = ([Organization], [Organization]),
        ["EntraSignInRequest"] = ([Organization], [Organization]),
        ["AdminRelationship"] = ([Organization], [Organization]),
        ["AccessAssignment"] = ([Organization], [Organization]),
        ["SecurityGroup"] = ([Deleted, Organization], [Deleted, Organization]),
        ["GroupMember"] = ([Organization], [Organization]),

        // Read only by the background job (system); nobody else sees a row.
        ["AdminRelationshipReminder"] = ([Organization], [Organization]),
        ["ApiApplication"] = ([Organization], [Organization]),
        ["AccessTemplate"] = ([Organization], [Organization]),
        ["AccessTemplateLine"] = ([Organization], [Organization]),
        ["Onboarding"] = ([Organization], [Organization]),
        ["OnboardingBatch"] = ([Organization], [Organization]),
        ["AdminRelationshipBulkChange"] = ([Organization], [Organization]),
        ["AdminRelationshipBulkItem"] = ([Organization], [Organization]),
        ["AccessHealthNotice"] = ([Organization], [Organization]),
        ["AccessHealthDigestRun"] = ([Organization], [Organization]),

        // The partner's own requests; a customer sees none.
        ["AdminRelationshipRequest"] = ([Organization], [Organization]),
        ["AdminRelationshipOperation"] = ([Organization], [Organization]),

        // A public directory (names on invitations, reseller lists) and a public catalog.
        ["Partner"] = ([], []),
        ["Offer"] = ([], []),

        // Looked up only by an unguessable token together with its submitter (FormSubmissions).
        ["FormSubmission"] = ([], []),

        // The Data Protection key ring: the application's, not an organization's.
        ["DataProtectionKey"] = ([], []),

        // Identity's tables: sign-in must find users; pages read users through PortalDbContext.OrganizationUsers.
        ["ApplicationUser"] = ([], []),
        ["IdentityRole<Guid>"] = ([], []),
        ["IdentityUserRole<Guid>"] = ([], []),
        ["IdentityUserClaim<Guid>"] = ([], []),
        ["IdentityUserLogin<Guid>"] = ([], []),
        ["IdentityUserToken<Guid>"] = ([], []),
        ["IdentityRoleClaim<Guid>"] = ([], []),
    };

    private static Dictionary<string, string[]> FiltersIn(ITenant tenant)
    {
        var options = (DbContextOptions<PortalDbContext>)PortalDbContext.Configure(new DbContextOptionsBuilder<PortalDbContext>(), "Host=127.0.0.1;Database=unused").Options;
        using var db = new PortalDbContext(options, tenant);
        return db.Model.GetEntityTypes().Where(e => !e.IsOwned())
            .ToDictionary(e => e.DisplayName(), e => e.GetDeclaredQueryFilters().Select(f => f.Key ?? "(anonymous)").Order(StringComparer.Ordinal).ToArray());
    }

    [Fact]
    public void Every_entity_type_has_the_filters_its_tenant_kind_needs()
    {
        var partner = FiltersIn(new Tenant(Guid.NewGuid(), null, false));
        var customer = FiltersIn(new Tenant(null, Guid.NewGuid(), false));
        var anonymous = FiltersIn(new Tenant(null, null, false));
        var system = FiltersIn(SystemTenant.Instance);

        Assert.Equal(Expected.Keys.Order(StringComparer.Ordinal), partner.Keys.Order(StringComparer.Ordinal));
        foreach (var (entity, (forPartner, forCustomer)) in Expected)
        {
            Assert.True(forPartner.SequenceEqual(partner[entity]), $"{entity} for partner staff: [{string.Join(", ", partner[entity])}]");
            Assert.True(forCustomer.SequenceEqual(customer[entity]), $"{entity} for a customer's admin: [{string.Join(", ", customer[entity])}]");
            Assert.True(forCustomer.SequenceEqual(anonymous[entity]), $"{entity} for an anonymous visitor: [{string.Join(", ", anonymous[entity])}]");
            // The system's jobs see every organization, but a deleted row stays deleted for them too.
            Assert.Equal(forPartner.Contains(Deleted) ? [Deleted] : [], system[entity]);
        }
    }
}
