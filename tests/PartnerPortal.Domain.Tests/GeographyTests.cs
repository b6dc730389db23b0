using PartnerPortal.Domain.Geography;

namespace PartnerPortal.Domain.Tests;

public class GeographyTests
{
    [Fact]
    public void Every_ISO_3166_1_country_is_in_the_table_once()
    {
        Assert.Equal(249, Countries.All.Count);
        Assert.Equal(Countries.All.Count, Countries.All.Select(c => c.Code).Distinct().Count());
        Assert.All(Countries.All, c => Assert.Matches("^[A-Z]{2}$", c.Code));
    }

    [Theory]
    [InlineData("US", "CA")]
    [InlineData("DE", "FR")]
    [InlineData("JP", "AU")]
    public void Partners_may_work_with_customers_in_their_region(string partner, string customer) =>
        Assert.True(RegionRule.SameCountryOrRegion(partner, customer));

    [Theory]
    [InlineData("US", "DE")]
    [InlineData("US", "MX")]
    [InlineData("DE", "CN")]
    public void Partners_may_not_work_with_customers_in_another_region(string partner, string customer) =>
        Assert.False(RegionRule.SameCountryOrRegion(partner, customer));

    [Fact]
    public void Lookup_is_case_insensitive_and_refuses_unknown_codes()
    {
        Assert.Equal("Germany", Countries.Get("de").EnglishName);
        Assert.False(Countries.IsKnown("XX"));
        Assert.Throws<ArgumentException>(() => Countries.Get("XX"));
    }

    [Theory]
    [InlineData(Clouds.Cloud.Public, "US", "CA", true)]
    [InlineData(Clouds.Cloud.Public, "US", "DE", false)]
    [InlineData(Clouds.Cloud.UsGovernment, "US", "US", true)]
    [InlineData(Clouds.Cloud.UsGovernment, "US", "CA", false)]
    [InlineData(Clouds.Cloud.China21Vianet, "CN", "CN", true)]
    [InlineData(Clouds.Cloud.China21Vianet, "CN", "HK", false)]
    public void A_partner_serves_countries_its_cloud_allows_within_its_region(Clouds.Cloud cloud, string partnerCountry, string customerCountry, bool serves)
    {
        var partner = new Partners.Partner("Test Partner", Partners.PartnerKind.DirectBillPartner, partnerCountry, cloud, "1234567", true);
        Assert.Equal(serves, partner.MayServe(customerCountry));
    }
}
