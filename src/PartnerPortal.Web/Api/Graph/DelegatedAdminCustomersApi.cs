using Microsoft.EntityFrameworkCore;
using PartnerPortal.Domain.AdminRelationships;
using PartnerPortal.Domain.Clouds;
using PartnerPortal.Domain.Customers;
using PartnerPortal.Web.Data;
using PartnerPortal.Web.Infrastructure;

namespace PartnerPortal.Web.Api.Graph;

/// <summary>
/// Microsoft Graph's <c>delegatedAdminCustomers</c> (issue 22): the customers the partner holds a granular relationship in
/// force with, and each one's admin centers (<c>serviceManagementDetails</c>) for its cloud. Computed, not stored: a customer
/// appears when its first relationship is approved and goes when its last one ends, as Graph does. Tenant scoping is the
/// context's, so another partner's customer is a 404 whatever id is asked for.
/// </summary>
public static class DelegatedAdminCustomersApi
{
    public static void Map(RouteGroupBuilder group)
    {
        group.MapGet("/", ListAsync).AnswersGraph<DelegatedAdminCustomerCollection>(200, 400, 403)
            .WithSummary("The customers you hold a granular delegated admin relationship in force with, by name.")
            .WithDescription("$top 1 to 300 (default 100); @odata.nextLink for the next page.");
        group.MapGet("/{id:guid}", GetAsync).AnswersGraph<DelegatedAdminCustomerResource>(200, 403, 404)
            .WithSummary("One such customer.");
        group.MapGet("/{id:guid}/serviceManagementDetails", ServicesAsync).AnswersGraph<DelegatedAdminServiceManagementDetailCollection>(200, 403, 404)
            .WithSummary("The customer's admin centers in its cloud, with links that open them for that customer.");
    }

    private static IQueryable<Customer> Managed(PortalDbContext db, DateTimeOffset now)
    {
        var inForce = db.AdminRelationships.Where(AdminRelationshipPhases.InForce(now));
        return db.Customers.AsNoTracking().Where(c => inForce.Any(r => r.CustomerId == c.Id));
    }

    private static async Task<IResult> ListAsync(HttpContext http, PortalDbContext db, TimeProvider clock)
    {
        if (DelegatedAdminRelationshipsApi.Top(http) is not { } top)
        {
            return GraphErrors.BadRequest($"$top must be a whole number from 1 to {DelegatedAdminRelationshipsApi.MaxTop}.");
        }

        if (http.Request.Query.ContainsKey("$filter") || http.Request.Query.ContainsKey("$orderby"))
        {
            return GraphErrors.BadRequest("delegatedAdminCustomers supports $top and $skiptoken only.");
        }

        // By name, seek-paged by (name, id): the skip token is the last row's place.
        var skip = DelegatedAdminRelationshipsApi.SkipToken(http);
        var rows = await Managed(db, clock.GetUtcNow()).Seek(c => c.CompanyName, c => c.Id, SeekOrder.Ascending, skip, skip.Key).Take(top + 1).ToListAsync();
        var nextLink = rows.Count > top ? DelegatedAdminRelationshipsApi.NextLink(http, top, SeekRequest.Cursor(rows[top - 1].CompanyName, rows[top - 1].Id), null) : null;
        return Results.Json(new DelegatedAdminCustomerCollection(
            $"{DelegatedAdminRelationshipsApi.Origin(http)}/v1.0/$metadata#tenantRelationships/delegatedAdminCustomers", nextLink, rows.Take(top).Select(Shape).ToList()));
    }

    private static async Task<IResult> GetAsync(Guid id, PortalDbContext db, TimeProvider clock)
    {
        var customer = await Managed(db, clock.GetUtcNow()).SingleOrDefaultAsync(c => c.Id == id);
        return customer is null ? GraphErrors.NotFound("The delegated admin customer") : Results.Json(Shape(customer));
    }

    private static async Task<IResult> ServicesAsync(Guid id, HttpContext http, PortalDbContext db, TimeProvider clock)
    {
        var customer = await Managed(db, clock.GetUtcNow()).SingleOrDefaultAsync(c => c.Id == id);
        if (customer is null)
        {
            return GraphErrors.NotFound("The delegated admin customer");
        }

        var services = ManagedServices.For(customer.Cloud).Select(s => new DelegatedAdminServiceManagementDetailResource(s.Id, s.Name, s.UrlFor(customer.Domain))).ToList();
        return Results.Json(new DelegatedAdminServiceManagementDetailCollection(
            $"{DelegatedAdminRelationshipsApi.Origin(http)}/v1.0/$metadata#tenantRelationships/delegatedAdminCustomers('{id}')/serviceManagementDetails", null, services));
    }

    private static DelegatedAdminCustomerResource Shape(Customer c) => new(c.Id.ToString(), c.Id.ToString(), c.CompanyName);
}
