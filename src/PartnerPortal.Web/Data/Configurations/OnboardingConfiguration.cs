using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PartnerPortal.Domain.AdminRelationships;
using PartnerPortal.Domain.Customers;
using PartnerPortal.Domain.Onboarding;
using PartnerPortal.Domain.Partners;

namespace PartnerPortal.Web.Data.Configurations;

public class AccessTemplateConfiguration : IEntityTypeConfiguration<AccessTemplate>
{
    public void Configure(EntityTypeBuilder<AccessTemplate> builder)
    {
        builder.Property(t => t.Name).HasMaxLength(AccessTemplate.MaxNameLength);
        builder.Property(t => t.Purpose).HasMaxLength(AccessTemplate.MaxPurposeLength);
        builder.Property(t => t.Version).IsRowVersion();
        builder.HasOne<Partner>().WithMany().HasForeignKey(t => t.PartnerId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(t => new { t.PartnerId, t.Name }).IsUnique();
        builder.HasMany(t => t.Lines).WithOne().HasForeignKey(l => l.TemplateId).OnDelete(DeleteBehavior.Cascade);
        builder.Navigation(t => t.Lines).UsePropertyAccessMode(PropertyAccessMode.Field);
        builder.Ignore(t => t.Roles);
        builder.ToTable(t => t.HasCheckConstraint("CK_AccessTemplates_duration", $"\"DurationDays\" BETWEEN {AdminRelationshipRules.MinDurationDays} AND {AdminRelationshipRules.MaxDurationDays}"));
    }
}

public class AccessTemplateLineConfiguration : IEntityTypeConfiguration<AccessTemplateLine>
{
    public void Configure(EntityTypeBuilder<AccessTemplateLine> builder)
    {
        builder.HasOne<SecurityGroup>().WithMany().HasForeignKey(l => l.GroupId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(l => new { l.TemplateId, l.GroupId }).IsUnique();
        builder.HasIndex(l => l.GroupId);
    }
}

public class OnboardingBatchConfiguration : IEntityTypeConfiguration<OnboardingBatch>
{
    public void Configure(EntityTypeBuilder<OnboardingBatch> builder)
    {
        builder.Property(b => b.TemplateName).HasMaxLength(AccessTemplate.MaxNameLength);
        builder.Property(b => b.CreatedBy).HasMaxLength(256);
        builder.Property(b => b.LinkOrigin).HasMaxLength(300);
        builder.HasOne<Partner>().WithMany().HasForeignKey(b => b.PartnerId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(b => new { b.PartnerId, b.CreatedAt });
    }
}

public class OnboardingConfiguration : IEntityTypeConfiguration<Onboarding>
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public void Configure(EntityTypeBuilder<Onboarding> builder)
    {
        builder.Property(o => o.TemplateName).HasMaxLength(AccessTemplate.MaxNameLength);
        builder.Property(o => o.Domain).HasMaxLength(256);
        builder.Property(o => o.CompanyName).HasMaxLength(200);
        builder.Property(o => o.Recipient).HasMaxLength(320);
        builder.Property(o => o.State).HasConversion<string>().HasMaxLength(20);
        builder.Property(o => o.FailedStep).HasConversion<string>().HasMaxLength(20);
        builder.Property(o => o.FailureMessage).HasMaxLength(500);
        builder.Property(o => o.Version).IsRowVersion();
        builder.Ignore(o => o.IsOpen);
        builder.Ignore(o => o.RelationshipName);

        // The template's lines as they were: the onboarding's own copy, so a later edit of the template changes nothing here.
        builder.Property(o => o.Plan).HasColumnType("jsonb").HasConversion(
            plan => JsonSerializer.Serialize(plan, Json),
            json => JsonSerializer.Deserialize<List<PlannedAssignment>>(json, Json) ?? new List<PlannedAssignment>(),
            new ValueComparer<List<PlannedAssignment>>(
                (a, b) => JsonSerializer.Serialize(a, Json) == JsonSerializer.Serialize(b, Json),
                plan => JsonSerializer.Serialize(plan, Json).GetHashCode(StringComparison.Ordinal),
                plan => plan.ToList()));

        builder.HasOne<OnboardingBatch>().WithMany().HasForeignKey(o => o.BatchId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Partner>().WithMany().HasForeignKey(o => o.PartnerId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Customer>().WithMany().HasForeignKey(o => o.CustomerId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<AdminRelationship>().WithMany().HasForeignKey(o => o.RelationshipId).OnDelete(DeleteBehavior.Restrict);

        // One open onboarding per customer and template, even when two batches are started at once.
        builder.HasIndex(o => new { o.PartnerId, o.TemplateId, o.Domain }).IsUnique()
            .HasFilter($"\"State\" IN ({string.Join(", ", OnboardingRules.OpenStates.Select(s => $"'{s}'"))})");

        // A batch's rows in order; the job's queue; the relationship an answer belongs to.
        builder.HasIndex(o => new { o.BatchId, o.Id });
        builder.HasIndex(o => new { o.State, o.Id });
        builder.HasIndex(o => o.RelationshipId);
    }
}

public class AccessHealthNoticeConfiguration : IEntityTypeConfiguration<AccessHealthNotice>
{
    public void Configure(EntityTypeBuilder<AccessHealthNotice> builder)
    {
        builder.Property(n => n.Problem).HasMaxLength(40);
        builder.Property(n => n.Key).HasMaxLength(200);
        builder.HasOne<Partner>().WithMany().HasForeignKey(n => n.PartnerId).OnDelete(DeleteBehavior.Cascade);

        // A problem is told once: two nodes' digests at once cannot both record it.
        builder.HasIndex(n => new { n.PartnerId, n.Problem, n.Key }).IsUnique();
    }
}

public class AccessHealthDigestRunConfiguration : IEntityTypeConfiguration<AccessHealthDigestRun>
{
    public void Configure(EntityTypeBuilder<AccessHealthDigestRun> builder)
    {
        builder.HasKey(r => new { r.PartnerId, r.Day });
        builder.HasOne<Partner>().WithMany().HasForeignKey(r => r.PartnerId).OnDelete(DeleteBehavior.Cascade);
    }
}
