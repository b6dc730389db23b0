using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PartnerPortal.Domain.Partners;

namespace PartnerPortal.Web.Data.Configurations;

public class PartnerConfiguration : IEntityTypeConfiguration<Partner>
{
    public void Configure(EntityTypeBuilder<Partner> builder)
    {
        builder.Property(p => p.DisplayName).HasMaxLength(200);
        builder.Property(p => p.Kind).HasConversion<string>().HasMaxLength(40);
        builder.Property(p => p.Country).HasMaxLength(2).IsFixedLength();
        builder.Property(p => p.Cloud).HasConversion<string>().HasMaxLength(40);
        builder.Property(p => p.MpnId).HasMaxLength(20);
        builder.HasIndex(p => p.MpnId).IsUnique();
    }
}

public class ResellerPartnershipConfiguration : IEntityTypeConfiguration<ResellerPartnership>
{
    public void Configure(EntityTypeBuilder<ResellerPartnership> builder)
    {
        builder.HasOne<Partner>().WithMany().HasForeignKey(p => p.ProviderId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Partner>().WithMany().HasForeignKey(p => p.ResellerId).OnDelete(DeleteBehavior.Restrict);

        // At most one active partnership per provider and reseller; removed ones stay as history.
        builder.HasIndex(p => new { p.ProviderId, p.ResellerId }).IsUnique().HasFilter("\"RemovedAt\" IS NULL");
        builder.HasIndex(p => p.ResellerId);
    }
}
