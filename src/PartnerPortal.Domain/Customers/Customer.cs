using System.Text.RegularExpressions;
using PartnerPortal.Domain.Clouds;
using PartnerPortal.Domain.Common;
using PartnerPortal.Domain.Geography;
using PartnerPortal.Domain.Partners;
using PartnerPortal.Domain.Relationships;

namespace PartnerPortal.Domain.Customers;

public sealed record Address(string Line1, string? Line2, string City, string? State, string PostalCode);

public sealed record PrimaryContact(string Name, string Email, string Phone);

/// <summary>Who accepted the cloud's customer agreement for the organization, when, and which version (seed 000 step 5 note).</summary>
public sealed record CustomerAgreementAcceptance(string AgreementVersion, string AcceptedBy, DateTimeOffset AcceptedAt);

/// <summary>What the customer gets out of accepting an invitation.</summary>
public sealed record RelationshipAcceptance(bool Changed, CustomerRelationship Relationship, IReadOnlyList<DelegatedAdminService> GrantedServices);

public sealed record DelegatedAdminConflict(DelegatedAdminService Service, Guid HolderPartnerId);

/// <summary>A customer organization (tenant) with its partner relationships and delegated admin grants.</summary>
public partial class Customer
{
    private readonly List<CustomerRelationship> _relationships = [];
    private readonly List<DelegatedAdminGrant> _delegatedAdminGrants = [];

    private Customer()
    {
        CompanyName = null!;
        Domain = null!;
        Country = null!;
        Address = null!;
        Contact = null!;
    }

    private Customer(string companyName, string domain, string country, Cloud cloud, Address address, PrimaryContact contact, DateTimeOffset createdAt)
    {
        Id = Guid.CreateVersion7();
        CompanyName = companyName;
        Domain = domain;
        Country = country;
        Cloud = cloud;
        Address = address;
        Contact = contact;
        CreatedAt = createdAt;
    }

    public Guid Id { get; private set; }
    public string CompanyName { get; private set; }

    /// <summary>The initial domain, e.g. <c>contoso.onmicrosoft.com</c>; unique across the portal.</summary>
    public string Domain { get; private set; }
    public string Country { get; private set; }
    public Cloud Cloud { get; private set; }
    public Address Address { get; private set; }
    public PrimaryContact Contact { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }
    public CustomerAgreementAcceptance? AgreementAcceptance { get; private set; }

    public IReadOnlyCollection<CustomerRelationship> Relationships => _relationships;
    public IReadOnlyCollection<DelegatedAdminGrant> DelegatedAdminGrants => _delegatedAdminGrants;

    [GeneratedRegex("^[a-z0-9](?:[a-z0-9-]{0,25}[a-z0-9])?$")]
    private static partial Regex DomainPrefixPattern();

    /// <summary>Creates a customer organization; refuses a country the cloud does not serve or a malformed domain prefix.</summary>
    public static Result<Customer> Create(string companyName, string domainPrefix, string country, Cloud cloud, Address address, PrimaryContact contact, DateTimeOffset now)
    {
        if (string.IsNullOrWhiteSpace(companyName))
        {
            return Result<Customer>.Fail(Refusals.Customers.CompanyNameRequired);
        }

        // The same field rules as every form and the API (TextRules): a direct caller cannot store what a form refuses.
        string?[] texts = [companyName, address.Line1, address.Line2, address.City, address.State, address.PostalCode, contact.Name];
        if (!texts.All(TextRules.IsReadableText))
        {
            return Result<Customer>.Fail(Refusals.Fields.Unreadable);
        }

        if (string.IsNullOrWhiteSpace(contact.Email) || !TextRules.IsEmailAddress(contact.Email))
        {
            return Result<Customer>.Fail(Refusals.Fields.InvalidEmail);
        }

        var prefix = (domainPrefix ?? string.Empty).Trim().ToLowerInvariant();
        if (!DomainPrefixPattern().IsMatch(prefix))
        {
            return Result<Customer>.Fail(Refusals.Customers.InvalidDomainPrefix);
        }

        if (!Countries.IsKnown(country))
        {
            return Result<Customer>.Fail(Refusals.Customers.UnknownCountry);
        }

        var policy = CloudPolicies.For(cloud);
        var code = country.ToUpperInvariant();
        if (!policy.AllowsCountry(code))
        {
            return Result<Customer>.Fail(Refusals.Customers.CountryNotServed, policy.DisplayName, Countries.Get(code).EnglishName);
        }

        return Result<Customer>.Ok(new Customer(companyName.Trim(), prefix + policy.InitialDomainSuffix, code, cloud, address, contact, now));
    }

    public CloudPolicy Policy => CloudPolicies.For(Cloud);

    public bool HasAcceptedCustomerAgreement => AgreementAcceptance is not null;

    public CustomerRelationship? ActiveRelationshipWith(Guid partnerId) =>
        _relationships.FirstOrDefault(r => r.IsActive && r.PartnerId == partnerId);

    /// <summary>The relationship a partner sees the customer through: as its billing partner, else as its indirect reseller; none when neither.</summary>
    public CustomerRelationship? RelationshipSeenBy(Guid partnerId) =>
        ActiveRelationshipWith(partnerId) ?? _relationships.FirstOrDefault(r => r.IsActive && r.IndirectResellerId == partnerId);

    public IEnumerable<DelegatedAdminGrant> ActiveGrants => _delegatedAdminGrants.Where(g => g.IsActive);

    public void AcceptCustomerAgreement(string acceptedBy, DateTimeOffset now)
    {
        // Accepting again keeps the first acceptance: that is the record of who agreed to which version.
        AgreementAcceptance ??= new CustomerAgreementAcceptance(Policy.CustomerAgreementVersion, acceptedBy, now);
    }

    /// <summary>
    /// One delegated-admin partner per service, in every cloud: seed 002 ("In a multi-channel scenario, only one partner can have
    /// administrator permissions to manage a service on the customer's behalf", Partner Center, US Government, Germany) and seed
    /// 003 (21Vianet). Returns the services that another partner already holds. The database backs this with a unique index on
    /// active grants per customer and service, so two acceptances at the same moment cannot both win.
    /// </summary>
    public IReadOnlyList<DelegatedAdminConflict> DelegatedAdminConflicts(Guid partnerId, IEnumerable<DelegatedAdminService> services) =>
        services
            .Select(s => ActiveGrants.FirstOrDefault(g => g.Service == s && g.PartnerId != partnerId))
            .Where(g => g is not null)
            .Select(g => new DelegatedAdminConflict(g!.Service, g.PartnerId))
            .ToList();

    public static DomainError DelegatedAdminHeldByAnother(DelegatedAdminService service) => new(
        Refusals.Customers.DelegatedAdminHeld,
        DelegatedAdminServices.DisplayName(service));

    /// <summary>
    /// Checks that a partner may work with this customer at all: same cloud, same country or region (seed 000). The rule binds
    /// the billing partner (a direct-bill partner or the indirect provider), whoever sent the invitation; see docs/decisions/0005.
    /// </summary>
    public Result CanWorkWith(Partner partner)
    {
        if (partner.Cloud != Cloud)
        {
            return Result.Fail(
                Refusals.Customers.OtherCloud,
                CloudPolicies.For(partner.Cloud).DisplayName,
                Policy.DisplayName);
        }

        if (!RegionRule.SameCountryOrRegion(partner.Country, Country))
        {
            return Result.Fail(
                Refusals.Customers.OtherRegion,
                partner.DisplayName,
                Countries.Get(partner.Country).EnglishName,
                Countries.Get(Country).EnglishName);
        }

        return Result.Ok();
    }

    /// <summary>
    /// Accepts a reseller relationship (seed 000 step 5, seed 003 steps 3-5). <paramref name="billingPartner"/> is the partner
    /// whose customer this becomes; <paramref name="inviter"/> is who sent the link and receives delegated admin (the same
    /// partner, or an indirect reseller inviting on its provider's behalf, which is then associated with the customer).
    /// Accepting the same request twice changes nothing.
    /// </summary>
    public Result<RelationshipAcceptance> AcceptResellerRelationship(
        Partner billingPartner,
        Partner inviter,
        bool includesDelegatedAdmin,
        IReadOnlySet<DelegatedAdminService> acceptWithoutDelegatedAdminFor,
        DateTimeOffset now)
    {
        if (AgreementAcceptance is null)
        {
            return Result<RelationshipAcceptance>.Fail(Refusals.Customers.AgreementNotAccepted, Policy.CustomerAgreementName);
        }

        var allowed = CanWorkWith(billingPartner);
        if (!allowed.Succeeded)
        {
            return Result<RelationshipAcceptance>.Fail(allowed.Error!);
        }

        var onBehalf = inviter.Id != billingPartner.Id;
        if (onBehalf && inviter.Cloud != Cloud)
        {
            return Result<RelationshipAcceptance>.Fail(CanWorkWith(inviter).Error!);
        }

        var requested = includesDelegatedAdmin ? DelegatedAdminServices.All : [];
        var conflict = DelegatedAdminConflicts(inviter.Id, requested)
            .FirstOrDefault(c => !acceptWithoutDelegatedAdminFor.Contains(c.Service));
        if (conflict is not null)
        {
            return Result<RelationshipAcceptance>.Fail(DelegatedAdminHeldByAnother(conflict.Service));
        }

        var changed = false;
        var relationship = ActiveRelationshipWith(billingPartner.Id);
        if (relationship is null)
        {
            relationship = new CustomerRelationship(Id, CompanyName, Domain, billingPartner.Id, onBehalf ? inviter.Id : null, now);
            _relationships.Add(relationship);
            changed = true;
        }
        else if (onBehalf && relationship.IndirectResellerId != inviter.Id)
        {
            if (relationship.IndirectResellerId is not null)
            {
                return Result<RelationshipAcceptance>.Fail(
                    Refusals.Customers.OtherReseller,
                    billingPartner.DisplayName);
            }

            // Already the provider's customer: the inviting reseller becomes its associated reseller, so it can see the customer.
            relationship.AssociateReseller(inviter.Id);
            changed = true;
        }

        var granted = new List<DelegatedAdminService>();
        foreach (var service in requested.Where(s => !acceptWithoutDelegatedAdminFor.Contains(s)))
        {
            if (!ActiveGrants.Any(g => g.PartnerId == inviter.Id && g.Service == service))
            {
                _delegatedAdminGrants.Add(new DelegatedAdminGrant(Id, inviter.Id, service, now));
                granted.Add(service);
                changed = true;
            }
        }

        return Result<RelationshipAcceptance>.Ok(new RelationshipAcceptance(changed, relationship, granted));
    }

    /// <summary>The customer removes a partner's delegated admin privileges; the reseller relationship stays (seed 003).</summary>
    public IReadOnlyList<DelegatedAdminService> RemoveDelegatedAdmin(Guid partnerId, DateTimeOffset now)
    {
        var revoked = ActiveGrants.Where(g => g.PartnerId == partnerId).ToList();
        revoked.ForEach(g => g.Revoke(now));
        return revoked.Select(g => g.Service).ToList();
    }

    /// <summary>The customer removes delegated admin privileges from every partner; relationships stay (seed 003).</summary>
    public int RemoveAllDelegatedAdmin(DateTimeOffset now)
    {
        var revoked = ActiveGrants.ToList();
        revoked.ForEach(g => g.Revoke(now));
        return revoked.Count;
    }

    /// <summary>
    /// The partner ends its reseller relationship ("Remove a relationship with a customer"). The partner's delegated admin
    /// privileges end with it; the rows stay as history.
    /// </summary>
    public Result RemoveRelationship(Guid partnerId, DateTimeOffset now)
    {
        var relationship = ActiveRelationshipWith(partnerId);
        if (relationship is null)
        {
            return Result.Fail(Refusals.Customers.NoActiveRelationship);
        }

        relationship.Remove(now);
        RemoveDelegatedAdmin(partnerId, now);
        if (relationship.IndirectResellerId is { } reseller)
        {
            RemoveDelegatedAdmin(reseller, now);
        }

        return Result.Ok();
    }

    /// <summary>
    /// An indirect provider creates a customer on a reseller's behalf (seed 004): the reseller manages it and holds delegated
    /// admin. Refused unless the two are in an active partnership and the customer is within the provider's cloud and region.
    /// </summary>
    public Result<CustomerRelationship> EstablishForReseller(Partner provider, Partner reseller, ResellerPartnership? partnership, DateTimeOffset now)
    {
        var partnered = PartnershipRules.CheckActivePartnership(provider, reseller, partnership);
        if (!partnered.Succeeded)
        {
            return Result<CustomerRelationship>.Fail(partnered.Error!);
        }

        var allowed = CanWorkWith(provider);
        if (!allowed.Succeeded)
        {
            return Result<CustomerRelationship>.Fail(allowed.Error!);
        }

        if (_relationships.Count > 0 || _delegatedAdminGrants.Count > 0)
        {
            return Result<CustomerRelationship>.Fail(Refusals.Customers.NotNew);
        }

        var relationship = new CustomerRelationship(Id, CompanyName, Domain, provider.Id, reseller.Id, now);
        _relationships.Add(relationship);
        foreach (var service in DelegatedAdminServices.All)
        {
            _delegatedAdminGrants.Add(new DelegatedAdminGrant(Id, reseller.Id, service, now));
        }

        return Result<CustomerRelationship>.Ok(relationship);
    }
}
