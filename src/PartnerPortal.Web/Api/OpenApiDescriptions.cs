using System.Text.Json;
using Microsoft.AspNetCore.OpenApi;
using PartnerPortal.Web.Api.Graph;
using PartnerPortal.Web.Api.PartnerCenter;
using static PartnerPortal.Web.Api.Graph.DelegatedAdminRelationshipsApi;
using static PartnerPortal.Web.Api.PartnerCenter.PartnerCenterApi;

namespace PartnerPortal.Web.Api;

/// <summary>
/// What the OpenAPI document says beyond the routes: each endpoint's answer and refusals with their body types, and an example
/// of every request and resource body. The examples are instances of the very types the handlers read and write, serialized
/// as the API serializes them, so an example cannot name a property the API does not have.
/// </summary>
public static class OpenApiDescriptions
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>The answer in Graph's shape, and Graph error bodies for the given refusals.</summary>
    public static RouteHandlerBuilder AnswersGraph<T>(this RouteHandlerBuilder endpoint, int status, params int[] refusals) =>
        endpoint.Produces<T>(status).Refuses<GraphError>(refusals);

    /// <summary>The answer in Partner Center's shape, and Partner Center error bodies for the given refusals.</summary>
    public static RouteHandlerBuilder AnswersPartnerCenter<T>(this RouteHandlerBuilder endpoint, int status, params int[] refusals) =>
        endpoint.Produces<T>(status).Refuses<PartnerCenterError>(refusals);

    /// <summary>A missing, refused or revoked token: Graph's error body on every API route, whichever shape the route has.</summary>
    public static RouteGroupBuilder RefusesUnauthenticated(this RouteGroupBuilder group) =>
        group.WithMetadata(new ProducesResponseTypeMetadata(StatusCodes.Status401Unauthorized, typeof(GraphError), ["application/json"]))
            .WithMetadata(new ProducesResponseTypeMetadata(StatusCodes.Status429TooManyRequests));

    /// <summary>No content on success (a delete), Graph error bodies for the given refusals.</summary>
    public static RouteHandlerBuilder AnswersGraphNoContent(this RouteHandlerBuilder endpoint, params int[] refusals) =>
        endpoint.Produces(StatusCodes.Status204NoContent).Refuses<GraphError>(refusals);

    private static RouteHandlerBuilder Refuses<TError>(this RouteHandlerBuilder endpoint, int[] refusals)
    {
        foreach (var status in refusals)
        {
            endpoint.Produces<TError>(status);
        }

        return endpoint;
    }

    private const string CustomerId = "01a20516-26d1-7fe6-a689-84b75747c6a7";
    private const string HelpdeskAdministrator = "729827e3-9c14-49f7-bb1b-9608f156bbb8";
    private const string UserAdministrator = "fe930be7-5e62-47db-91af-98c3a49a38b1";
    private static readonly DateTimeOffset Created = new(2026, 11, 2, 9, 30, 0, TimeSpan.Zero);

    /// <summary>One example per body type.</summary>
    public static readonly IReadOnlyDictionary<Type, object> Examples = new Dictionary<Type, object>
    {
        [typeof(RelationshipBody)] = new RelationshipBody("Contoso helpdesk", "P730D", new AccessDetailsBody([new UnifiedRoleBody(HelpdeskAdministrator)]), new CustomerBody(CustomerId), "P180D"),
        [typeof(RelationshipPatchBody)] = new RelationshipPatchBody("Contoso helpdesk, tier 2", "P365D"),
        [typeof(ActionBody)] = new ActionBody("lockForApproval"),
        [typeof(AssignmentBody)] = new AssignmentBody(new AccessContainerBody("01a2053e-5d1b-7c2a-9f4e-2b8c6d1a7e90", "securityGroup"), new AccessDetailsBody([new UnifiedRoleBody(HelpdeskAdministrator)])),
        [typeof(DelegatedAdminRelationshipResource)] = new DelegatedAdminRelationshipResource(
            "W/\"1942\"", "01a2053d-6c1e-7a4b-8e2f-3d9c5b7a1f20", "Contoso helpdesk", "P730D", new CustomerParticipantResource(CustomerId, "Adatum Corporation"),
            AccessDetailsResource.Of([Guid.Parse(HelpdeskAdministrator), Guid.Parse(UserAdministrator)]), "active", "P180D", Created, Created.AddDays(1), Created.AddDays(1), Created.AddDays(731)),
        [typeof(DelegatedAdminAccessAssignmentResource)] = new DelegatedAdminAccessAssignmentResource(
            "01a2053f-0b7d-7e11-a3c4-5f6e7d8c9b0a", "active", new AccessContainerResource("01a2053e-5d1b-7c2a-9f4e-2b8c6d1a7e90", "securityGroup"),
            AccessDetailsResource.Of([Guid.Parse(HelpdeskAdministrator)]), Created.AddDays(2), Created.AddDays(2)),
        [typeof(DelegatedAdminRelationshipRequestResource)] = new DelegatedAdminRelationshipRequestResource("7f3e1c2a-4b5d-4e6f-8a9b-0c1d2e3f4a5b", "lockForApproval", "succeeded", Created, Created),
        [typeof(DelegatedAdminRelationshipRequestCollection)] = new DelegatedAdminRelationshipRequestCollection(
            "https://portal.example/v1.0/$metadata#tenantRelationships/delegatedAdminRelationships('01a2053d-6c1e-7a4b-8e2f-3d9c5b7a1f20')/requests", null,
            [new DelegatedAdminRelationshipRequestResource("7f3e1c2a-4b5d-4e6f-8a9b-0c1d2e3f4a5b", "lockForApproval", "succeeded", Created, Created)]),
        [typeof(DelegatedAdminRelationshipOperationResource)] = new DelegatedAdminRelationshipOperationResource(
            "01a20540-2c3d-7e4f-9a0b-1c2d3e4f5a6b", "delegatedAdminAccessAssignmentUpdate", "succeeded",
            $$$"""{"accessAssignmentId":"01a2053f-0b7d-7e11-a3c4-5f6e7d8c9b0a","accessDetails":{"unifiedRoles":[{"roleDefinitionId":"{{{UserAdministrator}}}"}]}}""",
            Created.AddDays(3), Created.AddDays(3).AddSeconds(1)),
        [typeof(GraphError)] = GraphErrors.Body(Domain.Common.Refusals.AdminRelationships.NoAutoExtendWithGlobalAdministrator.Code, Domain.Common.Refusals.AdminRelationships.NoAutoExtendWithGlobalAdministrator.Message, "b1c2d3e4-f5a6-4b7c-8d9e-0f1a2b3c4d5e"),
        [typeof(NewCustomerBody)] = new NewCustomerBody(
            new CompanyProfile("cohowinery.onmicrosoft.com", "Coho Winery"),
            new BillingProfile("it@cohowinery.example", new DefaultAddress("US", "Redmond", "1 Microsoft Way", "98052", "+1 425 555 0101", "WA", "Tania", "Carr")),
            "3000001"),
        [typeof(SubscriptionPatch)] = new SubscriptionPatch(30, "3000001"),
        [typeof(CustomerResource)] = new CustomerResource(CustomerId, new CustomerCompanyProfile(CustomerId, "adatum.onmicrosoft.com", "Adatum Corporation"), "reseller", true, null),
        [typeof(SubscriptionResource)] = new SubscriptionResource(
            "01a20517-3c4d-7e5f-8a9b-0c1d2e3f4a5b", "01a20510-1a2b-7c3d-8e4f-5a6b7c8d9e0f", "Microsoft 365 Business Standard", "Microsoft 365 Business Standard", 25, "Licenses", "active", "3000001", Created,
            new SubscriptionAttributes("W/\"2211\"", "Subscription")),
        [typeof(CustomerRelationshipRequestResource)] = new CustomerRelationshipRequestResource("https://portal.example/AdminCenter/Invitation/k3Jx9QmPz2", true),
        [typeof(PartnerRelationshipResource)] = new PartnerRelationshipResource("01a20512-7d8e-7f90-a1b2-c3d4e5f6a7b8", "Northwind Traders Resellers", "IsIndirectCloudSolutionProviderOf", "Active", "3000001", "US"),
        [typeof(PartnerCenterError)] = new PartnerCenterError(StatusCodes.Status412PreconditionFailed, "Someone else changed this subscription while you were editing it. Nothing was saved. The form now shows the current values; make your change again.", "PreconditionFailed"),
    };

    public static void AddExamples(OpenApiOptions options) => options.AddSchemaTransformer((schema, context, _) =>
    {
        if (Examples.TryGetValue(context.JsonTypeInfo.Type, out var example))
        {
            schema.Examples = [JsonSerializer.SerializeToNode(example, example.GetType(), Json)!];
        }

        return Task.CompletedTask;
    });
}
