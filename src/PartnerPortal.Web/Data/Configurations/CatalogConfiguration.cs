using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PartnerPortal.Domain.Catalog;
using PartnerPortal.Domain.Customers;
using PartnerPortal.Domain.Partners;

namespace PartnerPortal.Web.Data.Configurations;

public class OfferConfiguration : IEntityTypeConfiguration<Offer>
{
    public void Configure(EntityTypeBuilder<Offer> builder)
    {
        builder.Property(o => o.Cloud).HasConversion<string>().HasMaxLength(40);
        builder.Property(o => o.Name).HasMaxLength(200);
        builder.Property(o => o.BillingType).HasConversion<string>().HasMaxLength(40);
        builder.HasIndex(o => new { o.Cloud, o.Name }).IsUnique();
    }
}

public class SubscriptionConfiguration : IEntityTypeConfiguration<Subscription>
{
    public void Configure(EntityTypeBuilder<Subscription> builder)
    {
        builder.Property(s => s.Status).HasConversion<string>().HasMaxLength(40);
        builder.Property(s => s.Version).IsRowVersion();
        builder.HasOne<Customer>().WithMany().HasForeignKey(s => s.CustomerId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Partner>().WithMany().HasForeignKey(s => s.PartnerId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne(s => s.Offer).WithMany().HasForeignKey(s => s.OfferId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Partner>().WithMany().HasForeignKey(s => s.ResellerId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Partner>().WithMany().HasForeignKey(s => s.SupportContactId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(s => s.CustomerId);
        builder.HasIndex(s => s.ResellerId);
    }
}
