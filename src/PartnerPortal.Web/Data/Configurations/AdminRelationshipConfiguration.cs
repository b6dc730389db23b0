using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PartnerPortal.Domain.AdminRelationships;
using PartnerPortal.Domain.Customers;
using PartnerPortal.Domain.Partners;
using PartnerPortal.Web.Features.AdminRelationships;
using PartnerPortal.Web.Identity;

namespace PartnerPortal.Web.Data.Configurations;

public class AdminRelationshipConfiguration : IEntityTypeConfiguration<AdminRelationship>
{
    public void Configure(EntityTypeBuilder<AdminRelationship> builder)
    {
        builder.Property(r => r.Code).HasMaxLength(32);
        builder.HasIndex(r => r.Code).IsUnique();
        builder.Property(r => r.PartnerName).HasMaxLength(200);
        builder.Property(r => r.DisplayName).HasMaxLength(AdminRelationshipRules.MaxNameLength);
        builder.Property(r => r.CustomerName).HasMaxLength(200);
        builder.Property(r => r.Cloud).HasConversion<string>().HasMaxLength(20);
        builder.Property(r => r.Status).HasConversion<string>().HasMaxLength(20);
        builder.Property(r => r.EndReason).HasConversion<string>().HasMaxLength(30);
        builder.Property(r => r.Version).IsRowVersion();
        builder.HasOne<Partner>().WithMany().HasForeignKey(r => r.PartnerId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Customer>().WithMany().HasForeignKey(r => r.CustomerId).OnDelete(DeleteBehavior.Restrict);
        builder.HasMany(r => r.Assignments).WithOne().HasForeignKey(a => a.RelationshipId).OnDelete(DeleteBehavior.Cascade);
        builder.Navigation(r => r.Assignments).UsePropertyAccessMode(PropertyAccessMode.Field);

        // The rules the database holds too: 1 to 730 days; never auto-extend with Global Administrator.
        builder.ToTable(t =>
        {
            t.HasCheckConstraint("CK_AdminRelationships_duration", $"\"DurationDays\" BETWEEN {AdminRelationshipRules.MinDurationDays} AND {AdminRelationshipRules.MaxDurationDays}");
            t.HasCheckConstraint("CK_AdminRelationships_no_auto_extend_with_global_admin", $"NOT (\"AutoExtend\" AND '{EntraRoles.GlobalAdministratorId}'::uuid = ANY (\"Roles\"))");
            t.HasCheckConstraint("CK_AdminRelationships_active_has_customer", "\"Status\" NOT IN ('Active', 'Expired') OR (\"CustomerId\" IS NOT NULL AND \"EndsAt\" IS NOT NULL)");
        });

        // A name is unique, ignoring case, among the partner's relationships that have not ended (see AdminRelationshipNames):
        // a stored lower-case copy of the name that PostgreSQL keeps, under a partial unique index.
        builder.Property<string>(AdminRelationshipNames.KeyColumn).HasMaxLength(AdminRelationshipRules.MaxNameLength)
            .HasComputedColumnSql("lower(\"DisplayName\"::text)", stored: true);
        builder.HasIndex(nameof(AdminRelationship.PartnerId), AdminRelationshipNames.KeyColumn).IsUnique()
            .HasFilter("\"Status\" IN ('Created', 'ApprovalPending', 'Active')").HasDatabaseName(AdminRelationshipNames.UniqueIndex);

        // The partner's list, in end-date order (the expiring page), and a customer's relationships.
        builder.HasIndex(r => new { r.PartnerId, r.EndsAt, r.Id });
        builder.HasIndex(r => new { r.CustomerId, r.Status });

        // The background job's question: which active relationships reach their end or a reminder soon?
        builder.HasIndex(r => new { r.Status, r.EndsAt });
    }
}

public class AccessAssignmentConfiguration : IEntityTypeConfiguration<AccessAssignment>
{
    public void Configure(EntityTypeBuilder<AccessAssignment> builder)
    {
        builder.HasOne<SecurityGroup>().WithMany().HasForeignKey(a => a.GroupId).OnDelete(DeleteBehavior.Restrict);

        // The access job's queue: assignments not yet applied.
        builder.HasIndex(a => a.CreatedAt).HasFilter("\"ActivatedAt\" IS NULL AND \"RemovedAt\" IS NULL").HasDatabaseName("IX_AccessAssignments_pending");

        // One active assignment per group and relationship, even when two admins assign at once.
        builder.HasIndex(a => new { a.RelationshipId, a.GroupId }).IsUnique().HasFilter("\"RemovedAt\" IS NULL");
        builder.HasIndex(a => a.GroupId);
    }
}

public class SecurityGroupConfiguration : IEntityTypeConfiguration<SecurityGroup>
{
    public void Configure(EntityTypeBuilder<SecurityGroup> builder)
    {
        builder.Property(g => g.Name).HasMaxLength(SecurityGroup.MaxNameLength);
        builder.Property(g => g.Description).HasMaxLength(SecurityGroup.MaxDescriptionLength);
        builder.HasOne<Partner>().WithMany().HasForeignKey(g => g.PartnerId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(g => new { g.PartnerId, g.Name }).IsUnique().HasFilter("\"DeletedAt\" IS NULL");
        builder.HasMany(g => g.Members).WithOne().HasForeignKey(m => m.GroupId).OnDelete(DeleteBehavior.Cascade);
        builder.Navigation(g => g.Members).UsePropertyAccessMode(PropertyAccessMode.Field);
    }
}

public class GroupMemberConfiguration : IEntityTypeConfiguration<GroupMember>
{
    public void Configure(EntityTypeBuilder<GroupMember> builder)
    {
        builder.HasKey(m => new { m.GroupId, m.UserId });
        builder.HasOne<ApplicationUser>().WithMany().HasForeignKey(m => m.UserId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(m => m.UserId);
    }
}

public class AdminRelationshipReminderConfiguration : IEntityTypeConfiguration<AdminRelationshipReminder>
{
    public void Configure(EntityTypeBuilder<AdminRelationshipReminder> builder)
    {
        builder.HasKey(r => new { r.RelationshipId, r.EndsAt, r.DaysBefore });
        builder.HasOne<AdminRelationship>().WithMany().HasForeignKey(r => r.RelationshipId).OnDelete(DeleteBehavior.Cascade);
    }
}

public class ApiApplicationConfiguration : IEntityTypeConfiguration<Api.ApiApplication>
{
    public void Configure(EntityTypeBuilder<Api.ApiApplication> builder)
    {
        builder.Property(a => a.Id).ValueGeneratedNever();
        builder.Property(a => a.Name).HasMaxLength(Api.ApiApplication.MaxNameLength);
        builder.Property(a => a.SecretHash).HasMaxLength(32);
        builder.Property(a => a.CreatedBy).HasMaxLength(256);
        builder.HasOne<Partner>().WithMany().HasForeignKey(a => a.PartnerId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(a => new { a.PartnerId, a.CreatedAt });
    }
}

public class AdminRelationshipRequestConfiguration : IEntityTypeConfiguration<AdminRelationshipRequest>
{
    public void Configure(EntityTypeBuilder<AdminRelationshipRequest> builder)
    {
        builder.Property(r => r.Action).HasConversion<string>().HasMaxLength(20);
        builder.HasOne<AdminRelationship>().WithMany().HasForeignKey(r => r.RelationshipId).OnDelete(DeleteBehavior.Cascade);

        // A relationship's requests in the order they were made (Graph's list, seek-paged by time and id).
        builder.HasIndex(r => new { r.RelationshipId, r.CreatedAt, r.Id });
    }
}

public class AdminRelationshipOperationConfiguration : IEntityTypeConfiguration<AdminRelationshipOperation>
{
    public void Configure(EntityTypeBuilder<AdminRelationshipOperation> builder)
    {
        builder.Property(o => o.Type).HasConversion<string>().HasMaxLength(30);
        builder.Property(o => o.Status).HasConversion<string>().HasMaxLength(20);
        builder.Property(o => o.RequestedBy).HasMaxLength(256);
        builder.Property(o => o.FailureCode).HasMaxLength(60);
        builder.Property(o => o.FailureMessage).HasMaxLength(300);
        builder.HasOne<AdminRelationship>().WithMany().HasForeignKey(o => o.RelationshipId).OnDelete(DeleteBehavior.Cascade);

        // A relationship's operations in the order they were asked for (Graph's list, seek-paged by time and id).
        builder.HasIndex(o => new { o.RelationshipId, o.CreatedAt, o.Id });

        // One unfinished change per assignment (or relationship), even when two scripts ask at once; and the job's queue.
        builder.HasIndex(o => o.Target).IsUnique().HasFilter("\"Status\" IN ('NotStarted', 'Running')").HasDatabaseName("IX_AdminRelationshipOperations_one_unfinished_per_target");
        builder.HasIndex(o => o.CreatedAt).HasFilter("\"Status\" IN ('NotStarted', 'Running')").HasDatabaseName("IX_AdminRelationshipOperations_queue");
    }
}

public class AdminRelationshipBulkChangeConfiguration : IEntityTypeConfiguration<AdminRelationshipBulkChange>
{
    public void Configure(EntityTypeBuilder<AdminRelationshipBulkChange> builder)
    {
        builder.Property(c => c.Kind).HasConversion<string>().HasMaxLength(20);
        builder.Property(c => c.CreatedBy).HasMaxLength(256);
        builder.HasOne<Partner>().WithMany().HasForeignKey(c => c.PartnerId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(c => new { c.PartnerId, c.CreatedAt });
    }
}

public class AdminRelationshipBulkItemConfiguration : IEntityTypeConfiguration<AdminRelationshipBulkItem>
{
    public void Configure(EntityTypeBuilder<AdminRelationshipBulkItem> builder)
    {
        builder.Property(i => i.RelationshipName).HasMaxLength(AdminRelationshipRules.MaxNameLength);
        builder.Property(i => i.State).HasConversion<string>().HasMaxLength(20);
        builder.Property(i => i.RefusalCode).HasMaxLength(100);
        builder.Property(i => i.RefusalMessage).HasMaxLength(500);
        builder.HasOne<AdminRelationshipBulkChange>().WithMany().HasForeignKey(i => i.ChangeId).OnDelete(DeleteBehavior.Cascade);

        // No foreign key to the relationship: one deleted before the change reaches it stays here, refused with that reason.
        // One row per relationship in a change; a change's rows in order; the job's queue (only queued rows are indexed).
        builder.HasIndex(i => new { i.ChangeId, i.RelationshipId }).IsUnique();
        builder.HasIndex(i => new { i.ChangeId, i.State, i.Id });
        builder.HasIndex(i => i.Id).HasFilter("\"State\" = 'Queued'").HasDatabaseName("IX_AdminRelationshipBulkItems_queued");
    }
}
