using System.Globalization;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using PartnerPortal.Domain.Access;
using PartnerPortal.Domain.Catalog;
using PartnerPortal.Domain.Partners;
using PartnerPortal.Web.Data;
using PartnerPortal.Web.Features.Customers;
using PartnerPortal.Web.Features.IndirectResellers;
using PartnerPortal.Web.Features.Invitations;
using PartnerPortal.Web.Features.Relationships;
using PartnerPortal.Web.Features.Subscriptions;
using PartnerPortal.Web.Infrastructure;
using PartnerPortal.Web.Tenancy;

namespace PartnerPortal.Web.Api.PartnerCenter;

/// <summary>
/// What the seeds do, in Partner Center's REST API (v1) shape: customers (paged with a continuation token in the
/// <c>MS-ContinuationToken</c> header), the reseller relationship request link, indirect resellers, a customer's subscriptions
/// and changing a subscription's quantity and reseller (MPN ID). The same queries, rules and handlers as the pages.
/// </summary>
public static class PartnerCenterApi
{
    public const string ContinuationHeader = "MS-ContinuationToken";
    private const int DefaultSize = 100;
    private const int MaxSize = 500;
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static void Map(RouteGroupBuilder v1)
    {
        v1.MapGet("/customers", ListCustomersAsync).AnswersPartnerCenter<ResourceCollection<CustomerResource>>(200, 400, 403)
            .WithSummary("The partner's customers by name, size 1 to 500 (default 100); the next page with the MS-ContinuationToken header from links.next.");
        v1.MapPost("/customers", CreateCustomerAsync).Accepts<NewCustomerBody>("application/json").AnswersPartnerCenter<CustomerResource>(201, 400, 403, 404)
            .WithSummary("An indirect provider creates a customer for one of its indirect resellers.")
            .WithDescription("associatedPartnerId is the reseller's MPN ID. The answer's userCredentials carry the first admin's temporary password, once. Send Idempotency-Key to make a retry safe.");
        v1.MapGet("/customers/relationshiprequests", RelationshipRequestAsync).AnswersPartnerCenter<CustomerRelationshipRequestResource>(200, 400, 403)
            .WithSummary("The partner's reseller relationship request link; includeDelegatedAdmin=true|false, by the cloud's and the role's rules.");
        v1.MapGet("/customers/{customerId:guid}", GetCustomerAsync).AnswersPartnerCenter<CustomerResource>(200, 403, 404)
            .WithSummary("A customer.");
        v1.MapGet("/customers/{customerId:guid}/subscriptions", ListSubscriptionsAsync).AnswersPartnerCenter<ResourceCollection<SubscriptionResource>>(200, 403, 404)
            .WithSummary("A customer's subscriptions.");
        v1.MapGet("/customers/{customerId:guid}/subscriptions/{id:guid}", GetSubscriptionAsync).AnswersPartnerCenter<SubscriptionResource>(200, 404)
            .WithSummary("A subscription, with its ETag.");
        v1.MapMethods("/customers/{customerId:guid}/subscriptions/{id:guid}", ["PATCH"], UpdateSubscriptionAsync).Accepts<SubscriptionPatch>("application/json").AnswersPartnerCenter<SubscriptionResource>(200, 400, 403, 404, 412)
            .WithSummary("Change a subscription's quantity and reseller (partnerId, the reseller's MPN ID; empty for none).")
            .WithDescription("If-Match with the subscription's ETag refuses a stale write (412).");
        v1.MapGet("/relationships", ListIndirectResellersAsync).AnswersPartnerCenter<ResourceCollection<PartnerRelationshipResource>>(200, 400, 403)
            .WithSummary("An indirect provider's indirect resellers: relationship_type=IsIndirectCloudSolutionProviderOf.");
    }

    public sealed record SubscriptionPatch(int? Quantity = null, string? PartnerId = null);

    public sealed record CompanyProfile(string? Domain, string? CompanyName);

    public sealed record DefaultAddress(string? Country, string? City, string? AddressLine1, string? PostalCode, string? PhoneNumber, string? State = null, string? FirstName = null, string? LastName = null);

    public sealed record BillingProfile(string? Email, DefaultAddress? DefaultAddress, string? CompanyName = null);

    public sealed record NewCustomerBody(CompanyProfile? CompanyProfile, BillingProfile? BillingProfile, string? AssociatedPartnerId);

    private sealed record CustomerRow(Guid Id, string Name, string Domain, Guid PartnerId, Guid? ResellerId);

    private static async Task<IResult> ListCustomersAsync(HttpContext http, PortalDbContext db, CustomerList list)
    {
        if (!http.User.Has(Permission.ViewCustomers))
        {
            return Error(StatusCodes.Status403Forbidden, "Forbidden", "The application's roles do not allow this.");
        }

        var size = DefaultSize;
        if (http.Request.Query.TryGetValue("size", out var sizeValue) && (!int.TryParse(sizeValue, NumberStyles.None, CultureInfo.InvariantCulture, out size) || size is < 1 or > MaxSize))
        {
            return Error(StatusCodes.Status400BadRequest, "InvalidInput", $"size must be a whole number from 1 to {MaxSize}.");
        }

        // The same ordered index ranges as the Customers page: billed by the partner, and for an indirect reseller, resold by it.
        var token = http.Request.Headers[ContinuationHeader].ToString();
        var after = SeekRequest.From(new QueryCollection(new Dictionary<string, Microsoft.Extensions.Primitives.StringValues> { ["after"] = token }));
        if (!string.IsNullOrEmpty(token) && after.Direction != SeekDirection.After)
        {
            return Error(StatusCodes.Status400BadRequest, "InvalidContinuationToken", "The continuation token is not one this API returned.");
        }

        var rows = new List<CustomerRow>();
        foreach (var range in list.Ranges(http.User, reseller: null))
        {
            rows.AddRange(await range.Seek(r => r.CustomerName, r => r.CustomerId, SeekOrder.Ascending, after, after.Key).Take(size + 1)
                .Select(r => new CustomerRow(r.CustomerId, r.CustomerName, r.CustomerDomain, r.PartnerId, r.IndirectResellerId)).ToListAsync());
        }

        rows = CustomerList.Merge(rows, forward: true, size, r => r.Name, r => r.Id);
        var more = rows.Count > size;
        var page = rows.Take(size).ToList();
        var items = await ShapeCustomersAsync(db, page);
        var body = new ResourceCollection<CustomerResource>(items.Count, items);
        if (more)
        {
            var cursor = SeekRequest.Cursor(page[^1].Name, page[^1].Id);
            body = body with
            {
                Links = new CollectionLinks(new Link($"/customers?size={size}&seekOperation=Next", "GET", [new LinkHeader(ContinuationHeader, cursor)])),
                ContinuationToken = cursor,
            };
        }

        return Results.Json(body);
    }

    /// <summary>
    /// An indirect provider creates a customer for one of its indirect resellers (seed 004), as Partner Center's "create a
    /// customer" with <c>associatedPartnerId</c> = the reseller's MPN ID. The same handler as the Add new customer wizard; the
    /// answer carries the first admin's user name and temporary password, once. An Idempotency-Key makes a retry safe.
    /// </summary>
    private static async Task<IResult> CreateCustomerAsync(HttpContext http, AddCustomerForResellerHandler handler, PortalDbContext db)
    {
        NewCustomerBody? body;
        try
        {
            body = await JsonSerializer.DeserializeAsync<NewCustomerBody>(http.Request.Body, Json);
        }
        catch (JsonException)
        {
            body = null;
        }

        if (body?.CompanyProfile is not { } company || body.BillingProfile is not { DefaultAddress: { } address } billing)
        {
            return Error(StatusCodes.Status400BadRequest, "InvalidInput", "Send companyProfile (domain, companyName) and billingProfile (email, defaultAddress) as JSON.");
        }

        if (!http.User.Has(Permission.AddCustomerForReseller) || !http.User.IsPartnerOfKind(PartnerKind.IndirectProvider))
        {
            return Error(StatusCodes.Status403Forbidden, "Forbidden", "Only an indirect provider's roles that add customers for resellers may do this.");
        }

        var reseller = await db.Partners.AsNoTracking().Where(p => p.MpnId == body.AssociatedPartnerId).Select(p => (Guid?)p.Id).FirstOrDefaultAsync();
        // The same input record, field rules and domain checks as the Add new customer wizard (the handler runs them).
        var details = new CustomerDetails(
            company.CompanyName ?? billing.CompanyName ?? string.Empty,
            (company.Domain ?? string.Empty).Split('.')[0],
            address.Country ?? string.Empty,
            address.AddressLine1 ?? string.Empty,
            address.City ?? string.Empty,
            address.State,
            address.PostalCode ?? string.Empty,
            address.PhoneNumber ?? string.Empty);
        var contact = $"{address.FirstName} {address.LastName}".Trim();
        var token = ApiRequests.IdempotencyToken(http, "customer");
        var password = Identity.TemporaryPassword.Generate();
        var created = await handler.HandleAsync(http.User, new AddCustomerForResellerHandler.NewCustomer(
            details, reseller ?? Guid.Empty, contact.Length > 0 ? contact : details.CompanyName, billing.Email ?? string.Empty, [], token, password));
        if (!created.Succeeded)
        {
            return Failure(created.Status, created.Error, "customer");
        }

        var row = await db.Customers.AsNoTracking().Where(c => c.Id == created.Value!.CustomerId)
            .Select(c => new CustomerRow(c.Id, c.CompanyName, c.Domain, c.Relationships.Select(r => r.PartnerId).First(), c.Relationships.Select(r => r.IndirectResellerId).First()))
            .SingleAsync();
        // A retried call created nothing: the password was only in the first answer.
        var shaped = (await ShapeCustomersAsync(db, [row]))[0] with
        {
            UserCredentials = new UserCredentials(created.Value!.AdminUserName, created.Value.Repeated ? null : password),
        };
        return Results.Json(shaped, statusCode: StatusCodes.Status201Created);
    }

    private static async Task<IResult> GetCustomerAsync(Guid customerId, HttpContext http, CustomerRecords customers, PortalDbContext db)
    {
        if (!http.User.Has(Permission.ViewCustomers))
        {
            return Error(StatusCodes.Status403Forbidden, "Forbidden", "The application's roles do not allow this.");
        }

        // The pages' read: the customer authorization handler, and the relationship the signed-in partner sees it through.
        if (await customers.ViewableAsync(http.User, customerId) is not var (customer, relationship))
        {
            return NotFound("customer");
        }

        var row = new CustomerRow(customer.Id, customer.CompanyName, customer.Domain, relationship.PartnerId, relationship.IndirectResellerId);
        return Results.Json((await ShapeCustomersAsync(db, [row]))[0]);
    }

    private static async Task<List<CustomerResource>> ShapeCustomersAsync(PortalDbContext db, IReadOnlyList<CustomerRow> rows)
    {
        var ids = rows.Select(r => r.Id).ToList();
        var delegated = await db.DelegatedAdminGrants.AsNoTracking().Where(g => ids.Contains(g.CustomerId) && g.RevokedAt == null).Select(g => g.CustomerId).Distinct().ToListAsync();
        var resellerIds = rows.Where(r => r.ResellerId != null).Select(r => r.ResellerId!.Value).Distinct().ToList();
        var mpn = await db.Partners.AsNoTracking().Where(p => resellerIds.Contains(p.Id)).ToDictionaryAsync(p => p.Id, p => p.MpnId);
        return rows.Select(r => new CustomerResource(
            r.Id.ToString(),
            new CustomerCompanyProfile(r.Id.ToString(), r.Domain, r.Name),
            "reseller",
            delegated.Contains(r.Id),
            r.ResellerId is { } reseller ? mpn.GetValueOrDefault(reseller) : null)).ToList();
    }

    /// <summary>The partner's personalized link (seed 000); <c>includeDelegatedAdmin</c> follows the cloud's and the role's rules.</summary>
    private static async Task<IResult> RelationshipRequestAsync(HttpContext http, RequestRelationshipHandler handler, IConfiguration configuration)
    {
        var include = !string.Equals(http.Request.Query["includeDelegatedAdmin"], "false", StringComparison.OrdinalIgnoreCase);
        Guid? provider = Guid.TryParse(http.Request.Query["indirectProviderId"], out var p) ? p : null;
        var requested = await handler.HandleAsync(http.User, include, provider);
        if (!requested.Succeeded)
        {
            return Failure(requested.Status, requested.Error, "relationship request");
        }

        var link = requested.Value!;
        return Results.Json(new CustomerRelationshipRequestResource(InvitationLinks.Url(http.Request, link, configuration["Portal:PublicUrl"]), link.IncludesDelegatedAdmin));
    }

    private static async Task<IResult> ListIndirectResellersAsync(HttpContext http, PartnershipQueries partnerships)
    {
        if (!string.Equals(http.Request.Query["relationship_type"], "IsIndirectCloudSolutionProviderOf", StringComparison.Ordinal))
        {
            return Error(StatusCodes.Status400BadRequest, "InvalidInput", "relationship_type must be IsIndirectCloudSolutionProviderOf.");
        }

        if (!http.User.Has(Permission.ManageIndirectResellers) || !http.User.IsPartnerOfKind(PartnerKind.IndirectProvider))
        {
            return Error(StatusCodes.Status403Forbidden, "Forbidden", "Only an indirect provider's roles that manage indirect resellers may list them.");
        }

        var rows = await partnerships.ResellerRowsAsync(http.User.PartnerId()!.Value);
        var items = rows.Select(r => new PartnerRelationshipResource(r.Id.ToString(), r.Name, "IsIndirectCloudSolutionProviderOf", "Active", r.MpnId, r.Country)).ToList();
        return Results.Json(new ResourceCollection<PartnerRelationshipResource>(items.Count, items));
    }

    private static async Task<IResult> ListSubscriptionsAsync(Guid customerId, HttpContext http, SubscriptionReads reads, PortalDbContext db)
    {
        if (!http.User.Has(Permission.ViewCustomers))
        {
            return Error(StatusCodes.Status403Forbidden, "Forbidden", "The application's roles do not allow this.");
        }

        if (await reads.ListAsync(http.User, customerId) is not { } subscriptions)
        {
            return NotFound("customer");
        }

        var items = await ShapeSubscriptionsAsync(db, subscriptions);
        return Results.Json(new ResourceCollection<SubscriptionResource>(items.Count, items));
    }

    private static async Task<IResult> GetSubscriptionAsync(Guid customerId, Guid id, HttpContext http, SubscriptionReads reads, PortalDbContext db)
    {
        if (!http.User.Has(Permission.ViewCustomers) || await reads.FindAsync(http.User, customerId, id) is not { } subscription)
        {
            return NotFound("subscription");
        }

        http.Response.Headers.ETag = ApiRequests.ETag(subscription.Version);
        return Results.Json((await ShapeSubscriptionsAsync(db, [subscription]))[0]);
    }

    /// <summary>Quantity and reseller (MPN ID) through the page's handler; If-Match with the subscription's ETag refuses a stale write.</summary>
    private static async Task<IResult> UpdateSubscriptionAsync(Guid customerId, Guid id, HttpContext http, UpdateSubscriptionHandler handler, PortalDbContext db)
    {
        SubscriptionPatch? patch;
        try
        {
            patch = await JsonSerializer.DeserializeAsync<SubscriptionPatch>(http.Request.Body, Json);
        }
        catch (JsonException)
        {
            patch = null;
        }

        if (patch is null)
        {
            return Error(StatusCodes.Status400BadRequest, "InvalidInput", "Send a JSON body with quantity and/or partnerId (the reseller's MPN ID; empty for none).");
        }

        var loaded = await handler.LoadAsync(http.User, id);
        if (!loaded.Succeeded || loaded.Value!.Subscription.CustomerId != customerId)
        {
            return loaded.Status == CommandStatus.Forbidden ? Failure(CommandStatus.Forbidden, null, "subscription") : NotFound("subscription");
        }

        var current = loaded.Value.Subscription;
        if (!ApiRequests.TryIfMatch(http.Request, out var expected))
        {
            return Error(StatusCodes.Status400BadRequest, "InvalidInput", "If-Match must be an ETag this API returned.");
        }

        var version = expected ?? current.Version;

        var reseller = patch.PartnerId ?? loaded.Value.Reseller?.MpnId;
        var updated = await handler.HandleAsync(http.User, id, new UpdateSubscriptionHandler.Changes(patch.Quantity ?? current.Quantity, reseller, current.SupportContactId, version));
        if (!updated.Succeeded)
        {
            return Failure(updated.Status, updated.Error, "subscription");
        }

        var saved = await db.Subscriptions.AsNoTracking().Include(s => s.Offer).SingleAsync(s => s.Id == id);
        http.Response.Headers.ETag = ApiRequests.ETag(saved.Version);
        return Results.Json((await ShapeSubscriptionsAsync(db, [saved]))[0]);
    }

    private static async Task<List<SubscriptionResource>> ShapeSubscriptionsAsync(PortalDbContext db, IReadOnlyList<Subscription> subscriptions)
    {
        var resellerIds = subscriptions.Where(s => s.ResellerId != null).Select(s => s.ResellerId!.Value).Distinct().ToList();
        var mpn = await db.Partners.AsNoTracking().Where(p => resellerIds.Contains(p.Id)).ToDictionaryAsync(p => p.Id, p => p.MpnId);
        return subscriptions.Select(s => new SubscriptionResource(
            s.Id.ToString(),
            s.OfferId.ToString(),
            s.Offer?.Name,
            s.Offer?.Name,
            s.Quantity,
            "Licenses",
            s.Status.ToString().ToLowerInvariant(),
            s.ResellerId is { } r ? mpn.GetValueOrDefault(r) : null,
            s.CreatedAt,
            new SubscriptionAttributes(ApiRequests.ETag(s.Version), "Subscription"))).ToList();
    }

    private static IResult NotFound(string what) => Error(StatusCodes.Status404NotFound, "NotFound", $"The {what} was not found.");

    private static IResult Failure(CommandStatus status, Domain.Common.DomainError? error, string what) => status switch
    {
        CommandStatus.NotFound => NotFound(what),
        CommandStatus.Forbidden => Error(StatusCodes.Status403Forbidden, "Forbidden", "The application's roles do not allow this."),
        CommandStatus.Conflict => Error(StatusCodes.Status412PreconditionFailed, "PreconditionFailed", error?.ToString() ?? "The resource changed."),
        _ => Error(RefusalStatuses.For(error), error is null ? "BusinessRuleViolation" : char.ToUpperInvariant(error.Code[0]) + error.Code[1..], error?.ToString() ?? "The request was refused."),
    };

    /// <summary>Partner Center's error body: code (the HTTP status), description, errorName (a refusal's code in Partner Center's PascalCase).</summary>
    public static IResult Error(int status, string name, string description) => Results.Json(new PartnerCenterError(status, description, name), statusCode: status);
}
