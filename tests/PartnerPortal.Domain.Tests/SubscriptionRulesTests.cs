using PartnerPortal.Domain.Catalog;
using PartnerPortal.Domain.Clouds;
using PartnerPortal.Domain.Customers;
using PartnerPortal.Domain.Partners;
using PartnerPortal.Domain.Relationships;

namespace PartnerPortal.Domain.Tests;

public class SubscriptionRulesTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 22, 9, 0, 0, TimeSpan.Zero);
    private static readonly Partner Provider = new("Fabrikam", PartnerKind.IndirectProvider, "US", Cloud.Public, "10", true);
    private static readonly Partner Reseller = new("Northwind", PartnerKind.IndirectReseller, "US", Cloud.Public, "11", true);
    private static readonly Partner ResellerWithoutAgreement = new("Tailspin", PartnerKind.IndirectReseller, "CA", Cloud.Public, "12", false);
    private static readonly Offer Seats = new(Cloud.Public, "Office 365 E3", BillingType.LicenseBased, 300);

    private static Customer ProvidersCustomer()
    {
        var customer = Customer.Create("Adatum", "adatum", "US", Cloud.Public, new Address("1", null, "c", null, "1"), new PrimaryContact("a", "a@b.c", "1"), Now).Value;
        customer.AcceptCustomerAgreement("admin", Now);
        customer.AcceptResellerRelationship(Provider, Provider, false, new HashSet<DelegatedAdminService>(), Now);
        return customer;
    }

    [Fact]
    public void A_partner_without_a_relationship_cannot_order_for_the_customer()
    {
        var stranger = new Partner("Contoso", PartnerKind.DirectBillPartner, "US", Cloud.Public, "13", true);
        Assert.False(Subscription.Create(ProvidersCustomer(), stranger, Seats, 5, null, null, Now).Succeeded);
    }

    [Theory]
    [InlineData(0, false)]
    [InlineData(1, true)]
    [InlineData(300, true)]
    [InlineData(301, false)]
    public void Quantity_must_fit_the_offer(int quantity, bool allowed) =>
        Assert.Equal(allowed, Subscription.Create(ProvidersCustomer(), Provider, Seats, quantity, null, null, Now).Succeeded);

    [Fact]
    public void An_offer_from_another_cloud_is_refused() =>
        Assert.False(Subscription.Create(ProvidersCustomer(), Provider, new Offer(Cloud.Germany, "Office 365 E3", BillingType.LicenseBased, 300), 1, null, null, Now).Succeeded);

    [Fact]
    public void A_named_reseller_must_be_partnered_and_have_accepted_the_partner_agreement()
    {
        var partnership = ResellerPartnership.Establish(Provider, Reseller, Now).Value;
        var noAgreement = ResellerPartnership.Establish(Provider, ResellerWithoutAgreement, Now).Value;

        Assert.Equal(Reseller.Id, Subscription.Create(ProvidersCustomer(), Provider, Seats, 1, Reseller, partnership, Now).Value.ResellerId);
        Assert.False(Subscription.Create(ProvidersCustomer(), Provider, Seats, 1, Reseller, null, Now).Succeeded);
        Assert.False(Subscription.Create(ProvidersCustomer(), Provider, Seats, 1, ResellerWithoutAgreement, noAgreement, Now).Succeeded);
        partnership.Remove(Now);
        Assert.False(Subscription.Create(ProvidersCustomer(), Provider, Seats, 1, Reseller, partnership, Now).Succeeded);
    }

    [Fact]
    public void Keeping_a_former_reseller_as_support_contact_is_allowed_but_choosing_one_is_not()
    {
        var subscription = Subscription.Create(ProvidersCustomer(), Provider, Seats, 1, null, null, Now).Value;
        Assert.True(subscription.DesignateSupportContact(Reseller.Id, isPartneredReseller: true).Succeeded);

        Assert.True(subscription.DesignateSupportContact(Reseller.Id, isPartneredReseller: false).Succeeded);
        Assert.Equal(Reseller.Id, subscription.SupportContactId);
        Assert.False(subscription.DesignateSupportContact(ResellerWithoutAgreement.Id, isPartneredReseller: false).Succeeded);
        Assert.Equal(Reseller.Id, subscription.SupportContactId);
    }
}
