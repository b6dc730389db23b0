using PartnerPortal.Domain.Clouds;
using PartnerPortal.Domain.Geography;

namespace PartnerPortal.Domain.Partners;

public enum PartnerKind
{
    DirectBillPartner,
    IndirectProvider,
    IndirectReseller,
}

/// <summary>A partner organization enrolled in the Cloud Solution Provider program.</summary>
public class Partner
{
    private Partner()
    {
        DisplayName = null!;
        Country = null!;
        MpnId = null!;
    }

    public Partner(string displayName, PartnerKind kind, string country, Cloud cloud, string mpnId, bool hasAcceptedPartnerAgreement)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(displayName);
        if (!Countries.IsKnown(country))
        {
            throw new ArgumentException($"Unknown country '{country}'.", nameof(country));
        }

        if (!CloudPolicies.For(cloud).AllowsCountry(country))
        {
            throw new ArgumentException($"{country} is not served by {cloud}.", nameof(country));
        }

        Id = Guid.CreateVersion7();
        DisplayName = displayName.Trim();
        Kind = kind;
        Country = country.ToUpperInvariant();
        Cloud = cloud;
        MpnId = mpnId.Trim();
        HasAcceptedPartnerAgreement = hasAcceptedPartnerAgreement;
    }

    public Guid Id { get; private set; }
    public string DisplayName { get; private set; }
    public PartnerKind Kind { get; private set; }

    /// <summary>ISO 3166-1 alpha-2.</summary>
    public string Country { get; private set; }
    public Cloud Cloud { get; private set; }

    /// <summary>The MPN ID of the partner's Partner Location account (seed 004).</summary>
    public string MpnId { get; private set; }
    public bool HasAcceptedPartnerAgreement { get; private set; }

    /// <summary>
    /// A country or region whose customers the partner may bill: one its cloud serves, within the partner's own country or
    /// region (seed 000). The wizard's and the sign-up's country lists are this; <c>Customer.CanWorkWith</c> says which part failed.
    /// </summary>
    public bool MayServe(string countryCode) =>
        CloudPolicies.For(Cloud).AllowsCountry(countryCode) && RegionRule.SameCountryOrRegion(Country, countryCode);
}
