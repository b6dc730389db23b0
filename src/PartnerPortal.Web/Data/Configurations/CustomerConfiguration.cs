using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PartnerPortal.Domain.Customers;
using PartnerPortal.Domain.Partners;
using PartnerPortal.Domain.Relationships;

namespace PartnerPortal.Web.Data.Configurations;

public class CustomerConfiguration : IEntityTypeConfiguration<Customer>
{
    public void Configure(EntityTypeBuilder<Customer> builder)
    {
        builder.Property(c => c.CompanyName).HasMaxLength(200);
        builder.Property(c => c.Domain).HasMaxLength(100);
        builder.HasIndex(c => c.Domain).IsUnique();
        builder.Property(c => c.Country).HasMaxLength(2).IsFixedLength();
        builder.Property(c => c.Cloud).HasConversion<string>().HasMaxLength(40);

        // Paged, searchable Customers page: ordered by name; "contains" search on name and domain uses trigram indexes.
        builder.HasIndex(c => new { c.CompanyName, c.Id });
        builder.HasIndex(c => c.CompanyName, "IX_Customers_CompanyName_trgm").HasMethod("gin").HasOperators("gin_trgm_ops");
        builder.HasIndex(c => c.Domain, "IX_Customers_Domain_trgm").HasMethod("gin").HasOperators("gin_trgm_ops");

        builder.OwnsOne(c => c.Address, a =>
        {
            a.Property(x => x.Line1).HasMaxLength(200).HasColumnName("AddressLine1");
            a.Property(x => x.Line2).HasMaxLength(200).HasColumnName("AddressLine2");
            a.Property(x => x.City).HasMaxLength(100).HasColumnName("City");
            a.Property(x => x.State).HasMaxLength(100).HasColumnName("State");
            a.Property(x => x.PostalCode).HasMaxLength(20).HasColumnName("PostalCode");
        });
        builder.Navigation(c => c.Address).IsRequired();
        builder.OwnsOne(c => c.Contact, a =>
        {
            a.Property(x => x.Name).HasMaxLength(200).HasColumnName("ContactName");
            a.Property(x => x.Email).HasMaxLength(256).HasColumnName("ContactEmail");
            a.Property(x => x.Phone).HasMaxLength(40).HasColumnName("ContactPhone");
        });
        builder.Navigation(c => c.Contact).IsRequired();
        builder.OwnsOne(c => c.AgreementAcceptance, a =>
        {
            a.Property(x => x.AgreementVersion).HasMaxLength(40).HasColumnName("AgreementVersion");
            a.Property(x => x.AcceptedBy).HasMaxLength(256).HasColumnName("AgreementAcceptedBy");
            a.Property(x => x.AcceptedAt).HasColumnName("AgreementAcceptedAt");
        });

        builder.HasMany(c => c.Relationships).WithOne().HasForeignKey(r => r.CustomerId).OnDelete(DeleteBehavior.Cascade);
        builder.Navigation(c => c.Relationships).HasField("_relationships");
        builder.HasMany(c => c.DelegatedAdminGrants).WithOne().HasForeignKey(g => g.CustomerId).OnDelete(DeleteBehavior.Cascade);
        builder.Navigation(c => c.DelegatedAdminGrants).HasField("_delegatedAdminGrants");
        builder.Ignore(c => c.Policy);
        builder.Ignore(c => c.ActiveGrants);
    }
}

public class CustomerRelationshipConfiguration : IEntityTypeConfiguration<CustomerRelationship>
{
    public void Configure(EntityTypeBuilder<CustomerRelationship> builder)
    {
        builder.HasOne<Partner>().WithMany().HasForeignKey(r => r.PartnerId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Partner>().WithMany().HasForeignKey(r => r.IndirectResellerId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(r => new { r.PartnerId, r.CustomerId }).IsUnique().HasFilter("\"RemovedAt\" IS NULL");
        builder.HasIndex(r => r.IndirectResellerId);
        builder.HasIndex(r => r.CustomerId);

        // The Customers list, as a seek (keyset) pager walks it: the billing partner's customers by name, the reseller's, and a
        // provider's filtered by reseller, each one ordered index range over active relationships.
        builder.Property(r => r.CustomerName).HasMaxLength(200);
        builder.Property(r => r.CustomerDomain).HasMaxLength(300);

        // The search box matches name or domain: both lower-cased into one stored column (a newline between them, which a
        // search never contains), carried in each list index, so a search walks the index alone and matches bytes with LIKE
        // instead of fetching every row to case-fold two columns with ILIKE (issue 20). Its trigram index serves rare matches.
        builder.Property<string>(CustomerSearch.Column).HasComputedColumnSql(CustomerSearch.Sql, stored: true);
        builder.HasIndex([CustomerSearch.Column], "IX_CustomerRelationships_SearchText_trgm").HasMethod("gin").HasOperators("gin_trgm_ops");
        builder.HasIndex(r => new { r.PartnerId, r.CustomerName, r.CustomerId }, "IX_CustomerRelationships_partner_list").HasFilter("\"RemovedAt\" IS NULL").IncludeProperties([CustomerSearch.Column]);
        builder.HasIndex(r => new { r.IndirectResellerId, r.CustomerName, r.CustomerId }, "IX_CustomerRelationships_reseller_list").HasFilter("\"RemovedAt\" IS NULL").IncludeProperties([CustomerSearch.Column]);
        builder.HasIndex(r => new { r.PartnerId, r.IndirectResellerId, r.CustomerName, r.CustomerId }, "IX_CustomerRelationships_partner_reseller_list").HasFilter("\"RemovedAt\" IS NULL").IncludeProperties([CustomerSearch.Column]);
    }
}

/// <summary>The relationship's search text: its customer's name and domain, lower-cased, as the Customers search matches them.</summary>
public static class CustomerSearch
{
    public const string Column = "SearchText";
    public const string Sql = "lower(\"CustomerName\"::text || E'\\n' || \"CustomerDomain\"::text)";
}

public static class DelegatedAdminGrantIndexes
{
    public const string OnePartnerPerService = "IX_DelegatedAdminGrants_one_partner_per_service";
}

public class DelegatedAdminGrantConfiguration : IEntityTypeConfiguration<DelegatedAdminGrant>
{
    public void Configure(EntityTypeBuilder<DelegatedAdminGrant> builder)
    {
        builder.Property(g => g.Service).HasConversion<string>().HasMaxLength(40);
        builder.HasOne<Partner>().WithMany().HasForeignKey(g => g.PartnerId).OnDelete(DeleteBehavior.Restrict);
        // One delegated-admin partner per service (seeds 002 and 003): at most one active grant per customer and service, so two
        // acceptances at the same moment cannot both hold it. The loser's save fails with a unique violation.
        builder.HasIndex(g => new { g.CustomerId, g.Service }, DelegatedAdminGrantIndexes.OnePartnerPerService).IsUnique().HasFilter("\"RevokedAt\" IS NULL");
        builder.HasIndex(g => g.PartnerId);
    }
}
