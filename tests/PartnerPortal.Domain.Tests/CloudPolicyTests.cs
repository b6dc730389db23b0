using PartnerPortal.Domain.Access;
using PartnerPortal.Domain.Clouds;
using PartnerPortal.Domain.Relationships;

namespace PartnerPortal.Domain.Tests;

public class CloudPolicyTests
{
    private static readonly string[] AdminAgent = [PartnerRole.AdminAgent];
    private static readonly string[] SalesAgent = [PartnerRole.SalesAgent];

    [Fact]
    public void Every_cloud_has_exactly_one_policy()
    {
        Assert.Equal(Enum.GetValues<Cloud>().Order(), CloudPolicies.All.Select(p => p.Cloud).Order());
        Assert.All(Enum.GetValues<Cloud>(), c => Assert.Equal(c, CloudPolicies.For(c).Cloud));
    }

    [Theory]
    [InlineData(Cloud.Public, "Microsoft 365 admin center")]
    [InlineData(Cloud.UsGovernment, "Microsoft Office admin portal")]
    [InlineData(Cloud.Germany, "Microsoft Office admin portal")]
    [InlineData(Cloud.China21Vianet, "Office 365 admin center operated by 21Vianet")]
    public void Customers_accept_in_the_admin_center_the_seed_names(Cloud cloud, string adminCenter) =>
        Assert.Equal(adminCenter, CloudPolicies.For(cloud).AdminCenterName);

    [Fact]
    public void Public_cloud_lets_an_admin_agent_clear_delegated_admin()
    {
        var result = RelationshipRequestRules.DecideDelegatedAdmin(CloudPolicies.Public, includeRequested: false, AdminAgent);
        Assert.True(result.Succeeded);
        Assert.False(result.Value);
    }

    [Theory]
    [InlineData(Cloud.UsGovernment)]
    [InlineData(Cloud.Germany)]
    public void UsGovernment_and_Germany_require_delegated_admin(Cloud cloud)
    {
        var cleared = RelationshipRequestRules.DecideDelegatedAdmin(CloudPolicies.For(cloud), includeRequested: false, AdminAgent);
        Assert.False(cleared.Succeeded);
        Assert.Contains("not available", cleared.Error!.Message);

        var kept = RelationshipRequestRules.DecideDelegatedAdmin(CloudPolicies.For(cloud), includeRequested: true, AdminAgent);
        Assert.True(kept.Value);
    }

    [Fact]
    public void China_21Vianet_always_includes_delegated_admin_even_when_cleared()
    {
        var result = RelationshipRequestRules.DecideDelegatedAdmin(CloudPolicies.China21Vianet, includeRequested: false, AdminAgent);
        Assert.True(result.Value);
    }

    [Fact]
    public void Sales_agent_may_invite_without_delegated_admin_only()
    {
        Assert.False(RelationshipRequestRules.DecideDelegatedAdmin(CloudPolicies.Public, includeRequested: false, SalesAgent).Value);
        var withAdmin = RelationshipRequestRules.DecideDelegatedAdmin(CloudPolicies.Public, includeRequested: true, SalesAgent);
        Assert.False(withAdmin.Succeeded);
        Assert.Contains("Admin agent", withAdmin.Error!.Message);
    }

    [Theory]
    [InlineData(Cloud.UsGovernment)]
    [InlineData(Cloud.Germany)]
    [InlineData(Cloud.China21Vianet)]
    public void Sales_agent_cannot_request_in_clouds_where_delegated_admin_is_required(Cloud cloud) =>
        Assert.False(RelationshipRequestRules.DecideDelegatedAdmin(CloudPolicies.For(cloud), includeRequested: true, SalesAgent).Succeeded);

    [Theory]
    [InlineData(Cloud.UsGovernment, "US", true)]
    [InlineData(Cloud.UsGovernment, "CA", false)]
    [InlineData(Cloud.Germany, "DE", true)]
    [InlineData(Cloud.Germany, "NO", true)]
    [InlineData(Cloud.Germany, "GB", false)]
    [InlineData(Cloud.China21Vianet, "CN", true)]
    [InlineData(Cloud.China21Vianet, "HK", false)]
    [InlineData(Cloud.Public, "BR", true)]
    public void National_clouds_serve_only_their_countries(Cloud cloud, string country, bool served) =>
        Assert.Equal(served, CloudPolicies.For(cloud).AllowsCountry(country));

    [Theory]
    [InlineData(Cloud.Public, "Microsoft Partner Agreement")]
    [InlineData(Cloud.UsGovernment, "Cloud Reseller Agreement")]
    [InlineData(Cloud.Germany, "Cloud Reseller Agreement")]
    [InlineData(Cloud.China21Vianet, "CSP China reseller agreement")]
    public void Each_cloud_names_the_agreement_its_seed_binds_the_partner_to(Cloud cloud, string agreement) =>
        Assert.Equal(agreement, CloudPolicies.For(cloud).PartnerAgreementName);

    [Theory]
    [InlineData(Cloud.Public, EntraAuthority.Global)]
    [InlineData(Cloud.UsGovernment, EntraAuthority.UsGovernment)]
    [InlineData(Cloud.China21Vianet, EntraAuthority.China)]
    [InlineData(Cloud.Germany, EntraAuthority.Global)] // Microsoft Cloud Deutschland's own authority is retired.
    public void Each_cloud_signs_in_at_its_Entra_authority(Cloud cloud, EntraAuthority expected)
    {
        Assert.Equal(expected, CloudPolicies.For(cloud).SignInAuthority);
        Assert.StartsWith("https://", EntraAuthorities.DefaultInstance(expected), StringComparison.Ordinal);
        Assert.EndsWith("/{tenantid}/v2.0", EntraAuthorities.DefaultIssuerTemplate(expected), StringComparison.Ordinal);
    }
}
