using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Graph;
using Microsoft.Kiota.Abstractions.Authentication;
using PartnerPortal.Domain.Access;
using PartnerPortal.Domain.AdminRelationships;
using PartnerPortal.Web.Tests.Infrastructure;

namespace PartnerPortal.Web.Tests.Integration;

/// <summary>
/// Issue 22 part 3 with Microsoft's Graph SDK: <c>delegatedAdminCustomers</c> lists the customers a partner holds a relationship
/// in force with (one appears on approval and goes when its last relationship ends), and each one's admin centers for its cloud;
/// and part 1's <c>$orderby</c> on the relationships list.
/// </summary>
public class DelegatedAdminCustomersApiTests(GdapPortal portal) : IClassFixture<GdapPortal>
{
    private static GraphServiceClient Graph(HttpClient http) => new(http, new AnonymousAuthenticationProvider(), new Uri(http.BaseAddress!, "/v1.0").ToString());

    [Fact]
    public async Task Customers_with_a_relationship_in_force_and_their_admin_centers_appear_and_go_as_relationships_do()
    {
        using var http = await ApiClients.RegisteredAsync(portal.Factory, "contoso", PartnerRole.AdminAgent);
        var graph = Graph(http);
        await using var db = portal.Db();
        var contoso = await db.Partners.SingleAsync(p => p.MpnId == "1000001");
        var now = portal.Clock.GetUtcNow();
        var expected = await db.Customers
            .Where(c => db.AdminRelationships.Where(AdminRelationshipPhases.InForce(now)).Any(r => r.PartnerId == contoso.Id && r.CustomerId == c.Id))
            .OrderBy(c => c.CompanyName).ThenBy(c => c.Id).Select(c => c.CompanyName).ToListAsync();
        Assert.NotEmpty(expected);

        // The list, by name, a page of two at a time through @odata.nextLink.
        var names = new List<string>();
        var page = await graph.TenantRelationships.DelegatedAdminCustomers.GetAsync(r => r.QueryParameters.Top = 2);
        while (page is not null)
        {
            Assert.True(page.Value!.Count <= 2);
            names.AddRange(page.Value!.Select(c => c.DisplayName!));
            page = page.OdataNextLink is { } next ? await graph.TenantRelationships.DelegatedAdminCustomers.WithUrl(next).GetAsync() : null;
        }

        Assert.Equal(expected, names);

        // Adatum's admin centers in the public cloud, each a link for Adatum.
        var adatum = await db.Customers.SingleAsync(c => c.Domain == "adatum.onmicrosoft.com");
        var one = await graph.TenantRelationships.DelegatedAdminCustomers[adatum.Id.ToString()].GetAsync();
        Assert.Equal(adatum.Id.ToString(), one!.TenantId);
        var services = await graph.TenantRelationships.DelegatedAdminCustomers[adatum.Id.ToString()].ServiceManagementDetails.GetAsync();
        Assert.Contains(services!.Value!, s => s.Id == "M365AdminPortal" && s.ServiceManagementUrl!.StartsWith("https://admin.microsoft.com/", StringComparison.Ordinal));
        Assert.All(services.Value!, s => Assert.Contains("adatum.onmicrosoft.com", s.ServiceManagementUrl!, StringComparison.Ordinal));

        // A customer with no relationship in force is not one: a new approval adds it, its end removes it.
        var fourthCoffee = (await portal.ArrangeCustomersAsync("1000001", "Fourth Coffee API", "fourthcoffeeapi")).Single();
        using (var missing = await http.GetAsync(new Uri($"/v1.0/tenantRelationships/delegatedAdminCustomers/{fourthCoffee.Id}", UriKind.Relative)))
        {
            Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        }

        var relationship = await portal.ArrangeActiveAsync("1000001", "fourthcoffeeapi", "Customers API", TimeSpan.FromDays(30));
        Assert.Equal(fourthCoffee.CompanyName, (await graph.TenantRelationships.DelegatedAdminCustomers[fourthCoffee.Id.ToString()].GetAsync())!.DisplayName);
        await graph.TenantRelationships.DelegatedAdminRelationships[relationship.Id.ToString()].Requests.PostAsync(new Microsoft.Graph.Models.DelegatedAdminRelationshipRequest { Action = Microsoft.Graph.Models.DelegatedAdminRelationshipRequestAction.Terminate });
        using (var gone = await http.GetAsync(new Uri($"/v1.0/tenantRelationships/delegatedAdminCustomers/{fourthCoffee.Id}/serviceManagementDetails", UriKind.Relative)))
        {
            Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
        }

        // Another partner's customer is not found, and a bad $top is Graph's 400 with a code.
        using var fabrikam = await ApiClients.RegisteredAsync(portal.Factory, "fabrikam", PartnerRole.AdminAgent);
        using (var other = await fabrikam.GetAsync(new Uri($"/v1.0/tenantRelationships/delegatedAdminCustomers/{adatum.Id}", UriKind.Relative)))
        {
            Assert.Equal(HttpStatusCode.NotFound, other.StatusCode);
        }

        using var badTop = await http.GetAsync(new Uri("/v1.0/tenantRelationships/delegatedAdminCustomers?$top=301", UriKind.Relative));
        Assert.Equal(HttpStatusCode.BadRequest, badTop.StatusCode);
        var error = await badTop.Content.ReadFromJsonAsync<JsonElement>();
        Assert.False(string.IsNullOrEmpty(error.GetProperty("error").GetProperty("code").GetString()));
    }

    [Fact]
    public async Task Relationships_list_in_the_order_orderby_asks_across_pages_and_an_unsupported_order_is_a_400()
    {
        using var http = await ApiClients.RegisteredAsync(portal.Factory, "contoso", PartnerRole.AdminAgent);
        var graph = Graph(http);
        await using var db = portal.Db();
        var contoso = await db.Partners.SingleAsync(p => p.MpnId == "1000001");
        var byName = await db.AdminRelationships.Where(r => r.PartnerId == contoso.Id).OrderBy(r => r.DisplayName).ThenBy(r => r.Id).Select(r => r.Id.ToString()).ToListAsync();
        Assert.True(byName.Count > 3);

        async Task<List<string>> AllAsync(string orderBy)
        {
            var ids = new List<string>();
            var page = await graph.TenantRelationships.DelegatedAdminRelationships.GetAsync(r => { r.QueryParameters.Top = 3; r.QueryParameters.Orderby = [orderBy]; });
            while (page is not null)
            {
                ids.AddRange(page.Value!.Select(r => r.Id!));
                page = page.OdataNextLink is { } next ? await graph.TenantRelationships.DelegatedAdminRelationships.WithUrl(next).GetAsync() : null;
            }

            return ids;
        }

        Assert.Equal(byName, await AllAsync("displayName"));
        Assert.Equal(byName.AsEnumerable().Reverse(), await AllAsync("displayName desc"));
        var byCreated = await db.AdminRelationships.Where(r => r.PartnerId == contoso.Id).OrderBy(r => r.CreatedAt).ThenBy(r => r.Id).Select(r => r.Id.ToString()).ToListAsync();
        Assert.Equal(byCreated, await AllAsync("createdDateTime asc"));

        // By status (the stored status's name, as PostgreSQL orders it), across pages, both ways.
        var byStatus = await db.AdminRelationships.Where(r => r.PartnerId == contoso.Id).OrderBy(r => r.Status).ThenBy(r => r.Id).Select(r => r.Id.ToString()).ToListAsync();
        Assert.True(await db.AdminRelationships.Where(r => r.PartnerId == contoso.Id).Select(r => r.Status).Distinct().CountAsync() > 2);
        Assert.Equal(byStatus, await AllAsync("status"));
        Assert.Equal(byStatus.AsEnumerable().Reverse(), await AllAsync("status desc"));
        using (var forged = await http.GetAsync(new Uri("/v1.0/tenantRelationships/delegatedAdminRelationships?$orderby=status&$skiptoken=" + Uri.EscapeDataString(SeekRequestCursor("Sideways")), UriKind.Relative)))
        {
            Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        }

        foreach (var bad in new[] { "customer/tenantId", "status sideways", "displayName sideways", "displayName asc, createdDateTime" })
        {
            using var refused = await http.GetAsync(new Uri("/v1.0/tenantRelationships/delegatedAdminRelationships?$orderby=" + Uri.EscapeDataString(bad), UriKind.Relative));
            Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
            var error = await refused.Content.ReadFromJsonAsync<JsonElement>();
            Assert.Contains("$orderby", error.GetProperty("error").GetProperty("message").GetString(), StringComparison.Ordinal);
        }
    }

    private static string SeekRequestCursor(string key) => PartnerPortal.Web.Infrastructure.SeekRequest.Cursor(key, Guid.NewGuid());
}
