using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PartnerPortal.Domain.Audit;

namespace PartnerPortal.Web.Data.Configurations;

public class AuditEntryConfiguration : IEntityTypeConfiguration<AuditEntry>
{
    public void Configure(EntityTypeBuilder<AuditEntry> builder)
    {
        builder.Property(a => a.Action).HasMaxLength(60);
        builder.Property(a => a.Actor).HasMaxLength(AuditEntry.MaxActorLength);
        builder.Property(a => a.Subject).HasMaxLength(AuditEntry.MaxSubjectLength);
        builder.Property(a => a.Before).HasColumnType("jsonb");
        builder.Property(a => a.After).HasColumnType("jsonb");

        // The Audit log page filters by organization, date and customer, newest first.
        builder.HasIndex(a => new { a.PartnerId, a.At });
        builder.HasIndex(a => new { a.CustomerId, a.At });
    }
}
