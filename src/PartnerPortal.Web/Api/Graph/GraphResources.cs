using System.Text.Json.Serialization;

namespace PartnerPortal.Web.Api.Graph;

// Microsoft Graph v1.0's resources as this API answers with them: the handlers return these types, and the OpenAPI document
// describes its responses from the same types, so the two cannot drift apart.

public sealed record UnifiedRoleResource(string RoleDefinitionId);

public sealed record AccessDetailsResource(IReadOnlyList<UnifiedRoleResource> UnifiedRoles)
{
    public static AccessDetailsResource Of(IEnumerable<Guid> roles) => new(roles.Select(r => new UnifiedRoleResource(r.ToString())).ToList());
}

/// <summary>The customer of a relationship; its tenant id is the customer's PartnerPortal id.</summary>
public sealed record CustomerParticipantResource(string TenantId, string? DisplayName);

public sealed record DelegatedAdminRelationshipResource(
    [property: JsonPropertyName("@odata.etag")] string ODataETag,
    string Id,
    string DisplayName,
    string Duration,
    CustomerParticipantResource? Customer,
    AccessDetailsResource AccessDetails,
    string Status,
    string AutoExtendDuration,
    DateTimeOffset CreatedDateTime,
    DateTimeOffset LastModifiedDateTime,
    DateTimeOffset? ActivatedDateTime,
    DateTimeOffset? EndDateTime)
{
    [JsonPropertyName("@odata.type")]
    [JsonPropertyOrder(-1)]
    public string ODataType => "#microsoft.graph.delegatedAdminRelationship";
}

public sealed record DelegatedAdminRelationshipCollection(
    [property: JsonPropertyName("@odata.context")] string ODataContext,
    [property: JsonPropertyName("@odata.nextLink"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? ODataNextLink,
    IReadOnlyList<DelegatedAdminRelationshipResource> Value);

public sealed record AccessContainerResource(string AccessContainerId, string AccessContainerType);

public sealed record DelegatedAdminAccessAssignmentResource(
    string Id,
    string Status,
    AccessContainerResource AccessContainer,
    AccessDetailsResource AccessDetails,
    DateTimeOffset CreatedDateTime,
    DateTimeOffset LastModifiedDateTime)
{
    [JsonPropertyName("@odata.type")]
    [JsonPropertyOrder(-1)]
    public string ODataType => "#microsoft.graph.delegatedAdminAccessAssignment";
}

public sealed record DelegatedAdminAccessAssignmentCollection(IReadOnlyList<DelegatedAdminAccessAssignmentResource> Value);

/// <summary>An action a partner took on a relationship (lockForApproval, terminate): carried out at once, so "succeeded".</summary>
public sealed record DelegatedAdminRelationshipRequestResource(string Id, string Action, string Status, DateTimeOffset CreatedDateTime, DateTimeOffset LastModifiedDateTime)
{
    [JsonPropertyName("@odata.type")]
    [JsonPropertyOrder(-1)]
    public string ODataType => "#microsoft.graph.delegatedAdminRelationshipRequest";
}

public sealed record GraphInnerError(string Date, [property: JsonPropertyName("request-id")] string RequestId);

public sealed record GraphErrorDetail(string Code, string Message, GraphInnerError InnerError);

/// <summary>Microsoft Graph's error body: <c>{"error": {"code", "message", "innerError": {"date", "request-id"}}}</c>.</summary>
public sealed record GraphError(GraphErrorDetail Error);

public sealed record DelegatedAdminRelationshipRequestCollection(
    [property: JsonPropertyName("@odata.context")] string ODataContext,
    [property: JsonPropertyName("@odata.nextLink"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? ODataNextLink,
    IReadOnlyList<DelegatedAdminRelationshipRequestResource> Value);

/// <summary>A customer the partner holds a relationship in force with; its id and tenant id are the customer's PartnerPortal id.</summary>
public sealed record DelegatedAdminCustomerResource(string Id, string TenantId, string DisplayName)
{
    [JsonPropertyName("@odata.type")]
    [JsonPropertyOrder(-1)]
    public string ODataType => "#microsoft.graph.delegatedAdminCustomer";
}

public sealed record DelegatedAdminCustomerCollection(
    [property: JsonPropertyName("@odata.context")] string ODataContext,
    [property: JsonPropertyName("@odata.nextLink"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? ODataNextLink,
    IReadOnlyList<DelegatedAdminCustomerResource> Value);

public sealed record DelegatedAdminServiceManagementDetailResource(string Id, string ServiceName, string ServiceManagementUrl)
{
    [JsonPropertyName("@odata.type")]
    [JsonPropertyOrder(-1)]
    public string ODataType => "#microsoft.graph.delegatedAdminServiceManagementDetail";
}

public sealed record DelegatedAdminServiceManagementDetailCollection(
    [property: JsonPropertyName("@odata.context")] string ODataContext,
    [property: JsonPropertyName("@odata.nextLink"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? ODataNextLink,
    IReadOnlyList<DelegatedAdminServiceManagementDetailResource> Value);

/// <summary>
/// A change applied after its request was answered (Graph's <c>delegatedAdminRelationshipOperation</c>). <c>data</c> is the
/// change as JSON text, with an <c>error</c> (code and message) when it failed.
/// </summary>
public sealed record DelegatedAdminRelationshipOperationResource(
    string Id,
    string OperationType,
    string Status,
    string Data,
    DateTimeOffset CreatedDateTime,
    DateTimeOffset LastModifiedDateTime)
{
    [JsonPropertyName("@odata.type")]
    [JsonPropertyOrder(-1)]
    public string ODataType => "#microsoft.graph.delegatedAdminRelationshipOperation";
}

public sealed record DelegatedAdminRelationshipOperationCollection(
    [property: JsonPropertyName("@odata.context")] string ODataContext,
    [property: JsonPropertyName("@odata.nextLink"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? ODataNextLink,
    IReadOnlyList<DelegatedAdminRelationshipOperationResource> Value);
