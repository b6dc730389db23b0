using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using PartnerPortal.Domain.AdminRelationships;
using PartnerPortal.Domain.Audit;
using PartnerPortal.Domain.Catalog;
using PartnerPortal.Domain.Customers;
using PartnerPortal.Domain.Invitations;
using PartnerPortal.Domain.Partners;
using PartnerPortal.Domain.Relationships;
using PartnerPortal.Web.Identity;
using PartnerPortal.Web.Tenancy;

namespace PartnerPortal.Web.Data;

/// <summary>Names of the organization-scoping query filters (EF Core named filters).</summary>
public static class QueryFilters
{
    /// <summary>Scopes a root: what the signed-in organization may see at all.</summary>
    public const string Organization = "Organization";

    /// <summary>Scopes the parts of the customer aggregate in reads; commands switch it off through <see cref="PortalDbContext.CustomerAggregates"/>.</summary>
    public const string AggregatePart = "AggregatePart";

    /// <summary>Hides rows deleted by a person but kept for their history (a deleted security group).</summary>
    public const string Deleted = "Deleted";
}

/// <summary>
/// The portal's database. Its query filters are where organization scoping lives: a partner sees its own rows and the
/// customers it has an active relationship with (as partner or as associated indirect reseller); a customer's admin sees
/// its own organization. Code that must cross organizations (following an invitation link) calls IgnoreQueryFilters
/// explicitly, in <see cref="CrossOrganizationLookups"/> only.
/// </summary>
public class PortalDbContext(DbContextOptions<PortalDbContext> options, ITenant tenant)
    : IdentityDbContext<ApplicationUser, IdentityRole<Guid>, Guid>(options), IDataProtectionKeyContext
{
    // Guid.Empty never matches a row, so a missing organization sees nothing (and avoids SQL "NULL = NULL" surprises).
    private Guid ScopePartnerId => tenant.PartnerId ?? Guid.Empty;
    private Guid ScopeCustomerId => tenant.CustomerId ?? Guid.Empty;
    private bool Unscoped => tenant.IsSystem;

    /// <summary>Which filter shapes this context's model carries; part of EF's model cache key.</summary>
    internal TenantKind TenantKind => TenantModelCacheKeyFactory.KindOf(tenant);

    public DbSet<Partner> Partners => Set<Partner>();
    public DbSet<Customer> Customers => Set<Customer>();
    public DbSet<CustomerRelationship> CustomerRelationships => Set<CustomerRelationship>();
    public DbSet<DelegatedAdminGrant> DelegatedAdminGrants => Set<DelegatedAdminGrant>();
    public DbSet<InvitationLink> InvitationLinks => Set<InvitationLink>();
    public DbSet<SentInvitation> SentInvitations => Set<SentInvitation>();
    public DbSet<ResellerPartnership> ResellerPartnerships => Set<ResellerPartnership>();
    public DbSet<Offer> Offers => Set<Offer>();
    public DbSet<Subscription> Subscriptions => Set<Subscription>();
    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();
    public DbSet<FormSubmission> FormSubmissions => Set<FormSubmission>();
    public DbSet<Identity.Entra.EntraTenantLink> EntraTenantLinks => Set<Identity.Entra.EntraTenantLink>();
    public DbSet<Identity.Entra.EntraSignInRequest> EntraSignInRequests => Set<Identity.Entra.EntraSignInRequest>();
    public DbSet<AdminRelationship> AdminRelationships => Set<AdminRelationship>();
    public DbSet<AccessAssignment> AccessAssignments => Set<AccessAssignment>();
    public DbSet<SecurityGroup> SecurityGroups => Set<SecurityGroup>();
    public DbSet<GroupMember> GroupMembers => Set<GroupMember>();
    public DbSet<AdminRelationshipReminder> AdminRelationshipReminders => Set<AdminRelationshipReminder>();
    public DbSet<AdminRelationshipRequest> AdminRelationshipRequests => Set<AdminRelationshipRequest>();
    public DbSet<AdminRelationshipOperation> AdminRelationshipOperations => Set<AdminRelationshipOperation>();
    public DbSet<Api.ApiApplication> ApiApplications => Set<Api.ApiApplication>();
    public DbSet<Domain.Onboarding.AccessTemplate> AccessTemplates => Set<Domain.Onboarding.AccessTemplate>();
    public DbSet<Domain.Onboarding.AccessTemplateLine> AccessTemplateLines => Set<Domain.Onboarding.AccessTemplateLine>();
    public DbSet<Domain.Onboarding.Onboarding> Onboardings => Set<Domain.Onboarding.Onboarding>();
    public DbSet<Domain.Onboarding.OnboardingBatch> OnboardingBatches => Set<Domain.Onboarding.OnboardingBatch>();
    public DbSet<Domain.Onboarding.AccessHealthNotice> AccessHealthNotices => Set<Domain.Onboarding.AccessHealthNotice>();
    public DbSet<Domain.Onboarding.AccessHealthDigestRun> AccessHealthDigestRuns => Set<Domain.Onboarding.AccessHealthDigestRun>();
    public DbSet<AdminRelationshipBulkChange> AdminRelationshipBulkChanges => Set<AdminRelationshipBulkChange>();
    public DbSet<AdminRelationshipBulkItem> AdminRelationshipBulkItems => Set<AdminRelationshipBulkItem>();

    /// <summary>The Data Protection key ring (cookies, antiforgery tokens, protected form fields), shared by every portal process.</summary>
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    /// <summary>
    /// Customers with their whole aggregate (every relationship and delegated-admin grant, whoever holds them), for commands.
    /// The root stays scoped to the signed-in organization; only the parts' filters are switched off, so a command that is
    /// allowed to act on the customer sees, and can change, all of it (removing a relationship revokes the reseller's grants).
    /// </summary>
    public IQueryable<Customer> CustomerAggregates =>
        Customers.IgnoreQueryFilters([QueryFilters.AggregatePart]).Include(c => c.Relationships).Include(c => c.DelegatedAdminGrants);

    /// <summary>
    /// The signed-in partner's active relationships as the billing partner: one range of the index (partner, name, customer).
    /// The part filter is replaced by this narrower condition, which PostgreSQL can walk in order (the filter's "billing
    /// partner or reseller" cannot be), so a page of a 100,000-customer list costs what a page of a 100-customer one does.
    /// </summary>
    public IQueryable<CustomerRelationship> RelationshipsBilledBySignedInPartner =>
        CustomerRelationships.IgnoreQueryFilters([QueryFilters.AggregatePart]).Where(r => r.RemovedAt == null && r.PartnerId == ScopePartnerId);

    /// <summary>The signed-in partner's active relationships as the associated indirect reseller, one index range likewise.</summary>
    public IQueryable<CustomerRelationship> RelationshipsResoldBySignedInPartner =>
        CustomerRelationships.IgnoreQueryFilters([QueryFilters.AggregatePart]).Where(r => r.RemovedAt == null && r.IndirectResellerId == ScopePartnerId);

    /// <summary>
    /// Customers without the organization filter, only to join to rows of the two properties above, which already limit them
    /// to the signed-in partner's customers (the filter would re-check each row's relationships before the page's limit).
    /// </summary>
    public IQueryable<Customer> CustomersOfScopedRelationships => Customers.IgnoreQueryFilters([QueryFilters.Organization]);

    /// <summary>The provider settings every PortalDbContext uses, in the app and in tests.</summary>
    public static DbContextOptionsBuilder Configure(DbContextOptionsBuilder options, string connectionString) =>
        options.UseNpgsql(WithPoolCap(connectionString)).ReplaceService<IModelCacheKeyFactory, TenantModelCacheKeyFactory>();

    /// <summary>Connections one portal process may hold when the connection string does not say.</summary>
    public const int DefaultMaxPoolSize = 40;

    /// <summary>
    /// PostgreSQL allows 100 connections by default; Npgsql's own default pool is also 100, so one busy process could take
    /// them all. Unless the connection string sets a pool size, a process holds at most <see cref="DefaultMaxPoolSize"/>
    /// (two processes and the tools still fit) and waits at most 5 s for one, then the request is answered 503.
    /// </summary>
    public static string WithPoolCap(string connectionString)
    {
        var builder = new Npgsql.NpgsqlConnectionStringBuilder(connectionString);
        if (!connectionString.Contains("Pool Size", StringComparison.OrdinalIgnoreCase))
        {
            builder.MaxPoolSize = DefaultMaxPoolSize;
            builder.Timeout = 5;
        }

        // The list pages send the same few statements over and over: prepared once per connection, PostgreSQL stops planning
        // them on every view (issue 11). Set "Max Auto Prepare=0" behind a pooler that cannot keep prepared statements.
        if (!connectionString.Contains("Auto Prepare", StringComparison.OrdinalIgnoreCase))
        {
            builder.MaxAutoPrepare = 64;
            builder.AutoPrepareMinUsages = 2;
        }

        // EF opens and closes the connection around each query, and Npgsql by default resets a pooled connection's session
        // ("RESET ALL; CLOSE ALL; UNLISTEN *; ...") each time: one more round trip per query, nine more per Customers page.
        // The portal keeps no session state (its only advisory lock is transaction-scoped; it sets nothing, listens to nothing,
        // makes no temporary tables), so there is nothing to reset.
        if (!connectionString.Contains("Reset On Close", StringComparison.OrdinalIgnoreCase))
        {
            builder.NoResetOnClose = true;
        }

        // Prepared statements may then run on PostgreSQL's generic plan (its default, plan_cache_mode=auto), planned once per
        // connection instead of on every view. The one shape a generic plan serves badly, a search whose selectivity depends
        // on the text (a generic plan would walk a 100,000-customer index range for a text that matches one customer), puts the
        // pattern into the SQL as a literal (EF.Constant, see SearchPattern), so each text is planned for itself.

        return builder.ConnectionString;
    }

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.HasPostgresExtension("pg_trgm");
        builder.ApplyConfigurationsFromAssembly(typeof(PortalDbContext).Assembly);

        // Domain entities create their own Guid ids. Telling EF the key is never generated makes a new child found through a
        // navigation (a relationship added to a customer) an insert, not an update of a row that does not exist.
        foreach (var entity in builder.Model.GetEntityTypes().Where(e => e.ClrType.Namespace?.StartsWith("PartnerPortal.Domain", StringComparison.Ordinal) == true && !e.IsOwned() && e.FindProperty("Id") is not null))
        {
            builder.Entity(entity.ClrType).Property("Id").ValueGeneratedNever();
        }
        builder.Entity<ApplicationUser>(u =>
        {
            u.Property(x => x.DisplayName).HasMaxLength(200);
            u.Property(x => x.PreferredLanguage).HasMaxLength(16);
            u.ToTable(t => t.HasCheckConstraint("CK_AspNetUsers_one_organization", "(\"PartnerId\" IS NULL) <> (\"CustomerId\" IS NULL)"));
            u.HasOne<Partner>().WithMany().HasForeignKey(x => x.PartnerId).OnDelete(DeleteBehavior.Restrict);
            u.HasOne<Customer>().WithMany().HasForeignKey(x => x.CustomerId).OnDelete(DeleteBehavior.Restrict);

            // The Users list, seek-paged by (email, id) within the organization.
            u.HasIndex(x => new { x.PartnerId, x.NormalizedEmail, x.Id });
            u.HasIndex(x => new { x.CustomerId, x.NormalizedEmail, x.Id });
        });

        // Partners are a directory every signed-in user may read (names on invitations, reseller lists); writes go through pages
        // that check the signed-in partner. Offers are a public catalog. Everything else is scoped here, with one filter shape
        // per kind of tenant (see TenantModelCacheKeyFactory), so each query plan stays simple.
        builder.Entity<SecurityGroup>().HasQueryFilter(QueryFilters.Deleted, g => g.DeletedAt == null);
        switch (TenantModelCacheKeyFactory.KindOf(tenant))
        {
            case TenantKind.Partner:
                builder.Entity<Customer>().HasQueryFilter(QueryFilters.Organization, c =>
                    c.Relationships.Any(r => r.RemovedAt == null && (r.PartnerId == ScopePartnerId || r.IndirectResellerId == ScopePartnerId)));
                builder.Entity<CustomerRelationship>().HasQueryFilter(QueryFilters.AggregatePart, r => r.PartnerId == ScopePartnerId || r.IndirectResellerId == ScopePartnerId);
                builder.Entity<DelegatedAdminGrant>().HasQueryFilter(QueryFilters.AggregatePart, g => g.PartnerId == ScopePartnerId);
                builder.Entity<InvitationLink>().HasQueryFilter(QueryFilters.Organization, l => l.PartnerId == ScopePartnerId);
                builder.Entity<SentInvitation>().HasQueryFilter(QueryFilters.Organization, s => s.PartnerId == ScopePartnerId);
                builder.Entity<ResellerPartnership>().HasQueryFilter(QueryFilters.Organization, p => p.ProviderId == ScopePartnerId || p.ResellerId == ScopePartnerId);

                // The seller's or the named reseller's, and only while the partner still works with the customer: removing the
                // relationship takes its subscriptions out of sight too.
                builder.Entity<Subscription>().HasQueryFilter(QueryFilters.Organization, s =>
                    (s.PartnerId == ScopePartnerId || s.ResellerId == ScopePartnerId)
                    && CustomerRelationships.Any(r => r.CustomerId == s.CustomerId && r.RemovedAt == null && (r.PartnerId == ScopePartnerId || r.IndirectResellerId == ScopePartnerId)));
                builder.Entity<AuditEntry>().HasQueryFilter(QueryFilters.Organization, a => a.PartnerId == ScopePartnerId);
                builder.Entity<Identity.Entra.EntraTenantLink>().HasQueryFilter(QueryFilters.Organization, l => l.PartnerId == ScopePartnerId);
                builder.Entity<Identity.Entra.EntraSignInRequest>().HasQueryFilter(QueryFilters.Organization, r => r.PartnerId == ScopePartnerId);
                builder.Entity<AdminRelationship>().HasQueryFilter(QueryFilters.Organization, r => r.PartnerId == ScopePartnerId);
                builder.Entity<AccessAssignment>().HasQueryFilter(QueryFilters.Organization, a => SecurityGroups.Any(g => g.Id == a.GroupId && g.PartnerId == ScopePartnerId));
                builder.Entity<SecurityGroup>().HasQueryFilter(QueryFilters.Organization, g => g.PartnerId == ScopePartnerId);
                builder.Entity<GroupMember>().HasQueryFilter(QueryFilters.Organization, m => SecurityGroups.Any(g => g.Id == m.GroupId && g.PartnerId == ScopePartnerId));
                builder.Entity<AdminRelationshipReminder>().HasQueryFilter(QueryFilters.Organization, r => r.RelationshipId == Guid.Empty);
                builder.Entity<AdminRelationshipRequest>().HasQueryFilter(QueryFilters.Organization, r => r.PartnerId == ScopePartnerId);
                builder.Entity<AdminRelationshipOperation>().HasQueryFilter(QueryFilters.Organization, o => o.PartnerId == ScopePartnerId);
                builder.Entity<Api.ApiApplication>().HasQueryFilter(QueryFilters.Organization, a => a.PartnerId == ScopePartnerId);
                builder.Entity<Domain.Onboarding.AccessTemplate>().HasQueryFilter(QueryFilters.Organization, t => t.PartnerId == ScopePartnerId);
                builder.Entity<Domain.Onboarding.AccessTemplateLine>().HasQueryFilter(QueryFilters.Organization, l => AccessTemplates.Any(t => t.Id == l.TemplateId && t.PartnerId == ScopePartnerId));
                builder.Entity<Domain.Onboarding.Onboarding>().HasQueryFilter(QueryFilters.Organization, o => o.PartnerId == ScopePartnerId);
                builder.Entity<Domain.Onboarding.OnboardingBatch>().HasQueryFilter(QueryFilters.Organization, b => b.PartnerId == ScopePartnerId);
                builder.Entity<AdminRelationshipBulkChange>().HasQueryFilter(QueryFilters.Organization, c => c.PartnerId == ScopePartnerId);
                builder.Entity<Domain.Onboarding.AccessHealthNotice>().HasQueryFilter(QueryFilters.Organization, n => n.PartnerId == ScopePartnerId);
                builder.Entity<Domain.Onboarding.AccessHealthDigestRun>().HasQueryFilter(QueryFilters.Organization, r => r.PartnerId == ScopePartnerId);
                builder.Entity<AdminRelationshipBulkItem>().HasQueryFilter(QueryFilters.Organization, i => i.PartnerId == ScopePartnerId);
                break;

            case TenantKind.Customer:
                // Also the anonymous case: ScopeCustomerId is then Guid.Empty and nothing matches.
                builder.Entity<Customer>().HasQueryFilter(QueryFilters.Organization, c => c.Id == ScopeCustomerId);
                builder.Entity<CustomerRelationship>().HasQueryFilter(QueryFilters.AggregatePart, r => r.CustomerId == ScopeCustomerId);
                builder.Entity<DelegatedAdminGrant>().HasQueryFilter(QueryFilters.AggregatePart, g => g.CustomerId == ScopeCustomerId);
                builder.Entity<InvitationLink>().HasQueryFilter(QueryFilters.Organization, l => l.PartnerId == Guid.Empty);
                builder.Entity<SentInvitation>().HasQueryFilter(QueryFilters.Organization, s => s.PartnerId == Guid.Empty);
                builder.Entity<ResellerPartnership>().HasQueryFilter(QueryFilters.Organization, p => p.ProviderId == Guid.Empty);
                builder.Entity<Subscription>().HasQueryFilter(QueryFilters.Organization, s => s.CustomerId == ScopeCustomerId);
                builder.Entity<AuditEntry>().HasQueryFilter(QueryFilters.Organization, a => a.CustomerId == ScopeCustomerId);
                builder.Entity<Identity.Entra.EntraTenantLink>().HasQueryFilter(QueryFilters.Organization, l => l.CustomerId == ScopeCustomerId);
                builder.Entity<Identity.Entra.EntraSignInRequest>().HasQueryFilter(QueryFilters.Organization, r => r.CustomerId == ScopeCustomerId);
                builder.Entity<AdminRelationship>().HasQueryFilter(QueryFilters.Organization, r => r.CustomerId == ScopeCustomerId);

                // A customer sees which roles a partner holds, not the partner's own groups.
                builder.Entity<AccessAssignment>().HasQueryFilter(QueryFilters.Organization, a => AdminRelationships.Any(r => r.Id == a.RelationshipId && r.CustomerId == ScopeCustomerId));
                builder.Entity<SecurityGroup>().HasQueryFilter(QueryFilters.Organization, g => g.PartnerId == Guid.Empty);
                builder.Entity<GroupMember>().HasQueryFilter(QueryFilters.Organization, m => m.GroupId == Guid.Empty);
                builder.Entity<AdminRelationshipReminder>().HasQueryFilter(QueryFilters.Organization, r => r.RelationshipId == Guid.Empty);
                builder.Entity<AdminRelationshipRequest>().HasQueryFilter(QueryFilters.Organization, r => r.PartnerId == Guid.Empty);
                builder.Entity<AdminRelationshipOperation>().HasQueryFilter(QueryFilters.Organization, o => o.PartnerId == Guid.Empty);
                builder.Entity<Api.ApiApplication>().HasQueryFilter(QueryFilters.Organization, a => a.PartnerId == Guid.Empty);
                builder.Entity<Domain.Onboarding.AccessTemplate>().HasQueryFilter(QueryFilters.Organization, t => t.PartnerId == Guid.Empty);
                builder.Entity<Domain.Onboarding.AccessTemplateLine>().HasQueryFilter(QueryFilters.Organization, l => l.TemplateId == Guid.Empty);
                builder.Entity<Domain.Onboarding.Onboarding>().HasQueryFilter(QueryFilters.Organization, o => o.PartnerId == Guid.Empty);
                builder.Entity<Domain.Onboarding.OnboardingBatch>().HasQueryFilter(QueryFilters.Organization, b => b.PartnerId == Guid.Empty);
                builder.Entity<AdminRelationshipBulkChange>().HasQueryFilter(QueryFilters.Organization, c => c.PartnerId == Guid.Empty);
                builder.Entity<Domain.Onboarding.AccessHealthNotice>().HasQueryFilter(QueryFilters.Organization, n => n.PartnerId == Guid.Empty);
                builder.Entity<Domain.Onboarding.AccessHealthDigestRun>().HasQueryFilter(QueryFilters.Organization, r => r.PartnerId == Guid.Empty);
                builder.Entity<AdminRelationshipBulkItem>().HasQueryFilter(QueryFilters.Organization, i => i.PartnerId == Guid.Empty);
                break;

            case TenantKind.System:
                break;
        }
    }

    /// <summary>
    /// Users of the signed-in organization. Identity's own lookups (sign-in) need the unfiltered table, so users are scoped here:
    /// one condition per kind of tenant, so the Users list walks its index (organization, email, id).
    /// </summary>
    public IQueryable<ApplicationUser> OrganizationUsers =>
        Unscoped ? Users
        : tenant.PartnerId is { } partnerId ? Users.Where(u => u.PartnerId == partnerId)
        : Users.Where(u => u.CustomerId == ScopeCustomerId);
}
