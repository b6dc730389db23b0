using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PartnerPortal.Domain.Customers;
using PartnerPortal.Domain.Partners;
using PartnerPortal.Web.Identity;
using PartnerPortal.Web.Identity.Entra;

namespace PartnerPortal.Web.Data.Configurations;

public class EntraTenantLinkConfiguration : IEntityTypeConfiguration<EntraTenantLink>
{
    public void Configure(EntityTypeBuilder<EntraTenantLink> builder)
    {
        builder.HasKey(l => l.TenantId);
        builder.ToTable(t => t.HasCheckConstraint("CK_EntraTenantLinks_one_organization", "(\"PartnerId\" IS NULL) <> (\"CustomerId\" IS NULL)"));
        builder.HasIndex(l => l.PartnerId).IsUnique();
        builder.HasIndex(l => l.CustomerId).IsUnique();
        builder.HasOne<Partner>().WithMany().HasForeignKey(l => l.PartnerId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Customer>().WithMany().HasForeignKey(l => l.CustomerId).OnDelete(DeleteBehavior.Restrict);
    }
}

public class EntraSignInRequestConfiguration : IEntityTypeConfiguration<EntraSignInRequest>
{
    public void Configure(EntityTypeBuilder<EntraSignInRequest> builder)
    {
        builder.Property(r => r.DisplayName).HasMaxLength(EntraSignInRequest.MaxNameLength);
        builder.Property(r => r.Email).HasMaxLength(EntraSignInRequest.MaxEmailLength);
        builder.Property(r => r.Status).HasConversion<string>().HasMaxLength(20);
        builder.Property(r => r.Version).IsRowVersion();
        builder.Ignore(r => r.LoginKey);
        builder.HasIndex(r => new { r.TenantId, r.ObjectId }).IsUnique();
        builder.HasIndex(r => new { r.PartnerId, r.Status });
        builder.HasIndex(r => new { r.CustomerId, r.Status });
        builder.ToTable(t => t.HasCheckConstraint("CK_EntraSignInRequests_one_organization", "(\"PartnerId\" IS NULL) <> (\"CustomerId\" IS NULL)"));
        builder.HasOne<Partner>().WithMany().HasForeignKey(r => r.PartnerId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Customer>().WithMany().HasForeignKey(r => r.CustomerId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<ApplicationUser>().WithMany().HasForeignKey(r => r.UserId).OnDelete(DeleteBehavior.Restrict);
    }
}
