using Microsoft.EntityFrameworkCore;
using PartnerPortal.Domain.Customers;
using PartnerPortal.Domain.Relationships;
using PartnerPortal.Web.Infrastructure;
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

    /// <summary>
    /// Every list seeks through SeekQueries: the cursor must reach PostgreSQL as one row-value comparison with parameters (what
    /// the (key, id) indexes serve, one plan for every page), in the direction the list's order and the request ask for.
    /// </summary>
    [Theory]
    [InlineData(SeekDirection.After, SeekOrder.Descending, "<", " DESC")]
    [InlineData(SeekDirection.Before, SeekOrder.Descending, ">", "")]
    [InlineData(SeekDirection.After, SeekOrder.Ascending, ">", "")]
    [InlineData(SeekDirection.Before, SeekOrder.Ascending, "<", " DESC")]
    public async Task The_seek_predicate_is_one_row_value_comparison_with_the_cursor_as_parameters(SeekDirection direction, SeekOrder order, string comparison, string sort)
    {
        await using var db = portal.Db();
        var request = new SeekRequest(direction, "638000000000000000", Guid.NewGuid());
        var sql = db.AuditEntries.Seek(a => a.At, a => a.Id, order, request, request.KeyAsTime).ToQueryString();

        Assert.Matches($@"WHERE \(a\.""At"", a\.""Id""\) {System.Text.RegularExpressions.Regex.Escape(comparison)} \(@\w+, @\w+\)", sql);
        Assert.EndsWith($@"ORDER BY a.""At""{sort}, a.""Id""{sort}", sql.TrimEnd(), StringComparison.Ordinal);
        Assert.DoesNotContain(request.Id.ToString(), sql[sql.IndexOf("SELECT", StringComparison.Ordinal)..], StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Next_previous_first_last_and_a_deep_page_show_what_they_say()
    {
        using var client = portal.NewClient();
        await client.SignInAsync(Partner("contosode"));
        var first = await client.GetAsync("/Customers");
        Assert.Equal("61 in all", first.Find("p.count")!.TextContent);
        Assert.Null(first.Find("nav.pager a[rel=prev]"));
        Assert.Equal(25, Names(first).Count);

        var second = await client.GetAsync(first.Find("nav.pager a[rel=next]")!.GetAttribute("href")!);
        Assert.Empty(Names(first).Intersect(Names(second)));
        Assert.Equal(25, Names(second).Count);

        var third = await client.GetAsync(second.Find("nav.pager a[rel=next]")!.GetAttribute("href")!);
        Assert.Equal(11, Names(third).Count);
        Assert.Null(third.Find("nav.pager a[rel=next]"));

        var all = Names(first).Concat(Names(second)).Concat(Names(third)).ToList();
        Assert.Equal(61, all.Distinct().Count());
        Assert.Equal(all.Order(StringComparer.Ordinal), all);

        // Last: the list's last full page, from a link that needs no walking.
        var last = await client.GetAsync(first.Find("nav.pager a[rel=last]")!.GetAttribute("href")!);
        Assert.Equal(all.TakeLast(25), Names(last));
        Assert.Null(last.Find("nav.pager a[rel=next]"));

        var back = await client.GetAsync(third.Find("nav.pager a[rel=prev]")!.GetAttribute("href")!);
        Assert.Equal(Names(second), Names(back));
        var home = await client.GetAsync(back.Find("nav.pager a[rel=first]")!.GetAttribute("href")!);
        Assert.Equal(Names(first), Names(home));

        // A shared link to a deep page shows the same rows to anyone of the partner who opens it.
        var deepLink = second.Find("nav.pager a[rel=next]")!.GetAttribute("href")!;
        using var colleague = portal.NewClient();
        await colleague.SignInAsync(Partner("contosode", Domain.Access.PartnerRole.GlobalAdmin));
        Assert.Equal(Names(third), Names(await colleague.GetAsync(deepLink)));
    }

    [Fact]
    public async Task A_search_survives_paging()
    {
        using var client = portal.NewClient();
        await client.SignInAsync(Partner("contosode"));
        var first = await client.GetAsync("/Customers?q=Paging");
        Assert.Equal("60 in all", first.Find("p.count")!.TextContent);
        var next = first.Find("nav.pager a[rel=next]")!.GetAttribute("href")!;
        Assert.Contains("q=Paging", next, StringComparison.Ordinal);
        var second = await client.GetAsync(next);
        Assert.Equal(25, Names(second).Count);
        Assert.All(Names(second), n => Assert.StartsWith("Paging Co", n, StringComparison.Ordinal));
        Assert.Contains("q=Paging", second.Find("nav.pager a[rel=last]")!.GetAttribute("href")!, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_cursor_that_was_altered_shows_the_first_page()
    {
        using var client = portal.NewClient();
        await client.SignInAsync(Partner("contosode"));
        var first = await client.GetAsync("/Customers");
        var altered = await client.GetAsync("/Customers?after=not-a-cursor%25%25");
        Assert.Equal(Names(first), Names(altered));
    }

    [Theory]
    [InlineData("/AuditLog")]
    [InlineData("/Invitations")]
    [InlineData("/Users")]
    public async Task Other_lists_page_forward_and_back(string url)
    {
        // Enough rows for three pages of 50: audit entries (one per sign-in), invitations and users of Contoso Deutschland.
        await using (var db = portal.Db())
        {
            var partner = await db.Partners.SingleAsync(p => p.MpnId == "1000003");
            if (!await db.SentInvitations.AnyAsync(s => s.PartnerId == partner.Id && s.Recipients.StartsWith("paging")))
            {
                var now = DateTimeOffset.UtcNow;
                var link = await db.InvitationLinks.FirstOrDefaultAsync(l => l.PartnerId == partner.Id)
                    ?? db.InvitationLinks.Add(new Domain.Invitations.InvitationLink(Domain.Invitations.InvitationKind.ResellerRelationship, partner.Id, true, null, now)).Entity;
                for (var i = 0; i < 120; i++)
                {
                    db.SentInvitations.Add(new Domain.Invitations.SentInvitation(link, $"paging{i:000}@example.com", "tester", "en", now.AddSeconds(-i)));
                    db.AuditEntries.Add(new Domain.Audit.AuditEntry("SignedIn", "tester", partner.Id, null, $"paging{i:000}", null, null, now.AddSeconds(-i)));
                    db.Users.Add(new Identity.ApplicationUser { UserName = $"paging{i:000}@contosode.example", NormalizedUserName = $"PAGING{i:000}@CONTOSODE.EXAMPLE", Email = $"paging{i:000}@contosode.example", NormalizedEmail = $"PAGING{i:000}@CONTOSODE.EXAMPLE", DisplayName = $"Paging {i:000}", PartnerId = partner.Id, SecurityStamp = Guid.NewGuid().ToString() });
                }

                await db.SaveChangesAsync();
            }
        }

        using var client = portal.NewClient();
        await client.SignInAsync(Partner("contosode", Domain.Access.PartnerRole.GlobalAdmin));
        // A row without its delivery cell: that one changes while the background dispatcher delivers the 120 test messages
        // between two page loads.
        static List<string> Rows(Page page) => page.FindAll("table.grid tbody tr")
            .Select(r => string.Join(" | ", r.QuerySelectorAll("td").Where(c => c.GetAttribute("data-testid") != "delivery").Select(c => c.TextContent.Trim()))).ToList();
        var first = await client.GetAsync(url);
        Assert.Equal(50, Rows(first).Count);
        var second = await client.GetAsync(first.Find("nav.pager a[rel=next]")!.GetAttribute("href")!);
        Assert.Equal(50, Rows(second).Count);
        Assert.Empty(Rows(first).Intersect(Rows(second)));
        var back = await client.GetAsync(second.Find("nav.pager a[rel=prev]")!.GetAttribute("href")!);
        Assert.Equal(Rows(first), Rows(back));
        var last = await client.GetAsync(first.Find("nav.pager a[rel=last]")!.GetAttribute("href")!);
        Assert.Null(last.Find("nav.pager a[rel=next]"));
        Assert.Empty(Rows(last).Intersect(Rows(first)));
    }
}
