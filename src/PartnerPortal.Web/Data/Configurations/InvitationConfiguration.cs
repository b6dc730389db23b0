using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PartnerPortal.Domain.Invitations;
using PartnerPortal.Domain.Partners;

namespace PartnerPortal.Web.Data.Configurations;

public class InvitationLinkConfiguration : IEntityTypeConfiguration<InvitationLink>
{
    public void Configure(EntityTypeBuilder<InvitationLink> builder)
    {
        builder.Property(l => l.Code).HasMaxLength(32);
        builder.HasIndex(l => l.Code).IsUnique();
        builder.Property(l => l.Kind).HasConversion<string>().HasMaxLength(40);
        builder.HasOne<Partner>().WithMany().HasForeignKey(l => l.PartnerId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Partner>().WithMany().HasForeignKey(l => l.IndirectProviderId).OnDelete(DeleteBehavior.Restrict);

        // One reusable link per partner and request (seed 003: "You can reuse the same link").
        builder.HasIndex(l => new { l.PartnerId, l.Kind, l.IncludesDelegatedAdmin, l.IndirectProviderId }).IsUnique().AreNullsDistinct(false);
        builder.Ignore(l => l.BillingPartnerId);
    }
}

public class SentInvitationConfiguration : IEntityTypeConfiguration<SentInvitation>
{
    public void Configure(EntityTypeBuilder<SentInvitation> builder)
    {
        builder.Property(s => s.Kind).HasConversion<string>().HasMaxLength(40);
        builder.Property(s => s.Recipients).HasMaxLength(2000);
        builder.Property(s => s.SentBy).HasMaxLength(256);
        builder.Property(s => s.Language).HasMaxLength(10);
        builder.Property(s => s.AcceptedByOrganization).HasMaxLength(200);
        builder.HasOne<InvitationLink>().WithMany().HasForeignKey(s => s.LinkId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Domain.AdminRelationships.AdminRelationship>().WithMany().HasForeignKey(s => s.AdminRelationshipId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(s => s.AdminRelationshipId);
        // An invitation or request names its link or relationship (one of them); a digest names neither.
        builder.ToTable(t => t.HasCheckConstraint("CK_SentInvitations_one_subject", "CASE WHEN \"Kind\" = 'AccessHealthDigest' THEN \"LinkId\" IS NULL AND \"AdminRelationshipId\" IS NULL ELSE (\"LinkId\" IS NULL) <> (\"AdminRelationshipId\" IS NULL) END"));
        builder.HasOne<Partner>().WithMany().HasForeignKey(s => s.PartnerId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(s => new { s.PartnerId, s.SentAt, s.Id });
        builder.Property(s => s.Subject).HasMaxLength(200);
        builder.Property(s => s.DeliveryStatus).HasConversion<string>().HasMaxLength(20);
        builder.Property(s => s.LastError).HasMaxLength(500);

        // The dispatcher's question: which queued messages are due?
        builder.HasIndex(s => new { s.DeliveryStatus, s.NextAttemptAt });
    }
}
