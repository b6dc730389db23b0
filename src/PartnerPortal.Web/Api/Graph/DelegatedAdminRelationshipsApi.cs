using System.Globalization;
using System.Linq.Expressions;
using System.Text.Json;
using System.Xml;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using PartnerPortal.Domain.AdminRelationships;
using PartnerPortal.Web.Data;
using PartnerPortal.Web.Features.AdminRelationships;
using PartnerPortal.Web.Infrastructure;

namespace PartnerPortal.Web.Api.Graph;

/// <summary>
/// Granular delegated admin relationships in Microsoft Graph v1.0's shape (<c>/tenantRelationships/delegatedAdminRelationships</c>):
/// the resources, property names, status values and error body of <c>delegatedAdminRelationship</c>,
/// <c>delegatedAdminRelationshipRequest</c> and <c>delegatedAdminAccessAssignment</c>, so Microsoft's Graph SDK works against
/// the portal. Every change goes through the same command handlers as the pages (rules, locks, audit). A customer's tenant id
/// is its PartnerPortal organization id.
/// </summary>
public static class DelegatedAdminRelationshipsApi
{
    private const int DefaultTop = 100;
    internal const int MaxTop = 300;
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static void Map(RouteGroupBuilder group)
    {
        group.MapGet("/", ListAsync).AnswersGraph<DelegatedAdminRelationshipCollection>(200, 400, 403)
            .WithSummary("List the partner's delegated admin relationships, newest first.")
            .WithDescription("$filter on status (eq) and customer/tenantId (eq), joined with and; $orderby createdDateTime, displayName or status (asc or desc; newest first when absent; status in the alphabetical order of its values); $top 1 to 300 (default 100); @odata.nextLink for the next page.");
        group.MapPost("/", CreateAsync).Accepts<RelationshipBody>("application/json").AnswersGraph<DelegatedAdminRelationshipResource>(201, 400, 403, 404, 415)
            .WithSummary("Create a delegated admin relationship (status created).")
            .WithDescription("duration P1D to P730D; autoExtendDuration P180D or PT0S (never with Global Administrator); roles by Entra role template id; customer.tenantId optional. Send Idempotency-Key to make a retry safe: the same key returns the first call's relationship.");
        group.MapGet("/{id:guid}", GetAsync).AnswersGraph<DelegatedAdminRelationshipResource>(200, 403, 404)
            .WithSummary("A relationship, with its ETag.");
        group.MapMethods("/{id:guid}", ["PATCH"], UpdateAsync).Accepts<RelationshipPatchBody>("application/json").AnswersGraph<DelegatedAdminRelationshipResource>(200, 400, 403, 404, 409, 412, 415)
            .Produces(StatusCodes.Status202Accepted)
            .WithSummary("Change a relationship while it is created; once active, only autoExtendDuration, or accessDetails without Global Administrator (202 Accepted with the operation in Location).")
            .WithDescription("If-Match with its @odata.etag refuses a stale write (412).");
        group.MapDelete("/{id:guid}", DeleteAsync).AnswersGraphNoContent(400, 403, 404, 412)
            .WithSummary("Delete a relationship while it is created.");
        group.MapPost("/{id:guid}/requests", RequestAsync).Accepts<ActionBody>("application/json").AnswersGraph<DelegatedAdminRelationshipRequestResource>(201, 400, 403, 404, 415)
            .WithSummary("Act on a relationship: lockForApproval (offer it to the customer) or terminate.");
        group.MapGet("/{id:guid}/requests", ListRequestsAsync).AnswersGraph<DelegatedAdminRelationshipRequestCollection>(200, 400, 404)
            .WithSummary("The requests made of a relationship (lockForApproval, terminate), oldest first, from the pages and the API alike.")
            .WithDescription("$top 1 to 300 (default 100); @odata.nextLink for the next page.");
        group.MapGet("/{id:guid}/requests/{requestId:guid}", GetRequestAsync).AnswersGraph<DelegatedAdminRelationshipRequestResource>(200, 404)
            .WithSummary("One request made of a relationship.");
        group.MapGet("/{id:guid}/accessAssignments", ListAssignmentsAsync).AnswersGraph<DelegatedAdminAccessAssignmentCollection>(200, 403, 404)
            .WithSummary("The relationship's access assignments.");
        group.MapPost("/{id:guid}/accessAssignments", AssignAsync).Accepts<AssignmentBody>("application/json").AnswersGraph<DelegatedAdminAccessAssignmentResource>(201, 400, 403, 404, 415)
            .WithSummary("Give a security group some of the relationship's roles (one active assignment per group).");
        group.MapGet("/{id:guid}/accessAssignments/{assignmentId:guid}", GetAssignmentAsync).AnswersGraph<DelegatedAdminAccessAssignmentResource>(200, 403, 404)
            .WithSummary("An access assignment.");
        group.MapMethods("/{id:guid}/accessAssignments/{assignmentId:guid}", ["PATCH"], ChangeAssignmentAsync).Accepts<AssignmentBody>("application/json").AnswersGraph<DelegatedAdminAccessAssignmentResource>(200, 400, 403, 404, 409, 415)
            .Produces(StatusCodes.Status202Accepted)
            .WithSummary("Change the roles of an access assignment: 202 Accepted with Location (the operation to poll) and Retry-After.")
            .WithDescription("A change is checked at once and applied in the background; follow Location to its delegatedAdminRelationshipOperation until status is succeeded or failed. Roles equal to the assignment's own change nothing and answer 200 with the assignment. A second change while one is unfinished answers 409 operationInProgress.");
        group.MapGet("/{id:guid}/operations", ListOperationsAsync).AnswersGraph<DelegatedAdminRelationshipOperationCollection>(200, 400, 403, 404)
            .WithSummary("The long-running operations of a relationship (access assignment updates, Global Administrator removal), oldest first.")
            .WithDescription("$top 1 to 300 (default 100); @odata.nextLink for the next page. operationType delegatedAdminRelationshipUpdate is an evolvable enum member: send Prefer: include-unknown-enum-members to see it, otherwise it reads unknownFutureValue.");
        group.MapGet("/{id:guid}/operations/{operationId:guid}", GetOperationAsync).AnswersGraph<DelegatedAdminRelationshipOperationResource>(200, 403, 404)
            .WithSummary("One operation: notStarted, running, succeeded or failed (data says why).");
        group.MapDelete("/{id:guid}/accessAssignments/{assignmentId:guid}", RemoveAssignmentAsync).AnswersGraphNoContent(400, 403, 404)
            .WithSummary("Remove an access assignment.");
    }

    public sealed record UnifiedRoleBody(string? RoleDefinitionId);

    public sealed record AccessDetailsBody(List<UnifiedRoleBody>? UnifiedRoles);

    public sealed record CustomerBody(string? TenantId, string? DisplayName = null);

    /// <summary>A create's body: name, duration and roles are required; no customer sends a link to a customer not yet known.</summary>
    public sealed record RelationshipBody(string? DisplayName, string? Duration, AccessDetailsBody? AccessDetails, CustomerBody? Customer = null, string? AutoExtendDuration = null);

    /// <summary>A change while created: only what it names changes.</summary>
    public sealed record RelationshipPatchBody(string? DisplayName = null, string? Duration = null, AccessDetailsBody? AccessDetails = null, CustomerBody? Customer = null, string? AutoExtendDuration = null);

    public sealed record ActionBody(string? Action);

    public sealed record AccessContainerBody(string? AccessContainerId, string? AccessContainerType);

    public sealed record AssignmentBody(AccessContainerBody? AccessContainer, AccessDetailsBody? AccessDetails);

    private static async Task<IResult> ListAsync(HttpContext http, PortalDbContext db, TimeProvider clock)
    {
        var now = clock.GetUtcNow();
        var query = db.AdminRelationships.AsNoTracking();
        var filter = http.Request.Query["$filter"].ToString();
        if (!string.IsNullOrWhiteSpace(filter))
        {
            var filtered = ApplyFilter(query, filter, now);
            if (filtered is null)
            {
                return GraphErrors.BadRequest("Unsupported $filter. Use status eq '<status>' and/or customer/tenantId eq '<id>', joined with 'and'.");
            }

            query = filtered;
        }

        if (Top(http) is not { } top)
        {
            return GraphErrors.BadRequest($"$top must be a whole number from 1 to {MaxTop}.");
        }

        var orderBy = http.Request.Query["$orderby"].ToString();
        if (OrderOf(orderBy) is not { } order)
        {
            return GraphErrors.BadRequest("Unsupported $orderby. Use createdDateTime, displayName or status, each optionally followed by asc or desc.");
        }

        // Seek-paged by (the order's key, id): the skip token is the last row's place. Newest first unless $orderby says otherwise.
        var skip = SkipToken(http);
        var statusKey = AdminRelationshipStatus.Active;
        if (order.By == OrderKey.Status && skip.Direction != SeekDirection.First && !Enum.TryParse(skip.Key, out statusKey))
        {
            return GraphErrors.BadRequest("$skiptoken is not one this API returned for this $orderby.");
        }

        var rows = order.By switch
        {
            OrderKey.DisplayName => await query.Seek(r => r.DisplayName, r => r.Id, order.Direction, skip, skip.Key).Take(top + 1).ToListAsync(),
            OrderKey.Status => await query.Seek(r => r.Status, r => r.Id, order.Direction, skip, statusKey).Take(top + 1).ToListAsync(),
            _ => await query.Seek(r => r.CreatedAt, r => r.Id, order.Direction, skip, skip.KeyAsTime).Take(top + 1).ToListAsync(),
        };
        string? nextLink = null;
        if (rows.Count > top)
        {
            var last = rows[top - 1];
            var cursor = order.By switch
            {
                OrderKey.DisplayName => SeekRequest.Cursor(last.DisplayName, last.Id),
                OrderKey.Status => SeekRequest.Cursor(last.Status.ToString(), last.Id),
                _ => SeekRequest.Cursor(last.CreatedAt, last.Id),
            };
            nextLink = NextLink(http, top, cursor, filter, orderBy);
            rows.RemoveAt(top);
        }

        return Results.Json(new DelegatedAdminRelationshipCollection(
            $"{Origin(http)}/v1.0/$metadata#tenantRelationships/delegatedAdminRelationships", nextLink, rows.Select(r => Shape(r, now)).ToList()));
    }

    private static async Task<IResult> GetAsync(Guid id, PortalDbContext db, TimeProvider clock, HttpContext http)
    {
        var relationship = await db.AdminRelationships.AsNoTracking().SingleOrDefaultAsync(r => r.Id == id);
        if (relationship is null)
        {
            return GraphErrors.NotFound("The delegated admin relationship");
        }

        http.Response.Headers.ETag = ApiRequests.ETag(relationship.Version);
        return Results.Json(Shape(relationship, clock.GetUtcNow()));
    }

    private static async Task<IResult> CreateAsync(HttpContext http, AdminRelationshipCommands commands, PortalDbContext db, TimeProvider clock)
    {
        var (body, bad) = await ReadAsync<RelationshipBody>(http);
        if (bad is not null)
        {
            return bad;
        }

        if (ParseRequest(body!) is not { } input)
        {
            return GraphErrors.BadRequest("duration must be an ISO 8601 duration of whole days (P1D to P730D), autoExtendDuration P180D or PT0S, customer.tenantId and roleDefinitionId GUIDs.");
        }

        var token = ApiRequests.IdempotencyToken(http, "delegatedAdminRelationship");
        var created = await commands.RequestAsync(http.User, input with { FormToken = token }, lockForApproval: false);
        if (!created.Succeeded)
        {
            return Failure(created.Status, created.Error, "The delegated admin relationship");
        }

        var relationship = await db.AdminRelationships.AsNoTracking().SingleAsync(r => r.Id == created.Value);
        http.Response.Headers.ETag = ApiRequests.ETag(relationship.Version);
        return Results.Json(Shape(relationship, clock.GetUtcNow()), statusCode: StatusCodes.Status201Created);
    }

    private static async Task<IResult> UpdateAsync(Guid id, HttpContext http, AdminRelationshipCommands commands, PortalDbContext db, TimeProvider clock, AccessChangeJob accessChanges, IOptions<AccessChangeJobOptions> options)
    {
        var (body, bad) = await ReadAsync<RelationshipPatchBody>(http);
        if (bad is not null)
        {
            return bad;
        }

        var current = await db.AdminRelationships.AsNoTracking().SingleOrDefaultAsync(r => r.Id == id);
        if (current is null)
        {
            return GraphErrors.NotFound("The delegated admin relationship");
        }

        if (current.Status != AdminRelationshipStatus.Created)
        {
            return await UpdateStartedAsync(id, http, body!, current, commands, db, clock, accessChanges, options);
        }

        // A PATCH changes only what it names; the rest stays as it is.
        var merged = new RelationshipBody(
            body!.DisplayName ?? current.DisplayName,
            body.Duration ?? $"P{current.DurationDays}D",
            body.AccessDetails ?? new AccessDetailsBody(current.Roles.Select(r => new UnifiedRoleBody(r.ToString())).ToList()),
            body.Customer ?? (current.CustomerId is { } c ? new CustomerBody(c.ToString(), current.CustomerName) : null),
            body.AutoExtendDuration ?? (current.AutoExtend ? "P180D" : "PT0S"));
        if (ParseRequest(merged) is not { } input)
        {
            return GraphErrors.BadRequest("duration must be an ISO 8601 duration of whole days (P1D to P730D), autoExtendDuration P180D or PT0S, customer.tenantId and roleDefinitionId GUIDs.");
        }

        if (!ApiRequests.TryIfMatch(http.Request, out var expected))
        {
            return GraphErrors.BadRequest("If-Match must be an ETag this API returned.");
        }

        var updated = await commands.UpdateAsync(http.User, id, new(input.Name, input.DurationDays, input.Roles, input.AutoExtend, input.CustomerId), expected);
        if (!updated.Succeeded)
        {
            return Failure(updated.Status, updated.Error, "The delegated admin relationship");
        }

        var saved = await db.AdminRelationships.AsNoTracking().SingleAsync(r => r.Id == id);
        http.Response.Headers.ETag = ApiRequests.ETag(saved.Version);
        return Results.Json(Shape(saved, clock.GetUtcNow()));
    }

    /// <summary>
    /// A PATCH once the relationship has been offered, as Graph allows it: autoExtendDuration, applied at once; and accessDetails
    /// without Global Administrator (every other role kept), queued as an operation (202). Anything else that changes is
    /// refused, naming the rule; a body that changes nothing answers 200 with the relationship.
    /// </summary>
    private static async Task<IResult> UpdateStartedAsync(Guid id, HttpContext http, RelationshipPatchBody body, AdminRelationship current, AdminRelationshipCommands commands, PortalDbContext db, TimeProvider clock, AccessChangeJob accessChanges, IOptions<AccessChangeJobOptions> options)
    {
        if (!ApiRequests.TryIfMatch(http.Request, out var expected))
        {
            return GraphErrors.BadRequest("If-Match must be an ETag this API returned.");
        }

        if (expected is { } version && version != current.Version)
        {
            return Failure(CommandStatus.Conflict, new Domain.Common.DomainError(PortalRefusals.AdminRelationships.ChangedMeanwhile), "The delegated admin relationship");
        }

        var renamed = body.DisplayName is { } name && name.Trim() != current.DisplayName;
        var redated = body.Duration is not null && ParseDays(body.Duration) != current.DurationDays;
        var moved = body.Customer?.TenantId is { } tenant && (!Guid.TryParse(tenant, out var customerId) || customerId != current.CustomerId);
        List<Guid>? roles = null;
        if (body.AccessDetails is not null && (roles = Roles(body.AccessDetails)) is null)
        {
            return GraphErrors.BadRequest("accessDetails.unifiedRoles must name the roles by roleDefinitionId.");
        }

        var withoutGlobalAdministrator = current.Roles.Where(r => r != EntraRoles.GlobalAdministratorId).Order().ToList();
        var rolesChange = roles is not null && !roles.Distinct().Order().SequenceEqual(current.Roles.Order());
        if (renamed || redated || moved || (rolesChange && !roles!.Distinct().Order().SequenceEqual(withoutGlobalAdministrator)))
        {
            return Failure(CommandStatus.Refused, new Domain.Common.DomainError(Domain.Common.Refusals.AdminRelationships.OnlyAutoExtendOrGlobalAdministratorOnceStarted), "The delegated admin relationship");
        }

        bool? autoExtend = body.AutoExtendDuration switch
        {
            null => current.AutoExtend,
            "PT0S" or "P0D" => false,
            var other when ParseDays(other) == AdminRelationshipRules.AutoExtendDays => true,
            _ => null,
        };
        if (autoExtend is not { } on)
        {
            return GraphErrors.BadRequest("autoExtendDuration must be P180D or PT0S.");
        }

        if (on != current.AutoExtend)
        {
            var set = await commands.SetAutoExtendAsync(http.User, id, on);
            if (!set.Succeeded)
            {
                return Failure(set.Status, set.Error, "The delegated admin relationship");
            }
        }

        if (rolesChange)
        {
            var queued = await commands.RemoveGlobalAdministratorAsync(http.User, id);
            return queued.Succeeded ? Accepted(http, accessChanges, options, id, queued.Value!) : Failure(queued.Status, queued.Error, "The delegated admin relationship");
        }

        var saved = await db.AdminRelationships.AsNoTracking().SingleAsync(r => r.Id == id);
        http.Response.Headers.ETag = ApiRequests.ETag(saved.Version);
        return Results.Json(Shape(saved, clock.GetUtcNow()));
    }

    private static async Task<IResult> DeleteAsync(Guid id, HttpContext http, AdminRelationshipCommands commands)
    {
        if (!ApiRequests.TryIfMatch(http.Request, out var expected))
        {
            return GraphErrors.BadRequest("If-Match must be an ETag this API returned.");
        }

        var deleted = await commands.DeleteAsync(http.User, id, expected);
        return deleted.Succeeded ? Results.NoContent() : Failure(deleted.Status, deleted.Error, "The delegated admin relationship");
    }

    private static async Task<IResult> RequestAsync(Guid id, HttpContext http, AdminRelationshipCommands commands, PortalDbContext db, TimeProvider clock)
    {
        var (body, bad) = await ReadAsync<ActionBody>(http);
        if (bad is not null)
        {
            return bad;
        }

        var result = body!.Action switch
        {
            "lockForApproval" => await commands.LockForApprovalAsync(http.User, id),
            "terminate" => await commands.TerminateAsync(http.User, id),
            _ => null,
        };
        if (result is null)
        {
            return GraphErrors.BadRequest("action must be lockForApproval or terminate.");
        }

        if (!result.Succeeded)
        {
            return Failure(result.Status, result.Error, "The delegated admin relationship");
        }

        // Offering a relationship already offered changes nothing: the answer is the request that offered it.
        var request = result.Value ?? await db.AdminRelationshipRequests.AsNoTracking()
            .Where(r => r.RelationshipId == id && r.Action == AdminRelationshipRequestAction.LockForApproval)
            .OrderByDescending(r => r.CreatedAt).FirstOrDefaultAsync();
        if (request is null)
        {
            var now = clock.GetUtcNow();
            return Results.Json(new DelegatedAdminRelationshipRequestResource(Guid.Empty.ToString(), body.Action!, "succeeded", now, now), statusCode: StatusCodes.Status201Created);
        }

        http.Response.Headers.Location = $"{Origin(http)}/v1.0/tenantRelationships/delegatedAdminRelationships/{id}/requests/{request.Id}";
        return Results.Json(Shape(request), statusCode: StatusCodes.Status201Created);
    }

    private static Task<IResult> ListRequestsAsync(Guid id, HttpContext http, PortalDbContext db) =>
        ChildrenAsync(id, http, db, db.AdminRelationshipRequests.AsNoTracking().Where(r => r.RelationshipId == id), r => r.CreatedAt, r => r.Id, "requests",
            (context, next, rows) => new DelegatedAdminRelationshipRequestCollection(context, next, rows.Select(Shape).ToList()));

    /// <summary>A relationship's requests or operations, oldest first, seek-paged by (created, id), in Graph's collection shape.</summary>
    private static async Task<IResult> ChildrenAsync<T>(
        Guid id, HttpContext http, PortalDbContext db, IQueryable<T> children, Expression<Func<T, DateTimeOffset>> createdAt, Expression<Func<T, Guid>> key, string segment,
        Func<string, string?, List<T>, object> collection)
    {
        if (!await db.AdminRelationships.AnyAsync(r => r.Id == id))
        {
            return GraphErrors.NotFound("The delegated admin relationship");
        }

        if (Top(http) is not { } top)
        {
            return GraphErrors.BadRequest($"$top must be a whole number from 1 to {MaxTop}.");
        }

        var skip = SkipToken(http);
        var rows = await children.Seek(createdAt, key, SeekOrder.Ascending, skip, skip.KeyAsTime).Take(top + 1).ToListAsync();
        var nextLink = rows.Count > top ? NextLink(http, top, SeekRequest.Cursor(createdAt.Compile()(rows[top - 1]), key.Compile()(rows[top - 1])), null) : null;
        return Results.Json(collection($"{Origin(http)}/v1.0/$metadata#tenantRelationships/delegatedAdminRelationships('{id}')/{segment}", nextLink, rows.Take(top).ToList()));
    }

    private static async Task<IResult> GetRequestAsync(Guid id, Guid requestId, PortalDbContext db)
    {
        var request = await db.AdminRelationshipRequests.AsNoTracking().SingleOrDefaultAsync(r => r.Id == requestId && r.RelationshipId == id);
        return request is null ? GraphErrors.NotFound("The delegated admin relationship request") : Results.Json(Shape(request));
    }

    public static DelegatedAdminRelationshipRequestResource Shape(AdminRelationshipRequest r) => new(
        r.Id.ToString(),
        r.Action switch
        {
            AdminRelationshipRequestAction.LockForApproval => "lockForApproval",
            _ => "terminate",
        },
        "succeeded",
        r.CreatedAt,
        r.LastModifiedAt);

    private enum OrderKey
    {
        CreatedDateTime,
        DisplayName,
        Status,
    }

    /// <summary>
    /// $orderby: createdDateTime (descending unless "asc") when absent, or displayName or status (ascending unless "desc"), as
    /// Graph's defaults go; null for any other property or form. Status orders by the stored status's name (active,
    /// approvalPending, created, expired, terminated: Graph's names in alphabetical order), an expiring relationship among the
    /// active ones.
    /// </summary>
    private static (OrderKey By, SeekOrder Direction)? OrderOf(string orderBy)
    {
        var parts = orderBy.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (parts.Length == 0)
        {
            return (OrderKey.CreatedDateTime, SeekOrder.Descending);
        }

        if (parts.Length > 2 || (parts.Length == 2 && parts[1] is not ("asc" or "desc")))
        {
            return null;
        }

        var direction = parts.Length == 2 && parts[1] == "desc" ? SeekOrder.Descending : SeekOrder.Ascending;
        return parts[0] switch
        {
            "createdDateTime" => (OrderKey.CreatedDateTime, direction),
            "displayName" => (OrderKey.DisplayName, direction),
            "status" => (OrderKey.Status, direction),
            _ => null,
        };
    }

    /// <summary>$top, 1 to 300 (100 when absent); null when it is something else.</summary>
    internal static int? Top(HttpContext http) =>
        !http.Request.Query.TryGetValue("$top", out var value) ? DefaultTop
        : int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var top) && top is >= 1 and <= MaxTop ? top
        : null;

    internal static SeekRequest SkipToken(HttpContext http) =>
        SeekRequest.From(new QueryCollection(new Dictionary<string, Microsoft.Extensions.Primitives.StringValues> { ["after"] = http.Request.Query["$skiptoken"] }));

    internal static string NextLink(HttpContext http, int top, string cursor, string? filter, string? orderBy = null)
    {
        var next = new Dictionary<string, string?> { ["$top"] = top.ToString(CultureInfo.InvariantCulture), ["$skiptoken"] = cursor };
        if (!string.IsNullOrWhiteSpace(filter))
        {
            next["$filter"] = filter;
        }

        if (!string.IsNullOrWhiteSpace(orderBy))
        {
            next["$orderby"] = orderBy;
        }

        return Microsoft.AspNetCore.WebUtilities.QueryHelpers.AddQueryString($"{Origin(http)}{http.Request.Path}", next);
    }

    private static async Task<IResult> ListAssignmentsAsync(Guid id, PortalDbContext db)
    {
        var relationship = await db.AdminRelationships.AsNoTracking().Include(r => r.Assignments).SingleOrDefaultAsync(r => r.Id == id);
        return relationship is null
            ? GraphErrors.NotFound("The delegated admin relationship")
            : Results.Json(new DelegatedAdminAccessAssignmentCollection(relationship.Assignments.OrderBy(a => a.CreatedAt).Select(Shape).ToList()));
    }

    private static async Task<IResult> GetAssignmentAsync(Guid id, Guid assignmentId, PortalDbContext db)
    {
        var assignment = await db.AccessAssignments.AsNoTracking().SingleOrDefaultAsync(a => a.Id == assignmentId && a.RelationshipId == id);
        return assignment is null ? GraphErrors.NotFound("The access assignment") : Results.Json(Shape(assignment));
    }

    private static async Task<IResult> AssignAsync(Guid id, HttpContext http, AdminRelationshipCommands commands, AccessChangeJob accessChanges)
    {
        var (body, bad) = await ReadAsync<AssignmentBody>(http);
        if (bad is not null)
        {
            return bad;
        }

        if (body!.AccessContainer is not { AccessContainerType: "securityGroup" } container || !Guid.TryParse(container.AccessContainerId, out var groupId) || Roles(body.AccessDetails) is not { } roles)
        {
            return GraphErrors.BadRequest("accessContainer must name a securityGroup by its id, and accessDetails.unifiedRoles the roles by roleDefinitionId.");
        }

        var assigned = await commands.AssignAsync(http.User, id, groupId, roles);
        if (!assigned.Succeeded)
        {
            return Failure(assigned.Status, assigned.Error, "The delegated admin relationship");
        }

        // Pending until the access job applies it, as Graph reports a new assignment.
        accessChanges.Nudge();
        var assignment = assigned.Value!.Assignments.Single(a => a.IsActive && a.GroupId == groupId);
        http.Response.Headers.Location = $"{Origin(http)}/v1.0/tenantRelationships/delegatedAdminRelationships/{id}/accessAssignments/{assignment.Id}";
        return Results.Json(Shape(assignment), statusCode: StatusCodes.Status201Created);
    }

    private static async Task<IResult> ChangeAssignmentAsync(Guid id, Guid assignmentId, HttpContext http, AdminRelationshipCommands commands, AccessChangeJob accessChanges, PortalDbContext db, IOptions<AccessChangeJobOptions> options)
    {
        var (body, bad) = await ReadAsync<AssignmentBody>(http);
        if (bad is not null)
        {
            return bad;
        }

        if (Roles(body!.AccessDetails) is not { } roles)
        {
            return GraphErrors.BadRequest("accessDetails.unifiedRoles must name the roles by roleDefinitionId.");
        }

        if (!await db.AccessAssignments.AnyAsync(a => a.Id == assignmentId && a.RelationshipId == id))
        {
            return GraphErrors.NotFound("The access assignment");
        }

        var queued = await commands.ChangeAssignmentAsync(http.User, id, assignmentId, roles);
        if (!queued.Succeeded)
        {
            return Failure(queued.Status, queued.Error, "The access assignment");
        }

        if (queued.Value is not { } operation)
        {
            var unchanged = await db.AccessAssignments.AsNoTracking().SingleAsync(a => a.Id == assignmentId);
            return Results.Json(Shape(unchanged));
        }

        return Accepted(http, accessChanges, options, id, operation);
    }

    /// <summary>Graph's answer to a long-running change: 202, the operation to poll in Location, and how long to wait.</summary>
    private static IResult Accepted(HttpContext http, AccessChangeJob accessChanges, IOptions<AccessChangeJobOptions> options, Guid id, AdminRelationshipOperation operation)
    {
        accessChanges.Nudge();
        http.Response.Headers.Location = $"{Origin(http)}/v1.0/tenantRelationships/delegatedAdminRelationships/{id}/operations/{operation.Id}";
        http.Response.Headers.RetryAfter = options.Value.RetryAfterSeconds.ToString(CultureInfo.InvariantCulture);
        return Results.StatusCode(StatusCodes.Status202Accepted);
    }

    private static Task<IResult> ListOperationsAsync(Guid id, HttpContext http, PortalDbContext db)
    {
        var unknownMembers = GraphPreferences.IncludeUnknownEnumMembers(http);
        return ChildrenAsync(id, http, db, db.AdminRelationshipOperations.AsNoTracking().Where(o => o.RelationshipId == id), o => o.CreatedAt, o => o.Id, "operations",
            (context, next, rows) => new DelegatedAdminRelationshipOperationCollection(context, next, rows.Select(o => Shape(o, unknownMembers)).ToList()));
    }

    private static async Task<IResult> GetOperationAsync(Guid id, Guid operationId, HttpContext http, PortalDbContext db)
    {
        var operation = await db.AdminRelationshipOperations.AsNoTracking().SingleOrDefaultAsync(o => o.Id == operationId && o.RelationshipId == id);
        return operation is null
            ? GraphErrors.NotFound("The delegated admin relationship operation")
            : Results.Json(Shape(operation, GraphPreferences.IncludeUnknownEnumMembers(http)));
    }

    /// <summary>
    /// An operation as Graph reports it. <c>delegatedAdminRelationshipUpdate</c> comes after <c>unknownFutureValue</c> in Graph's
    /// evolvable enum, so a caller that did not ask for it (<c>Prefer: include-unknown-enum-members</c>) reads unknownFutureValue.
    /// </summary>
    public static DelegatedAdminRelationshipOperationResource Shape(AdminRelationshipOperation o, bool includeUnknownEnumMembers)
    {
        var roles = AccessDetailsResource.Of(o.Roles);
        object data = o.Type == AdminRelationshipOperationType.AccessAssignmentUpdate
            ? new { accessAssignmentId = o.AssignmentId.ToString(), accessDetails = roles, error = Error(o) }
            : new { accessDetails = roles, error = Error(o) };
        return new(
            o.Id.ToString(),
            o.Type switch
            {
                AdminRelationshipOperationType.AccessAssignmentUpdate => "delegatedAdminAccessAssignmentUpdate",
                _ when includeUnknownEnumMembers => "delegatedAdminRelationshipUpdate",
                _ => "unknownFutureValue",
            },
            o.Status switch
            {
                AdminRelationshipOperationStatus.NotStarted => "notStarted",
                AdminRelationshipOperationStatus.Running => "running",
                AdminRelationshipOperationStatus.Succeeded => "succeeded",
                _ => "failed",
            },
            JsonSerializer.Serialize(data, DataJson),
            o.CreatedAt,
            o.LastModifiedAt);

        static object? Error(AdminRelationshipOperation o) => o.FailureCode is null ? null : new { code = o.FailureCode, message = o.FailureMessage };
    }

    private static readonly JsonSerializerOptions DataJson = new(JsonSerializerDefaults.Web) { DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull };

    private static async Task<IResult> RemoveAssignmentAsync(Guid id, Guid assignmentId, HttpContext http, AdminRelationshipCommands commands)
    {
        var removed = await commands.RemoveAssignmentAsync(http.User, id, assignmentId);
        return removed.Succeeded ? Results.NoContent() : Failure(removed.Status, removed.Error, "The access assignment");
    }

    private static IQueryable<AdminRelationship>? ApplyFilter(IQueryable<AdminRelationship> query, string filter, DateTimeOffset now)
    {
        foreach (var clause in filter.Split(" and ", StringSplitOptions.TrimEntries))
        {
            var parts = clause.Split(" eq ", 2, StringSplitOptions.TrimEntries);
            if (parts.Length != 2 || parts[1].Length < 2 || parts[1][0] != '\'' || parts[1][^1] != '\'')
            {
                return null;
            }

            var value = parts[1][1..^1];
            switch (parts[0])
            {
                case "customer/tenantId" when Guid.TryParse(value, out var tenantId):
                    query = query.Where(r => r.CustomerId == tenantId);
                    break;
                case "status":
                    query = value switch
                    {
                        "created" => query.Where(AdminRelationshipPhases.In(AdminRelationshipPhase.Created, now)),
                        "approvalPending" => query.Where(AdminRelationshipPhases.In(AdminRelationshipPhase.ApprovalPending, now)),
                        "active" => query.Where(AdminRelationshipPhases.In(AdminRelationshipPhase.Active, now)),
                        "expiring" => query.Where(AdminRelationshipPhases.In(AdminRelationshipPhase.Expiring, now)),
                        "expired" => query.Where(AdminRelationshipPhases.In(AdminRelationshipPhase.Expired, now)),
                        "terminated" => query.Where(AdminRelationshipPhases.In(AdminRelationshipPhase.Terminated, now)),
                        _ => query.Where(r => false),
                    };
                    break;
                default:
                    return null;
            }
        }

        return query;
    }

    private static AdminRelationshipCommands.RequestInput? ParseRequest(RelationshipBody body)
    {
        if (ParseDays(body.Duration) is not { } days || Roles(body.AccessDetails) is not { } roles)
        {
            return null;
        }

        bool autoExtend;
        switch (body.AutoExtendDuration)
        {
            case null or "PT0S" or "P0D":
                autoExtend = false;
                break;
            case var other when ParseDays(other) == AdminRelationshipRules.AutoExtendDays:
                autoExtend = true;
                break;
            default:
                return null;
        }

        Guid? customerId = null;
        if (body.Customer?.TenantId is { } tenant)
        {
            if (!Guid.TryParse(tenant, out var parsed))
            {
                return null;
            }

            customerId = parsed;
        }

        return new AdminRelationshipCommands.RequestInput(body.DisplayName, customerId, null, days, roles, autoExtend, Guid.Empty);
    }

    /// <summary>An ISO 8601 duration of whole days ("P730D"); a day count out of 1 to 730 is left to the domain's message.</summary>
    private static int? ParseDays(string? duration)
    {
        if (string.IsNullOrWhiteSpace(duration))
        {
            return null;
        }

        try
        {
            var span = XmlConvert.ToTimeSpan(duration);
            return span.Ticks % TimeSpan.TicksPerDay == 0 && span.TotalDays is >= int.MinValue and <= int.MaxValue ? (int)span.TotalDays : null;
        }
        catch (FormatException)
        {
            return null;
        }
        catch (OverflowException)
        {
            return null;
        }
    }

    private static List<Guid>? Roles(AccessDetailsBody? details)
    {
        if (details?.UnifiedRoles is not { } roles)
        {
            return null;
        }

        var ids = new List<Guid>();
        foreach (var role in roles)
        {
            if (!Guid.TryParse(role.RoleDefinitionId, out var id))
            {
                return null;
            }

            ids.Add(id);
        }

        return ids;
    }

    private static IResult Failure(CommandStatus status, Domain.Common.DomainError? error, string what) => status switch
    {
        CommandStatus.NotFound => GraphErrors.NotFound(what),
        CommandStatus.Forbidden => GraphErrors.Result(StatusCodes.Status403Forbidden, "Forbidden", "The application's roles do not allow this."),
        CommandStatus.Conflict => GraphErrors.Result(StatusCodes.Status412PreconditionFailed, "PreconditionFailed", error?.ToString() ?? "The resource changed."),
        _ => GraphErrors.Result(RefusalStatuses.For(error), error?.Code ?? "BadRequest", error?.ToString() ?? "The request was refused."),
    };

    private static async Task<(T? Body, IResult? Bad)> ReadAsync<T>(HttpContext http)
        where T : class
    {
        if (http.Request.ContentType?.StartsWith("application/json", StringComparison.OrdinalIgnoreCase) != true)
        {
            return (null, GraphErrors.Result(StatusCodes.Status415UnsupportedMediaType, "UnsupportedMediaType", "Send the body as application/json."));
        }

        try
        {
            var body = await JsonSerializer.DeserializeAsync<T>(http.Request.Body, Json);
            return body is null ? (null, GraphErrors.BadRequest("The request body is empty.")) : (body, null);
        }
        catch (JsonException e)
        {
            return (null, GraphErrors.BadRequest("The request body is not valid JSON for this resource: " + e.Message));
        }
    }

    internal static string Origin(HttpContext http) => $"{http.Request.Scheme}://{http.Request.Host}";

    private static string StatusOf(AdminRelationshipPhase phase) => phase switch
    {
        AdminRelationshipPhase.Created => "created",
        AdminRelationshipPhase.ApprovalPending => "approvalPending",
        AdminRelationshipPhase.Active => "active",
        AdminRelationshipPhase.Expiring => "expiring",
        AdminRelationshipPhase.Expired => "expired",
        _ => "terminated",
    };

    public static DelegatedAdminRelationshipResource Shape(AdminRelationship r, DateTimeOffset now)
    {
        var phase = r.PhaseAt(now);
        return new DelegatedAdminRelationshipResource(
            ApiRequests.ETag(r.Version),
            r.Id.ToString(),
            r.DisplayName,
            $"P{r.DurationDays}D",
            r.CustomerId is { } customerId ? new CustomerParticipantResource(customerId.ToString(), r.CustomerName) : null,
            AccessDetailsResource.Of(r.Roles),
            StatusOf(phase),
            r.AutoExtend ? $"P{AdminRelationshipRules.AutoExtendDays}D" : "PT0S",
            r.CreatedAt,
            new[] { r.CreatedAt, r.LockedForApprovalAt, r.ActivatedAt, r.EndedAt }.Max()!.Value,
            r.ActivatedAt,
            phase == AdminRelationshipPhase.Terminated ? r.EndedAt : r.EndsAtAsOf(now));
    }

    public static DelegatedAdminAccessAssignmentResource Shape(AccessAssignment a) => new(
        a.Id.ToString(),
        a.State switch
        {
            AccessAssignmentState.Pending => "pending",
            AccessAssignmentState.Active => "active",
            _ => "deleted",
        },
        new AccessContainerResource(a.GroupId.ToString(), "securityGroup"),
        AccessDetailsResource.Of(a.Roles),
        a.CreatedAt,
        a.RemovedAt ?? a.ActivatedAt ?? a.CreatedAt);
}
