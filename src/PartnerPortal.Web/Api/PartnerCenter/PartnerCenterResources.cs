using System.Text.Json.Serialization;

namespace PartnerPortal.Web.Api.PartnerCenter;

// Partner Center REST v1's resources as this API answers with them: the handlers return these types, and the OpenAPI document
// describes its responses from the same types.

public sealed record ResourceAttributes(string ObjectType);

public sealed record SubscriptionAttributes(string Etag, string ObjectType);

public sealed record LinkHeader(string Key, string Value);

public sealed record Link(string Uri, string Method, IReadOnlyList<LinkHeader> Headers);

public sealed record CollectionLinks(Link Next);

/// <summary>A page of resources; <see cref="Links"/> and <see cref="ContinuationToken"/> only when more follow.</summary>
public sealed record ResourceCollection<T>(int TotalCount, IReadOnlyList<T> Items)
{
    public ResourceAttributes Attributes { get; } = new("Collection");

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public CollectionLinks? Links { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? ContinuationToken { get; init; }
}

/// <summary>A customer's company profile; its tenant id is the customer's PartnerPortal id.</summary>
public sealed record CustomerCompanyProfile(string TenantId, string Domain, string CompanyName);

/// <summary>The first admin's user name and temporary password, in the answer to a create only (null password on a retry).</summary>
public sealed record UserCredentials(string UserName, string? Password);

public sealed record CustomerResource(string Id, CustomerCompanyProfile CompanyProfile, string RelationshipToPartner, bool AllowDelegatedAccess, string? AssociatedPartnerId)
{
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public UserCredentials? UserCredentials { get; init; }

    public ResourceAttributes Attributes { get; } = new("Customer");
}

public sealed record CustomerRelationshipRequestResource(string Url, bool IncludesDelegatedAdmin)
{
    public ResourceAttributes Attributes { get; } = new("CustomerRelationshipRequest");
}

public sealed record PartnerRelationshipResource(string Id, string Name, string RelationshipType, string State, string? MpnId, string? Location)
{
    public ResourceAttributes Attributes { get; } = new("PartnerRelationship");
}

public sealed record SubscriptionResource(
    string Id,
    string OfferId,
    string? OfferName,
    string? FriendlyName,
    int Quantity,
    string UnitType,
    string Status,
    string? PartnerId,
    DateTimeOffset CreationDate,
    SubscriptionAttributes Attributes);

/// <summary>Partner Center's error body.</summary>
public sealed record PartnerCenterError(int Code, string Description, string ErrorName)
{
    public ResourceAttributes Attributes { get; } = new("Error");
}
