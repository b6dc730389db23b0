using PartnerPortal.Domain.Geography;

namespace PartnerPortal.Domain.Clouds;

/// <summary>How delegated administration privileges behave in a cloud's reseller-relationship request.</summary>
public enum DelegatedAdminRequirement
{
    /// <summary>The partner chooses; the option is checked by default (seed 000 step 2).</summary>
    Optional,

    /// <summary>The option cannot be cleared (seed 000 note: US Government and Germany).</summary>
    CannotBeCleared,

    /// <summary>The request always carries delegated admin (seed 003: "This process adds only delegated administrative privileges").</summary>
    AlwaysIncluded,
}

/// <summary>
/// Everything that differs between clouds, as data. One row per cloud in <see cref="CloudPolicies.All"/>.
/// </summary>
public sealed record CloudPolicy(
    Cloud Cloud,
    string DisplayName,
    DelegatedAdminRequirement DelegatedAdmin,
    string AdminCenterName,
    string CustomerAgreementName,
    string CustomerAgreementVersion,
    string PartnerAgreementName,
    string InitialDomainSuffix,
    IReadOnlySet<string>? AllowedCountries,
    EntraAuthority SignInAuthority,
    string? GdapAdminCenterName,
    string Source)
{
    /// <summary>Whether partners in this cloud may ask for granular delegated admin (GDAP) relationships; where customers approve them.</summary>
    public bool GdapOffered => GdapAdminCenterName is not null;

    public bool DelegatedAdminCanBeCleared => DelegatedAdmin == DelegatedAdminRequirement.Optional;

    public bool AllowsCountry(string countryCode) =>
        AllowedCountries is null || AllowedCountries.Contains(countryCode);
}

/// <summary>
/// The per-cloud rule table. Sources: seed 000/001 (table "Where does a customer accept a reseller
/// relationship invitation?" and the note on US Government / Germany), seed 002 ("Applies to", Cloud Reseller Agreement),
/// seed 003 (21Vianet: admin center name, delegated admin always added, CSP China reseller agreement). One delegated-admin
/// partner per service is not here: seeds 002 and 003 state it for every cloud (see Customer and docs/decisions/0005).
/// </summary>
public static class CloudPolicies
{
    public static readonly CloudPolicy Public = new(
        Cloud.Public,
        "Public cloud",
        DelegatedAdminRequirement.Optional,
        AdminCenterName: "Microsoft 365 admin center",
        CustomerAgreementName: "Microsoft Customer Agreement",
        CustomerAgreementVersion: "MCA-2020-03",
        // Seed 000 "Important": the partner stays bound by the Microsoft Partner Agreement.
        PartnerAgreementName: "Microsoft Partner Agreement",
        // Every country except those served only by a national cloud.
        InitialDomainSuffix: ".onmicrosoft.com",
        AllowedCountries: null,
        SignInAuthority: EntraAuthority.Global,
        GdapAdminCenterName: "Microsoft 365 admin center",
        Source: "seed 000 (table, step 2)");

    public static readonly CloudPolicy UsGovernment = new(
        Cloud.UsGovernment,
        "Microsoft Cloud for US Government",
        DelegatedAdminRequirement.CannotBeCleared,
        AdminCenterName: "Microsoft Office admin portal",
        CustomerAgreementName: "Microsoft Customer Agreement (US Government)",
        CustomerAgreementVersion: "MCA-USGOV-2020-03",
        // Seed 002 "Important" (applies to Partner Center for US Government and for Germany).
        PartnerAgreementName: "Cloud Reseller Agreement",
        InitialDomainSuffix: ".onmicrosoft.us",
        AllowedCountries: new HashSet<string>(StringComparer.Ordinal) { "US" },
        SignInAuthority: EntraAuthority.UsGovernment,
        // Partner Center for Microsoft Cloud for US Government offers GDAP; its customers approve in their own admin center.
        GdapAdminCenterName: "Microsoft 365 admin center for US Government",
        Source: "seed 000 (note, table)");

    public static readonly CloudPolicy Germany = new(
        Cloud.Germany,
        "Microsoft Cloud Germany",
        DelegatedAdminRequirement.CannotBeCleared,
        AdminCenterName: "Microsoft Office admin portal",
        CustomerAgreementName: "Microsoft Customer Agreement (Germany)",
        CustomerAgreementVersion: "MCA-DE-2020-03",
        PartnerAgreementName: "Cloud Reseller Agreement",
        // Microsoft Cloud Germany served customers in the EU and EFTA.
        InitialDomainSuffix: ".onmicrosoft.de",
        AllowedCountries: Countries.InRegion(Region.Europe).Where(c => c.EuOrEfta).Select(c => c.Code).ToHashSet(StringComparer.Ordinal),
        // Microsoft Cloud Deutschland's own Entra authority (login.microsoftonline.de) closed in October 2021, when its tenants
        // moved to the global service: a Germany organization's people sign in there (docs/decisions/0007).
        SignInAuthority: EntraAuthority.Global,
        // GDAP came in 2022, after Microsoft Cloud Deutschland closed (October 2021): it was never offered there. Its partners
        // keep the seeds' delegated admin (docs/decisions/0009).
        GdapAdminCenterName: null,
        Source: "seed 000 (note, table)");

    public static readonly CloudPolicy China21Vianet = new(
        Cloud.China21Vianet,
        "Office 365 operated by 21Vianet",
        DelegatedAdminRequirement.AlwaysIncluded,
        AdminCenterName: "Office 365 admin center operated by 21Vianet",
        CustomerAgreementName: "21Vianet Customer Agreement",
        CustomerAgreementVersion: "21V-2018-10",
        // Seed 003: "complying with the terms of the CSP China reseller agreement".
        PartnerAgreementName: "CSP China reseller agreement",
        InitialDomainSuffix: ".partner.onmschina.cn",
        AllowedCountries: new HashSet<string>(StringComparer.Ordinal) { "CN" },
        SignInAuthority: EntraAuthority.China,
        GdapAdminCenterName: "Microsoft 365 admin center operated by 21Vianet",
        Source: "seed 003 (steps 3-4, notes)");

    public static IReadOnlyList<CloudPolicy> All { get; } = [Public, UsGovernment, Germany, China21Vianet];

    public static CloudPolicy For(Cloud cloud) => cloud switch
    {
        Cloud.Public => Public,
        Cloud.UsGovernment => UsGovernment,
        Cloud.Germany => Germany,
        Cloud.China21Vianet => China21Vianet,
        _ => throw new ArgumentOutOfRangeException(nameof(cloud), cloud, null),
    };
}
