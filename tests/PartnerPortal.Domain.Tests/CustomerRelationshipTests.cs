using PartnerPortal.Domain.Clouds;
using PartnerPortal.Domain.Customers;
using PartnerPortal.Domain.Partners;
using PartnerPortal.Domain.Relationships;

namespace PartnerPortal.Domain.Tests;

public class CustomerRelationshipTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 21, 9, 0, 0, TimeSpan.Zero);
    private static readonly HashSet<DelegatedAdminService> NoneDeclined = [];

    private static Partner NewPartner(string country = "US", Cloud cloud = Cloud.Public, string mpn = "1") =>
        new("Contoso", PartnerKind.DirectBillPartner, country, cloud, mpn, true);

    private static Customer NewCustomer(string country = "US", Cloud cloud = Cloud.Public, bool agreement = true)
    {
        var customer = Customer.Create("Adatum", "adatum", country, cloud, new Address("1 Main", null, "City", null, "1"), new PrimaryContact("A", "a@b.c", "1"), Now).Value;
        if (agreement)
        {
            customer.AcceptCustomerAgreement("admin@adatum", Now);
        }

        return customer;
    }

    [Fact]
    public void Customer_must_accept_the_customer_agreement_before_the_relationship()
    {
        var result = NewCustomer(agreement: false).AcceptResellerRelationship(NewPartner(), NewPartner(), true, NoneDeclined, Now);
        Assert.False(result.Succeeded);
        Assert.Contains("Customer Agreement", result.Error!.ToString());
    }

    [Fact]
    public void Agreement_acceptance_records_who_when_and_the_clouds_version()
    {
        var customer = NewCustomer(cloud: Cloud.China21Vianet, country: "CN", agreement: false);
        customer.AcceptCustomerAgreement("admin@x", Now);
        customer.AcceptCustomerAgreement("someone-else@x", Now.AddDays(1));
        Assert.Equal(new CustomerAgreementAcceptance("21V-2018-10", "admin@x", Now), customer.AgreementAcceptance);
    }

    [Fact]
    public void Accepting_with_delegated_admin_grants_both_services()
    {
        var partner = NewPartner();
        var customer = NewCustomer();
        var result = customer.AcceptResellerRelationship(partner, partner, true, NoneDeclined, Now);
        Assert.True(result.Value.Changed);
        Assert.Equal(DelegatedAdminServices.All, result.Value.GrantedServices);
        Assert.NotNull(customer.ActiveRelationshipWith(partner.Id));
    }

    [Fact]
    public void Accepting_twice_changes_nothing()
    {
        var partner = NewPartner();
        var customer = NewCustomer();
        customer.AcceptResellerRelationship(partner, partner, true, NoneDeclined, Now);
        var again = customer.AcceptResellerRelationship(partner, partner, true, NoneDeclined, Now.AddHours(1));
        Assert.False(again.Value.Changed);
        Assert.Single(customer.Relationships);
        Assert.Equal(2, customer.DelegatedAdminGrants.Count);
    }

    [Fact]
    public void Accepting_again_restores_removed_delegated_admin()
    {
        var partner = NewPartner();
        var customer = NewCustomer();
        customer.AcceptResellerRelationship(partner, partner, true, NoneDeclined, Now);
        customer.RemoveDelegatedAdmin(partner.Id, Now);
        var restored = customer.AcceptResellerRelationship(partner, partner, true, NoneDeclined, Now);
        Assert.True(restored.Value.Changed);
        Assert.Equal(2, customer.ActiveGrants.Count());
        Assert.Single(customer.Relationships);
    }

    [Fact]
    public void Customer_in_another_cloud_is_refused()
    {
        var result = NewCustomer().AcceptResellerRelationship(NewPartner(cloud: Cloud.UsGovernment), NewPartner(cloud: Cloud.UsGovernment), true, NoneDeclined, Now);
        Assert.False(result.Succeeded);
        Assert.Contains("own cloud", result.Error!.Message);
    }

    [Fact]
    public void Customer_in_another_region_is_refused()
    {
        var customer = NewCustomer(country: "DE");
        var result = customer.AcceptResellerRelationship(NewPartner(), NewPartner(), false, NoneDeclined, Now);
        Assert.False(result.Succeeded);
        Assert.Contains("country or region", result.Error!.Message);
        Assert.Empty(customer.Relationships);
    }

    [Theory]
    [InlineData(Cloud.Public, "US")]
    [InlineData(Cloud.UsGovernment, "US")]
    [InlineData(Cloud.Germany, "DE")]
    [InlineData(Cloud.China21Vianet, "CN")]
    public void In_every_cloud_a_second_partner_cannot_take_delegated_admin_for_a_held_service(Cloud cloud, string country)
    {
        var first = NewPartner(country, cloud, "1");
        var second = NewPartner(country, cloud, "2");
        var customer = NewCustomer(country, cloud);
        customer.AcceptResellerRelationship(first, first, true, NoneDeclined, Now);

        Assert.Equal(2, customer.DelegatedAdminConflicts(second.Id, DelegatedAdminServices.All).Count);
        var refused = customer.AcceptResellerRelationship(second, second, true, NoneDeclined, Now);
        Assert.False(refused.Succeeded);
        Assert.Null(customer.ActiveRelationshipWith(second.Id));

        var withoutAdmin = customer.AcceptResellerRelationship(second, second, true, DelegatedAdminServices.All.ToHashSet(), Now);
        Assert.True(withoutAdmin.Succeeded);
        Assert.Empty(withoutAdmin.Value.GrantedServices);
        Assert.All(customer.ActiveGrants, g => Assert.Equal(first.Id, g.PartnerId));
    }

    [Fact]
    public void After_the_customer_removes_a_partners_delegated_admin_another_partner_can_take_it()
    {
        var first = NewPartner(mpn: "1");
        var second = NewPartner(mpn: "2");
        var customer = NewCustomer();
        customer.AcceptResellerRelationship(first, first, true, NoneDeclined, Now);
        customer.RemoveDelegatedAdmin(first.Id, Now);

        var accepted = customer.AcceptResellerRelationship(second, second, true, NoneDeclined, Now);
        Assert.True(accepted.Succeeded);
        Assert.All(customer.ActiveGrants, g => Assert.Equal(second.Id, g.PartnerId));
        Assert.NotNull(customer.ActiveRelationshipWith(first.Id));
    }

    /// <summary>Two partners, each holding delegated admin for one service.</summary>
    private static (Partner First, Partner Second, Customer Customer) TwoPartnersSplittingServices()
    {
        var first = NewPartner(mpn: "1");
        var second = NewPartner(mpn: "2");
        var customer = NewCustomer();
        customer.AcceptResellerRelationship(first, first, true, new HashSet<DelegatedAdminService> { DelegatedAdminService.Office365 }, Now);
        customer.AcceptResellerRelationship(second, second, true, new HashSet<DelegatedAdminService> { DelegatedAdminService.AzureActiveDirectory }, Now);
        return (first, second, customer);
    }

    [Fact]
    public void Removing_delegated_admin_from_one_partner_keeps_the_relationship_and_the_others()
    {
        var (first, second, customer) = TwoPartnersSplittingServices();

        Assert.Equal([DelegatedAdminService.AzureActiveDirectory], customer.RemoveDelegatedAdmin(first.Id, Now));
        Assert.All(customer.ActiveGrants, g => Assert.Equal(second.Id, g.PartnerId));
        Assert.NotNull(customer.ActiveRelationshipWith(first.Id));
    }

    [Fact]
    public void Removing_delegated_admin_from_all_keeps_every_relationship()
    {
        var (_, _, customer) = TwoPartnersSplittingServices();

        Assert.Equal(2, customer.RemoveAllDelegatedAdmin(Now));
        Assert.Empty(customer.ActiveGrants);
        Assert.Equal(2, customer.Relationships.Count(r => r.IsActive));
        Assert.Equal(2, customer.DelegatedAdminGrants.Count);
    }

    [Fact]
    public void Partner_removing_the_relationship_keeps_history_and_ends_its_delegated_admin()
    {
        var partner = NewPartner();
        var customer = NewCustomer();
        customer.AcceptResellerRelationship(partner, partner, true, NoneDeclined, Now);
        Assert.True(customer.RemoveRelationship(partner.Id, Now).Succeeded);
        Assert.Null(customer.ActiveRelationshipWith(partner.Id));
        Assert.Single(customer.Relationships);
        Assert.Empty(customer.ActiveGrants);
        Assert.False(customer.RemoveRelationship(partner.Id, Now).Succeeded);
    }

    [Fact]
    public void Indirect_reseller_invitation_makes_the_customer_the_providers_with_the_reseller_holding_delegated_admin()
    {
        var provider = new Partner("Fabrikam", PartnerKind.IndirectProvider, "US", Cloud.Public, "2", true);
        var reseller = new Partner("Northwind", PartnerKind.IndirectReseller, "US", Cloud.Public, "3", true);
        var customer = NewCustomer();
        var accepted = customer.AcceptResellerRelationship(provider, reseller, true, NoneDeclined, Now).Value;
        Assert.Equal(provider.Id, accepted.Relationship.PartnerId);
        Assert.Equal(reseller.Id, accepted.Relationship.IndirectResellerId);
        Assert.All(customer.ActiveGrants, g => Assert.Equal(reseller.Id, g.PartnerId));
    }

    [Fact]
    public void A_providers_customer_accepting_a_resellers_link_is_associated_with_that_reseller()
    {
        var provider = new Partner("Fabrikam", PartnerKind.IndirectProvider, "US", Cloud.Public, "2", true);
        var reseller = new Partner("Northwind", PartnerKind.IndirectReseller, "US", Cloud.Public, "3", true);
        var customer = NewCustomer();
        customer.AcceptResellerRelationship(provider, provider, false, NoneDeclined, Now);

        var accepted = customer.AcceptResellerRelationship(provider, reseller, true, NoneDeclined, Now);
        Assert.True(accepted.Succeeded);
        Assert.Equal(reseller.Id, customer.ActiveRelationshipWith(provider.Id)!.IndirectResellerId);
        Assert.Single(customer.Relationships);
    }

    [Fact]
    public void A_customer_associated_with_one_reseller_cannot_silently_switch_to_another()
    {
        var provider = new Partner("Fabrikam", PartnerKind.IndirectProvider, "US", Cloud.Public, "2", true);
        var first = new Partner("Northwind", PartnerKind.IndirectReseller, "US", Cloud.Public, "3", true);
        var second = new Partner("Wide World", PartnerKind.IndirectReseller, "US", Cloud.Public, "4", true);
        var customer = NewCustomer();
        customer.AcceptResellerRelationship(provider, first, false, NoneDeclined, Now);

        Assert.False(customer.AcceptResellerRelationship(provider, second, false, NoneDeclined, Now).Succeeded);
        Assert.Equal(first.Id, customer.ActiveRelationshipWith(provider.Id)!.IndirectResellerId);
    }

    [Fact]
    public void The_region_rule_binds_the_billing_partner_not_the_inviting_reseller()
    {
        var provider = new Partner("Fabrikam", PartnerKind.IndirectProvider, "US", Cloud.Public, "2", true);
        var canadianReseller = new Partner("Tailspin", PartnerKind.IndirectReseller, "CA", Cloud.Public, "3", true);
        var germanProvider = new Partner("Fabrikam DE", PartnerKind.IndirectProvider, "DE", Cloud.Public, "4", true);

        Assert.True(NewCustomer("US").AcceptResellerRelationship(provider, canadianReseller, true, NoneDeclined, Now).Succeeded);
        Assert.False(NewCustomer("US").AcceptResellerRelationship(germanProvider, canadianReseller, true, NoneDeclined, Now).Succeeded);
    }

    [Fact]
    public void A_customer_can_be_added_for_a_reseller_only_through_an_active_partnership()
    {
        var provider = new Partner("Fabrikam", PartnerKind.IndirectProvider, "US", Cloud.Public, "2", true);
        var reseller = new Partner("Northwind", PartnerKind.IndirectReseller, "US", Cloud.Public, "3", true);
        var partnership = ResellerPartnership.Establish(provider, reseller, Now).Value;

        Assert.True(NewCustomer().EstablishForReseller(provider, reseller, partnership, Now).Succeeded);
        Assert.False(NewCustomer().EstablishForReseller(provider, reseller, null, Now).Succeeded);
        partnership.Remove(Now);
        var afterRemoval = NewCustomer();
        Assert.False(afterRemoval.EstablishForReseller(provider, reseller, partnership, Now).Succeeded);
        Assert.Empty(afterRemoval.Relationships);
        Assert.Empty(afterRemoval.DelegatedAdminGrants);
    }

    [Fact]
    public void Only_an_indirect_reseller_in_the_providers_cloud_can_establish_a_partnership()
    {
        var provider = new Partner("Fabrikam", PartnerKind.IndirectProvider, "US", Cloud.Public, "2", true);
        Assert.True(ResellerPartnership.Establish(provider, new Partner("R", PartnerKind.IndirectReseller, "US", Cloud.Public, "3", true), Now).Succeeded);
        Assert.False(ResellerPartnership.Establish(provider, NewPartner(mpn: "4"), Now).Succeeded);
        Assert.False(ResellerPartnership.Establish(provider, new Partner("R", PartnerKind.IndirectReseller, "US", Cloud.UsGovernment, "5", true), Now).Succeeded);
    }

    [Theory]
    [InlineData("", false)]
    [InlineData("Contoso", true)]
    [InlineData("con toso", false)]
    [InlineData("-contoso", false)]
    [InlineData("contoso-ltd", true)]
    public void Domain_prefix_is_validated(string prefix, bool valid)
    {
        var result = Customer.Create("Contoso", prefix, "US", Cloud.Public, new Address("1", null, "c", null, "1"), new PrimaryContact("a", "a@b.c", "1"), Now);
        Assert.Equal(valid, result.Succeeded);
        if (valid)
        {
            Assert.Equal(prefix.ToLowerInvariant() + ".onmicrosoft.com", result.Value.Domain);
        }
    }

    [Fact]
    public void A_national_cloud_refuses_a_customer_outside_its_countries()
    {
        var result = Customer.Create("Contoso", "contoso", "FR", Cloud.UsGovernment, new Address("1", null, "c", null, "1"), new PrimaryContact("a", "a@b.c", "1"), Now);
        Assert.False(result.Succeeded);
    }
}
