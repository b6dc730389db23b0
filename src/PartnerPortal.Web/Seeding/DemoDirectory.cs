using PartnerPortal.Domain.Access;
using PartnerPortal.Domain.Catalog;
using PartnerPortal.Domain.Clouds;
using PartnerPortal.Domain.Partners;

namespace PartnerPortal.Web.Seeding;

/// <summary>
/// The demo organizations and sign-ins (README "Demo sign-ins"). Every partner has one user per role, named
/// <c>role@slug.example</c>; every customer has <c>admin@domain</c>. All share <see cref="Password"/>.
/// </summary>
public static class DemoDirectory
{
    public const string Password = "PartnerPortal-2026";

    public sealed record DemoPartner(string Slug, string Name, PartnerKind Kind, string Country, Cloud Cloud, string MpnId, bool AcceptedPartnerAgreement);

    public sealed record DemoCustomer(string Name, string DomainPrefix, string Country, Cloud Cloud, string City, string? PartnerSlug, bool DelegatedAdmin, string? ResellerSlug = null, bool AcceptedAgreement = true);

    public static readonly DemoPartner[] Partners =
    [
        new("contoso", "Contoso Cloud Partners", PartnerKind.DirectBillPartner, "US", Cloud.Public, "1000001", true),
        new("fabrikam", "Fabrikam Distribution", PartnerKind.IndirectProvider, "US", Cloud.Public, "2000001", true),
        new("northwind", "Northwind Traders Resellers", PartnerKind.IndirectReseller, "US", Cloud.Public, "3000001", true),
        new("tailspin", "Tailspin Toys Solutions", PartnerKind.IndirectReseller, "CA", Cloud.Public, "3000002", false),
        new("wideworld", "Wide World Importers Resellers", PartnerKind.IndirectReseller, "US", Cloud.Public, "3000003", true),
        new("contosogov", "Contoso Federal", PartnerKind.DirectBillPartner, "US", Cloud.UsGovernment, "1000002", true),
        new("contosode", "Contoso Deutschland", PartnerKind.DirectBillPartner, "DE", Cloud.Germany, "1000003", true),
        new("contosocn", "Contoso China", PartnerKind.DirectBillPartner, "CN", Cloud.China21Vianet, "1000004", true),
        new("wingtipcn", "Wingtip China", PartnerKind.DirectBillPartner, "CN", Cloud.China21Vianet, "1000005", true),
    ];

    /// <summary>Partnerships between the indirect provider and its resellers.</summary>
    public static readonly (string Provider, string Reseller)[] Partnerships = [("fabrikam", "northwind"), ("fabrikam", "tailspin")];

    public static readonly DemoCustomer[] Customers =
    [
        new("Adatum Corporation", "adatum", "US", Cloud.Public, "Seattle", "contoso", DelegatedAdmin: true),
        new("Litware Inc.", "litware", "CA", Cloud.Public, "Toronto", "contoso", DelegatedAdmin: false),
        new("Relecloud", "relecloud", "US", Cloud.Public, "Austin", "fabrikam", DelegatedAdmin: true, ResellerSlug: "northwind"),
        new("Woodgrove Bank", "woodgrove", "US", Cloud.Public, "Chicago", null, DelegatedAdmin: false, AcceptedAgreement: false),
        new("Proseware GmbH", "proseware", "DE", Cloud.Public, "Munich", null, DelegatedAdmin: false),
        new("Lamna Healthcare", "lamna", "MX", Cloud.Public, "Mexico City", null, DelegatedAdmin: false),
        new("City of Redmond", "redmondcity", "US", Cloud.UsGovernment, "Redmond", "contosogov", DelegatedAdmin: true),
        new("Fourth Coffee GmbH", "fourthcoffee", "DE", Cloud.Germany, "Berlin", "contosode", DelegatedAdmin: true),
        new("Trey Research Beijing", "treyresearch", "CN", Cloud.China21Vianet, "Beijing", "wingtipcn", DelegatedAdmin: true),
    ];

    public static readonly (Cloud Cloud, string Name, BillingType Billing, int MaxQuantity)[] Offers =
    [
        (Cloud.Public, "Microsoft 365 Business Basic", BillingType.LicenseBased, 300),
        (Cloud.Public, "Microsoft 365 E3", BillingType.LicenseBased, 10000),
        (Cloud.Public, "Office 365 E1", BillingType.LicenseBased, 10000),
        (Cloud.Public, "Azure plan", BillingType.UsageBased, 1),
        (Cloud.UsGovernment, "Office 365 G3 GCC", BillingType.LicenseBased, 10000),
        (Cloud.UsGovernment, "Microsoft 365 G5 GCC", BillingType.LicenseBased, 10000),
        (Cloud.UsGovernment, "Azure Government plan", BillingType.UsageBased, 1),
        (Cloud.Germany, "Office 365 E3 (Microsoft Cloud Germany)", BillingType.LicenseBased, 10000),
        (Cloud.Germany, "Azure (Microsoft Cloud Germany)", BillingType.UsageBased, 1),
        (Cloud.China21Vianet, "Office 365 E3 (operated by 21Vianet)", BillingType.LicenseBased, 10000),
        (Cloud.China21Vianet, "Azure (operated by 21Vianet)", BillingType.UsageBased, 1),
    ];

    public static string RoleSlug(string role) => role switch
    {
        PartnerRole.GlobalAdmin => "globaladmin",
        PartnerRole.UserManagementAdmin => "usermanager",
        PartnerRole.AdminAgent => "adminagent",
        PartnerRole.SalesAgent => "salesagent",
        PartnerRole.BillingAdmin => "billing",
        _ => throw new ArgumentOutOfRangeException(nameof(role)),
    };

    public static string PartnerUserEmail(string partnerSlug, string role) => $"{RoleSlug(role)}@{partnerSlug}.example";

    public static string CustomerAdminEmail(DemoCustomer customer) =>
        $"admin@{customer.DomainPrefix}{CloudPolicies.For(customer.Cloud).InitialDomainSuffix}";
}
