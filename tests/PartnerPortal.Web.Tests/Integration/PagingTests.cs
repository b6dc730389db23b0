using Microsoft.EntityFrameworkCore;
using PartnerPortal.Domain.Customers;
using PartnerPortal.Domain.Relationships;
using PartnerPortal.Web.Tests.Infrastructure;
using static PartnerPortal.Web.Tests.Infrastructure.Flows;

namespace PartnerPortal.Web.Tests.Integration;

/// <summary>Issue 11: "?page=N" shows page N on every list (it always showed page 1), and a filter survives paging.</summary>
public class PagingTests(PortalFixture portal) : IClassFixture<PortalFixture>, IAsyncLifetime
{
    public async Task InitializeAsync()
    {
        await using var db = portal.Db();
        if (await db.Customers.AnyAsync(c => c.Domain.StartsWith("pagingco")))
        {
            return;
        }

        var partner = await db.Partners.SingleAsync(p => p.MpnId == "1000003");
        var now = DateTimeOffset.UtcNow;
        for (var i = 1; i <= 60; i++)
        {
            var customer = Customer.Create($"Paging Co {i:000}", $"pagingco{i:000}", "DE", partner.Cloud, new Address("1 Weg", null, "Berlin", null, "10115"), new PrimaryContact("IT", "it@paging.example", "+49 30 1234"), now).Value;
            customer.AcceptCustomerAgreement("admin", now);
            customer.AcceptResellerRelationship(partner, partner, true, new HashSet<DelegatedAdminService>(), now);
            db.Customers.Add(customer);
        }

        await db.SaveChangesAsync();
    }

    public Task DisposeAsync() => Task.CompletedTask;

    private static List<string> Names(Page page) => page.FindAll("details.customer").Select(c => c.GetAttribute("data-customer")!).ToList();

    [Fact]
    public async Task Next_previous_last_and_a_deep_page_show_what_they_say()
    {
        using var client = portal.NewClient();
        await client.SignInAsync(Partner("contosode"));
        var first = await client.GetAsync("/Customers");
        Assert.Contains("Page 1 of 3", first.Find("nav.pager")!.TextContent, StringComparison.Ordinal);

        var second = await client.GetAsync(first.Find("nav.pager a[rel=next]")!.GetAttribute("href")!);
        Assert.Contains("Page 2 of 3", second.Find("nav.pager")!.TextContent, StringComparison.Ordinal);
        Assert.Empty(Names(first).Intersect(Names(second)));
        Assert.Equal(25, Names(second).Count);

        var last = await client.GetAsync("/Customers?page=3");
        Assert.Contains("Page 3 of 3", last.Find("nav.pager")!.TextContent, StringComparison.Ordinal);
        Assert.Null(last.Find("nav.pager a[rel=next]"));
        Assert.Equal(11, Names(last).Count);

        var back = await client.GetAsync(last.Find("nav.pager a[rel=prev]")!.GetAttribute("href")!);
        Assert.Equal(Names(second), Names(back));
        Assert.Equal(61, Names(first).Concat(Names(second)).Concat(Names(last)).Distinct().Count());
    }

    [Fact]
    public async Task A_search_survives_paging()
    {
        using var client = portal.NewClient();
        await client.SignInAsync(Partner("contosode"));
        var first = await client.GetAsync("/Customers?q=Paging");
        var next = first.Find("nav.pager a[rel=next]")!.GetAttribute("href")!;
        Assert.Contains("q=Paging", next, StringComparison.Ordinal);
        var second = await client.GetAsync(next);
        Assert.Contains("Page 2 of 3", second.Find("nav.pager")!.TextContent, StringComparison.Ordinal);
        Assert.All(Names(second), n => Assert.StartsWith("Paging Co", n, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("/AuditLog?page=2")]
    [InlineData("/Invitations?page=2")]
    [InlineData("/Users?page=2")]
    public async Task Other_lists_take_the_page_from_the_query_without_an_error(string url)
    {
        using var client = portal.NewClient();
        await client.SignInAsync(Partner("contosode", Domain.Access.PartnerRole.GlobalAdmin));
        var page = await client.GetAsync(url);
        Assert.DoesNotContain(page.Errors, e => e.Contains("is not valid", StringComparison.Ordinal));
        Assert.DoesNotContain("is not valid", page.Text, StringComparison.Ordinal);
    }
}
