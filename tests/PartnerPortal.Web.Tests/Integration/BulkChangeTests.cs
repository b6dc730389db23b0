using Microsoft.EntityFrameworkCore;
using PartnerPortal.Domain.AdminRelationships;
using PartnerPortal.Web.Tests.Infrastructure;
using static PartnerPortal.Web.Tests.Infrastructure.Flows;
using static PartnerPortal.Web.Tests.Infrastructure.GdapFlows;

namespace PartnerPortal.Web.Tests.Integration;

/// <summary>
/// Issue 19, bulk actions on Admin relationships: no cap, every row a filter shows, done in the background with progress, the
/// same form posted twice making one change, two nodes doing each row once, and a terminate that asks first.
/// </summary>
public class BulkChangeTests(GdapPortal portal) : IClassFixture<GdapPortal>
{
    [Fact]
    public async Task Auto_extend_for_every_row_a_filter_shows_runs_in_the_background_once_and_refuses_Global_Administrator_by_name()
    {
        for (var i = 0; i < 60; i++)
        {
            await portal.ArrangeActiveAsync("1000001", "adatum", $"Bulkload {i:00}", TimeSpan.FromDays(20 + i));
        }

        var withGlobalAdmin = await portal.ArrangeActiveAsync("1000001", "adatum", "Bulkload GA", TimeSpan.FromDays(50), roles: [Role("Global Administrator"), Role("Directory Readers")]);

        using var agent = portal.NewClient();
        await agent.SignInAsync(Partner("contoso"));
        var list = await agent.GetAsync("/AdminRelationships?q=Bulkload");
        Assert.Contains("All 61 relationships this filter shows", list.Text, StringComparison.Ordinal);

        // The same form posted twice at once (a double click): both land on one change.
        var fields = new Dictionary<string, object?> { ["AllShown"] = "true" };
        var posts = await Task.WhenAll(
            agent.SubmitAsync(list, "#bulk", fields, handler: "AutoExtendOn"),
            agent.SubmitAsync(list, "#bulk", fields, handler: "AutoExtendOn"));
        Assert.All(posts, p => Assert.Equal(System.Net.HttpStatusCode.OK, p.Status));
        Assert.Equal(posts[0].Url, posts[1].Url);
        var changeUrl = posts[0].Url.PathAndQuery;
        Assert.StartsWith("/AdminRelationships/Changes/", changeUrl, StringComparison.Ordinal);
        var changeId = Guid.Parse(changeUrl["/AdminRelationships/Changes/".Length..]);
        await using (var db = portal.Db())
        {
            Assert.Equal(1, await db.AdminRelationshipBulkChanges.CountAsync(c => c.Id == changeId));
            Assert.Equal(61, await db.AdminRelationshipBulkItems.CountAsync(i => i.ChangeId == changeId));
            Assert.Equal(1, await db.AdminRelationshipBulkChanges.CountAsync(c => c.Rows == 61));
        }

        // More rows than a page answers for: nothing is done yet, and the page says it is working and refreshes itself.
        var waiting = posts[0];
        Assert.Contains("0 of 61 done", waiting.Find("[data-testid=progress]")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("Waiting: 61", waiting.Find("[data-state=Queued]")!.TextContent);
        Assert.NotNull(waiting.Find("meta[http-equiv=refresh]"));
        var dashboard = await agent.GetAsync("/");
        var tile = dashboard.FindAll("[data-testid=bulk-change-tile]").Single(t => t.GetAttribute("href") == changeUrl);
        Assert.Contains("0 of 61 done", tile.TextContent, StringComparison.Ordinal);

        // Two nodes' jobs at once, a few rows per transaction: every row is done exactly once between them.
        var runs = await Task.WhenAll(portal.RunBulkChangesAsync(), portal.AnotherNodesBulkChangeJob().RunOnceAsync());
        Assert.Equal(61, runs.Sum());

        var done = await agent.GetAsync(changeUrl);
        Assert.Contains("61 of 61 done", done.Find("[data-testid=progress]")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("Changed: 60", done.Find("[data-state=Changed]")!.TextContent);
        Assert.Equal("Not changed: 1", done.Find("[data-state=Refused]")!.TextContent);
        Assert.Equal(["Bulkload GA: Auto-extend cannot be turned on for a relationship that includes the Global Administrator role."], done.FindAll("[data-testid=bulk-refusals] li").Select(li => li.TextContent));
        Assert.Null(done.Find("meta[http-equiv=refresh]"));
        Assert.DoesNotContain((await agent.GetAsync("/")).FindAll("[data-testid=bulk-change-tile]"), t => t.GetAttribute("href") == changeUrl);

        await using (var db = portal.Db())
        {
            var rows = await db.AdminRelationships.AsNoTracking().Where(r => r.DisplayName.StartsWith("Bulkload")).ToListAsync();
            Assert.Equal(60, rows.Count(r => r.AutoExtend));
            Assert.False(rows.Single(r => r.Id == withGlobalAdmin.Id).AutoExtend);

            // Each change audited once, in the name of the person who started it.
            var audited = await db.AuditEntries.CountAsync(a => a.Action == "AdminRelationshipAutoExtendChanged" && a.Subject!.StartsWith("Bulkload") && a.Actor == Partner("contoso"));
            Assert.Equal(60, audited);
        }

        // Running again finds nothing queued.
        Assert.Equal(0, await portal.RunBulkChangesAsync());

        // Another organization's change is not found.
        using var fabrikam = portal.NewClient();
        await fabrikam.SignInAsync(Partner("fabrikam"));
        Assert.Equal(System.Net.HttpStatusCode.NotFound, (await fabrikam.GetAsync(changeUrl)).Status);
    }

    [Fact]
    public async Task A_bulk_terminate_asks_first_then_ends_only_the_chosen_relationships()
    {
        var first = await portal.ArrangeActiveAsync("1000001", "adatum", "Bulkend one", TimeSpan.FromDays(40));
        var second = await portal.ArrangeActiveAsync("1000001", "adatum", "Bulkend two", TimeSpan.FromDays(41));
        var kept = await portal.ArrangeActiveAsync("1000001", "adatum", "Bulkend kept", TimeSpan.FromDays(42));

        using var agent = portal.NewClient();
        await agent.SignInAsync(Partner("contoso"));
        var list = await agent.GetAsync("/AdminRelationships?q=Bulkend");
        var chosen = new Dictionary<string, object?> { ["Selected"] = new[] { first.Id.ToString(), second.Id.ToString() } };

        // First it asks, and nothing has ended.
        var asking = await agent.SubmitAsync(list, "#bulk", chosen, handler: "Terminate");
        Assert.Contains("Terminate 2 admin relationships?", asking.Find("[data-testid=confirm-terminate]")!.TextContent, StringComparison.Ordinal);
        await using (var db = portal.Db())
        {
            Assert.Equal(0, await db.AdminRelationships.CountAsync(r => r.DisplayName.StartsWith("Bulkend") && r.Status == AdminRelationshipStatus.Terminated));
        }

        // Confirmed: the two end, the third stays, each with the request the customer's side acts on.
        var ended = await agent.SubmitAsync(asking, "#bulk", new Dictionary<string, object?> { ["Confirmed"] = "true" }, handler: "Terminate");
        Assert.Contains("Terminating 2 admin relationships", ended.Find("h1")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("Changed: 2", ended.Find("[data-state=Changed]")!.TextContent);
        await using (var db = portal.Db())
        {
            var rows = await db.AdminRelationships.AsNoTracking().Where(r => r.DisplayName.StartsWith("Bulkend")).ToDictionaryAsync(r => r.Id);
            Assert.Equal(AdminRelationshipEnd.TerminatedByPartner, rows[first.Id].EndReason);
            Assert.Equal(AdminRelationshipEnd.TerminatedByPartner, rows[second.Id].EndReason);
            Assert.Equal(AdminRelationshipStatus.Active, rows[kept.Id].Status);
            Assert.Equal(2, await db.AdminRelationshipRequests.CountAsync(r => (r.RelationshipId == first.Id || r.RelationshipId == second.Id) && r.Action == AdminRelationshipRequestAction.Terminate));
        }

        // The same confirmation posted again makes no second change; a new one for ended relationships refuses each by name.
        var again = await agent.SubmitAsync(asking, "#bulk", new Dictionary<string, object?> { ["Confirmed"] = "true" }, handler: "Terminate");
        Assert.Equal(ended.Url, again.Url);
        var fresh = await agent.GetAsync("/AdminRelationships?q=Bulkend");
        var twice = await agent.SubmitAsync(fresh, "#bulk", new Dictionary<string, object?>(chosen) { ["Confirmed"] = "true" }, handler: "Terminate");
        Assert.Equal(2, twice.FindAll("[data-testid=bulk-refusals] li").Count(li => li.TextContent.Contains("has ended and cannot be changed", StringComparison.Ordinal)));

        // Nothing chosen: a clear message, and nothing is made.
        var none = await agent.SubmitAsync(fresh, "#bulk", new Dictionary<string, object?> { ["Selected"] = null, ["Confirmed"] = "true" }, handler: "Terminate");
        Assert.Contains("Select at least one admin relationship.", none.Errors);

        // Another partner naming these ids: not found, nothing changes.
        using var fabrikam = portal.NewClient();
        await fabrikam.SignInAsync(Partner("fabrikam"));
        var theirs = await fabrikam.GetAsync("/AdminRelationships");
        var foreign = await fabrikam.PostRawAsync(theirs, "/AdminRelationships?handler=Terminate", new Dictionary<string, string> { ["Selected"] = kept.Id.ToString(), ["Confirmed"] = "true", ["FormToken"] = Guid.NewGuid().ToString() });
        Assert.Equal(System.Net.HttpStatusCode.NotFound, foreign.Status);
        await using (var db = portal.Db())
        {
            Assert.Equal(AdminRelationshipStatus.Active, (await db.AdminRelationships.SingleAsync(r => r.Id == kept.Id)).Status);
        }
    }
}
