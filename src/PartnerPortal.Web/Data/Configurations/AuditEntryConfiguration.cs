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
        // The Audit log page, seek-paged newest first by (time, id): all of a partner's entries, one action's, one customer's.
        builder.HasIndex(a => new { a.PartnerId, a.At, a.Id });
        builder.HasIndex(a => new { a.PartnerId, a.Action, a.At, a.Id });
        builder.HasIndex(a => new { a.CustomerId, a.At, a.Id });
        builder.HasIndex(a => a.Subject, "IX_AuditEntries_Subject_trgm").HasMethod("gin").HasOperators("gin_trgm_ops");
    }
}
