using System.Globalization;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using PartnerPortal.Domain.Access;
using PartnerPortal.Domain.Catalog;
using PartnerPortal.Domain.Partners;
using PartnerPortal.Domain.Relationships;
using PartnerPortal.Web.Data;
using PartnerPortal.Web.Infrastructure;
using PartnerPortal.Web.Invitations;
using PartnerPortal.Web.Pages.Customers;
using PartnerPortal.Web.Pages.IndirectResellers;
using PartnerPortal.Web.Pages.Subscriptions;
using PartnerPortal.Web.Partnerships;
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
        v1.MapGet("/customers", ListCustomersAsync);
        v1.MapPost("/customers", CreateCustomerAsync).Accepts<NewCustomerBody>("application/json")
            .WithSummary("An indirect provider creates a customer for one of its indirect resellers.")
            .WithDescription("Example body: {\"companyProfile\": {\"domain\": \"cohowinery.onmicrosoft.com\", \"companyName\": \"Coho Winery\"}, \"billingProfile\": {\"email\": \"it@cohowinery.example\", \"defaultAddress\": {\"country\": \"US\", \"city\": \"Redmond\", \"state\": \"WA\", \"addressLine1\": \"1 Way\", \"postalCode\": \"98052\", \"firstName\": \"Tania\", \"lastName\": \"Carr\", \"phoneNumber\": \"+1 425 555 0101\"}}, \"associatedPartnerId\": \"3000001\"}. Send Idempotency-Key to make a retry safe.");
        v1.MapGet("/customers/relationshiprequests", RelationshipRequestAsync);
        v1.MapGet("/customers/{customerId:guid}", GetCustomerAsync);
        v1.MapGet("/customers/{customerId:guid}/subscriptions", ListSubscriptionsAsync);
        v1.MapGet("/customers/{customerId:guid}/subscriptions/{id:guid}", GetSubscriptionAsync);
        v1.MapMethods("/customers/{customerId:guid}/subscriptions/{id:guid}", ["PATCH"], UpdateSubscriptionAsync).Accepts<SubscriptionPatch>("application/json")
            .WithSummary("Change a subscription's quantity and reseller.")
            .WithDescription("Example body: {\"quantity\": 30, \"partnerId\": \"3000001\"}; If-Match with the subscription's ETag refuses a stale write (412).");
        v1.MapGet("/relationships", ListIndirectResellersAsync);
    }

    public sealed record SubscriptionPatch(int? Quantity, string? PartnerId);

    public sealed record CompanyProfile(string? Domain, string? CompanyName);

    public sealed record DefaultAddress(string? Country, string? City, string? State, string? AddressLine1, string? PostalCode, string? FirstName, string? LastName, string? PhoneNumber);

    public sealed record BillingProfile(string? Email, string? CompanyName, DefaultAddress? DefaultAddress);

    public sealed record NewCustomerBody(CompanyProfile? CompanyProfile, BillingProfile? BillingProfile, string? AssociatedPartnerId);

    private sealed record CustomerRow(Guid Id, string Name, string Domain, Guid PartnerId, Guid? ResellerId);

    private static async Task<IResult> ListCustomersAsync(HttpContext http, PortalDbContext db)
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

        var ranges = new List<IQueryable<CustomerRelationship>> { db.RelationshipsBilledBySignedInPartner };
        if (http.User.IsPartnerOfKind(PartnerKind.IndirectReseller))
        {
            ranges.Add(db.RelationshipsResoldBySignedInPartner);
        }

        var rows = new List<CustomerRow>();
        foreach (var range in ranges)
        {
            var (key, id) = (after.Key, after.Id);
            var sought = after.Direction == SeekDirection.After
                ? range.Where(r => EF.Functions.GreaterThan(ValueTuple.Create(r.CustomerName, r.CustomerId), ValueTuple.Create(key, id)))
                : range;
            rows.AddRange(await sought.OrderBy(r => r.CustomerName).ThenBy(r => r.CustomerId).Take(size + 1)
                .Select(r => new CustomerRow(r.CustomerId, r.CustomerName, r.CustomerDomain, r.PartnerId, r.IndirectResellerId)).ToListAsync());
        }

        rows = rows.OrderBy(r => r.Name, StringComparer.Ordinal).ThenBy(r => r.Id).Take(size + 1).ToList();
        var more = rows.Count > size;
        var page = rows.Take(size).ToList();
        var items = await ShapeCustomersAsync(db, page);
        var body = new Dictionary<string, object?>
        {
            ["totalCount"] = items.Count,
            ["items"] = items,
            ["attributes"] = new Dictionary<string, object?> { ["objectType"] = "Collection" },
        };
        if (more)
        {
            var last = page[^1];
            body["links"] = new Dictionary<string, object?>
            {
                ["next"] = new Dictionary<string, object?>
                {
                    ["uri"] = $"/customers?size={size}&seekOperation=Next",
                    ["method"] = "GET",
                    ["headers"] = new[] { new Dictionary<string, object?> { ["key"] = ContinuationHeader, ["value"] = SeekRequest.Cursor(last.Name, last.Id) } },
                },
            };
            body["continuationToken"] = SeekRequest.Cursor(last.Name, last.Id);
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
        var details = new Pages.Shared.CustomerDetailsInput
        {
            CompanyName = company.CompanyName ?? billing.CompanyName ?? string.Empty,
            DomainPrefix = (company.Domain ?? string.Empty).Split('.')[0],
            Country = address.Country ?? string.Empty,
            AddressLine1 = address.AddressLine1 ?? string.Empty,
            City = address.City ?? string.Empty,
            State = address.State,
            PostalCode = address.PostalCode ?? string.Empty,
            Phone = address.PhoneNumber ?? string.Empty,
        };
        var problems = new List<System.ComponentModel.DataAnnotations.ValidationResult>();
        if (!System.ComponentModel.DataAnnotations.Validator.TryValidateObject(details, new(details), problems, validateAllProperties: true))
        {
            return Error(StatusCodes.Status400BadRequest, "InvalidInput", string.Join(" ", problems.Select(p => p.ErrorMessage)));
        }

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
        var shaped = (await ShapeCustomersAsync(db, [row]))[0];
        shaped["userCredentials"] = new Dictionary<string, object?>
        {
            ["userName"] = created.Value!.AdminUserName,

            // A retried call created nothing: the password was only in the first answer.
            ["password"] = created.Value.Repeated ? null : password,
        };
        return Results.Json(shaped, statusCode: StatusCodes.Status201Created);
    }

    private static async Task<IResult> GetCustomerAsync(Guid customerId, HttpContext http, PortalDbContext db)
    {
        if (!http.User.Has(Permission.ViewCustomers))
        {
            return Error(StatusCodes.Status403Forbidden, "Forbidden", "The application's roles do not allow this.");
        }

        var row = await db.Customers.AsNoTracking().Where(c => c.Id == customerId)
            .Select(c => new CustomerRow(c.Id, c.CompanyName, c.Domain, c.Relationships.Where(r => r.RemovedAt == null).Select(r => r.PartnerId).FirstOrDefault(), c.Relationships.Where(r => r.RemovedAt == null).Select(r => r.IndirectResellerId).FirstOrDefault()))
            .SingleOrDefaultAsync();
        return row is null ? NotFound("customer") : Results.Json((await ShapeCustomersAsync(db, [row]))[0]);
    }

    private static async Task<List<Dictionary<string, object?>>> ShapeCustomersAsync(PortalDbContext db, IReadOnlyList<CustomerRow> rows)
    {
        var ids = rows.Select(r => r.Id).ToList();
        var delegated = await db.DelegatedAdminGrants.AsNoTracking().Where(g => ids.Contains(g.CustomerId) && g.RevokedAt == null).Select(g => g.CustomerId).Distinct().ToListAsync();
        var resellerIds = rows.Where(r => r.ResellerId != null).Select(r => r.ResellerId!.Value).Distinct().ToList();
        var mpn = await db.Partners.AsNoTracking().Where(p => resellerIds.Contains(p.Id)).ToDictionaryAsync(p => p.Id, p => p.MpnId);
        return rows.Select(r => new Dictionary<string, object?>
        {
            ["id"] = r.Id.ToString(),
            ["companyProfile"] = new Dictionary<string, object?> { ["tenantId"] = r.Id.ToString(), ["domain"] = r.Domain, ["companyName"] = r.Name },
            ["relationshipToPartner"] = "reseller",
            ["allowDelegatedAccess"] = delegated.Contains(r.Id),
            ["associatedPartnerId"] = r.ResellerId is { } reseller ? mpn.GetValueOrDefault(reseller) : null,
            ["attributes"] = new Dictionary<string, object?> { ["objectType"] = "Customer" },
        }).ToList();
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
        return Results.Json(new Dictionary<string, object?>
        {
            ["url"] = InvitationLinks.Url(http.Request, link, configuration["Portal:PublicUrl"]),
            ["includesDelegatedAdmin"] = link.IncludesDelegatedAdmin,
            ["attributes"] = new Dictionary<string, object?> { ["objectType"] = "CustomerRelationshipRequest" },
        });
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
        var items = rows.Select(r => new Dictionary<string, object?>
        {
            ["id"] = r.Id.ToString(),
            ["name"] = r.Name,
            ["relationshipType"] = "IsIndirectCloudSolutionProviderOf",
            ["state"] = "Active",
            ["mpnId"] = r.MpnId,
            ["location"] = r.Country,
            ["attributes"] = new Dictionary<string, object?> { ["objectType"] = "PartnerRelationship" },
        }).ToList();
        return Results.Json(new Dictionary<string, object?> { ["totalCount"] = items.Count, ["items"] = items, ["attributes"] = new Dictionary<string, object?> { ["objectType"] = "Collection" } });
    }

    private static async Task<IResult> ListSubscriptionsAsync(Guid customerId, HttpContext http, PortalDbContext db)
    {
        if (!http.User.Has(Permission.ViewCustomers))
        {
            return Error(StatusCodes.Status403Forbidden, "Forbidden", "The application's roles do not allow this.");
        }

        if (!await db.Customers.AnyAsync(c => c.Id == customerId))
        {
            return NotFound("customer");
        }

        var subscriptions = await db.Subscriptions.AsNoTracking().Include(s => s.Offer).Where(s => s.CustomerId == customerId).OrderBy(s => s.CreatedAt).ToListAsync();
        var items = await ShapeSubscriptionsAsync(db, subscriptions);
        return Results.Json(new Dictionary<string, object?> { ["totalCount"] = items.Count, ["items"] = items, ["attributes"] = new Dictionary<string, object?> { ["objectType"] = "Collection" } });
    }

    private static async Task<IResult> GetSubscriptionAsync(Guid customerId, Guid id, HttpContext http, PortalDbContext db)
    {
        var subscription = await db.Subscriptions.AsNoTracking().Include(s => s.Offer).SingleOrDefaultAsync(s => s.Id == id && s.CustomerId == customerId);
        if (subscription is null || !http.User.Has(Permission.ViewCustomers))
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

    private static async Task<List<Dictionary<string, object?>>> ShapeSubscriptionsAsync(PortalDbContext db, IReadOnlyList<Subscription> subscriptions)
    {
        var resellerIds = subscriptions.Where(s => s.ResellerId != null).Select(s => s.ResellerId!.Value).Distinct().ToList();
        var mpn = await db.Partners.AsNoTracking().Where(p => resellerIds.Contains(p.Id)).ToDictionaryAsync(p => p.Id, p => p.MpnId);
        return subscriptions.Select(s => new Dictionary<string, object?>
        {
            ["id"] = s.Id.ToString(),
            ["offerId"] = s.OfferId.ToString(),
            ["offerName"] = s.Offer?.Name,
            ["friendlyName"] = s.Offer?.Name,
            ["quantity"] = s.Quantity,
            ["unitType"] = "Licenses",
            ["status"] = s.Status.ToString().ToLowerInvariant(),
            ["partnerId"] = s.ResellerId is { } r ? mpn.GetValueOrDefault(r) : null,
            ["creationDate"] = s.CreatedAt,
            ["attributes"] = new Dictionary<string, object?> { ["etag"] = ApiRequests.ETag(s.Version), ["objectType"] = "Subscription" },
        }).ToList();
    }

    private static IResult NotFound(string what) => Error(StatusCodes.Status404NotFound, "NotFound", $"The {what} was not found.");

    private static IResult Failure(CommandStatus status, Domain.Common.DomainError? error, string what) => status switch
    {
        CommandStatus.NotFound => NotFound(what),
        CommandStatus.Forbidden => Error(StatusCodes.Status403Forbidden, "Forbidden", "The application's roles do not allow this."),
        CommandStatus.Conflict => Error(StatusCodes.Status412PreconditionFailed, "PreconditionFailed", error?.ToString() ?? "The resource changed."),
        _ => Error(StatusCodes.Status400BadRequest, "BusinessRuleViolation", error?.ToString() ?? "The request was refused."),
    };

    /// <summary>Partner Center's error body: code, description, errorName.</summary>
    public static IResult Error(int status, string name, string description) => Results.Json(
        new Dictionary<string, object?>
        {
            ["code"] = status,
            ["description"] = description,
            ["errorName"] = name,
            ["attributes"] = new Dictionary<string, object?> { ["objectType"] = "Error" },
        },
        statusCode: status);
}
