using System.Text;
using Microsoft.EntityFrameworkCore;
using PartnerPortal.Domain.Access;
using PartnerPortal.Domain.AdminRelationships;
using PartnerPortal.Web.Tests.Infrastructure;
using static PartnerPortal.Web.Tests.Infrastructure.Flows;
using static PartnerPortal.Web.Tests.Infrastructure.GdapFlows;

namespace PartnerPortal.Web.Tests.Integration;

/// <summary>
/// Issue 10, time: expiry and auto-extend as the clock moves, reminders sent once each by a job that may run on two nodes and
/// restart; and the expiring-relationships page (tiles, search, CSV, bulk auto-extend). Tests in this class share one clock,
/// which only moves forward, so each arranges its own relationships relative to the clock's now.
/// </summary>
public class AdminRelationshipExpiryTests(GdapPortal portal) : IClassFixture<GdapPortal>
{
    private int Reminders(string relationshipName) => portal.Smtp.Bodies().Count(b => b.Contains($"\"{relationshipName}\"", StringComparison.Ordinal));

    private async Task<AdminRelationship> LoadAsync(Guid id)
    {
        await using var db = portal.Db();
        return await db.AdminRelationships.AsNoTracking().Include(r => r.Assignments).SingleAsync(r => r.Id == id);
    }

    [Fact]
    public async Task Expiry_auto_extend_and_reminders_once_each_across_a_moved_clock()
    {
        var ending = await portal.ArrangeActiveAsync("1000001", "adatum", "Ends without extension", TimeSpan.FromDays(10));
        var rolling = await portal.ArrangeActiveAsync("1000001", "adatum", "Rolls on", TimeSpan.FromDays(10), autoExtend: true);
        var rollingEnd = (await LoadAsync(rolling.Id)).EndsAt!.Value;

        // The demo's Sales agent acts on Adatum through "Adatum licensing" (ends in 5 days, no auto-extend).
        using var sales = portal.NewClient();
        await sales.SignInAsync(Partner("contoso", PartnerRole.SalesAgent));
        Assert.True(await SeesUsersOfAsync(sales, "Adatum Corporation"));

        // 10 days before the end, the 30-day reminder is due; a second node running at the same moment sends nothing more.
        await Task.WhenAll(portal.RunJobAsync(), portal.AnotherNodesJob().RunOnceAsync());
        Assert.Equal(1, Reminders("Ends without extension"));
        Assert.Equal(0, Reminders("Rolls on"));
        var first = portal.Smtp.Bodies().Single(b => b.Contains("\"Ends without extension\"", StringComparison.Ordinal));
        Assert.Contains("Auto-extend is off", first);

        // A restarted job (a new instance) finds the reminder recorded and sends nothing.
        await portal.AnotherNodesJob().RunOnceAsync();
        Assert.Equal(1, Reminders("Ends without extension"));

        // 6 days before: the 7-day reminder; 12 hours before: the 1-day reminder; each once however often the job runs.
        portal.Clock.Advance(TimeSpan.FromDays(4));
        await portal.RunJobAsync();
        await portal.RunJobAsync();
        Assert.Equal(2, Reminders("Ends without extension"));
        portal.Clock.Advance(TimeSpan.FromDays(5.5));
        await portal.RunJobAsync();
        await portal.AnotherNodesJob().RunOnceAsync();
        Assert.Equal(3, Reminders("Ends without extension"));

        // The demo's "Adatum licensing" has ended by now: the Sales agent no longer sees Adatum's users, even before the job runs.
        Assert.False(await SeesUsersOfAsync(sales, "Adatum Corporation"));

        // Past the end: one expires for good, the other rolls forward by 180 days.
        portal.Clock.Advance(TimeSpan.FromDays(1));
        var run = await portal.RunJobAsync();
        Assert.True(run.Expired >= 1 && run.Extended >= 1);
        var expired = await LoadAsync(ending.Id);
        Assert.Equal(AdminRelationshipStatus.Expired, expired.Status);
        var extended = await LoadAsync(rolling.Id);
        Assert.Equal(AdminRelationshipStatus.Active, extended.Status);
        Assert.Equal(rollingEnd.AddDays(180), extended.EndsAt);
        Assert.Equal(0, Reminders("Rolls on"));
        Assert.Equal(3, Reminders("Ends without extension"));

        await using var db = portal.Db();
        Assert.True(await db.AuditEntries.AnyAsync(a => a.Action == "AdminRelationshipExpired" && a.Subject!.StartsWith("Ends without extension")));
        Assert.True(await db.AuditEntries.AnyAsync(a => a.Action == "AdminRelationshipExtended" && a.Subject!.StartsWith("Rolls on")));
        Assert.Equal(3, await db.AuditEntries.CountAsync(a => a.Action == "AdminRelationshipReminderSent" && a.Subject!.StartsWith("Ends without extension")));

        // The partner's page shows the expiry; nothing brings it back.
        using var agent = portal.NewClient();
        await agent.SignInAsync(Partner("contoso"));
        var details = await agent.GetAsync($"/AdminRelationships/Details/{ending.Id}");
        Assert.Equal("Expired", details.Find("[data-testid=status]")!.TextContent.Trim());
        Assert.Null(details.Find("#assign-access"));
    }

    private static async Task<Dictionary<string, int>> TilesAsync(PortalClient client)
    {
        var page = await client.GetAsync("/AdminRelationships");
        return IndexViews.ToDictionary(v => v, v => int.Parse(page.Find($"[data-testid=tile-count-{v}]")!.TextContent, System.Globalization.CultureInfo.InvariantCulture));
    }

    private static readonly string[] IndexViews = ["1", "7", "30", "later", "expired"];

    [Fact]
    public async Task Tiles_count_and_filter_the_list_search_and_csv_follow_them_and_bulk_auto_extend_takes_up_to_25()
    {
        using var agent = portal.NewClient();
        await agent.SignInAsync(Partner("contoso"));
        var before = await TilesAsync(agent);

        var inHours = await portal.ArrangeActiveAsync("1000001", "adatum", "Tiles hours", TimeSpan.FromHours(12));
        var inDays = await portal.ArrangeActiveAsync("1000001", "adatum", "Tiles days", TimeSpan.FromDays(5));
        var inWeeks = await portal.ArrangeActiveAsync("1000001", "adatum", "Tiles weeks", TimeSpan.FromDays(20), roles: [EntraRoles.GlobalAdministratorId]);
        await portal.ArrangeActiveAsync("1000001", "adatum", "Tiles months", TimeSpan.FromDays(100), durationDays: 200);
        var gone = await portal.ArrangeActiveAsync("1000001", "adatum", "Tiles expired", TimeSpan.FromDays(-10));
        await portal.RunJobAsync();
        Assert.Equal(AdminRelationshipStatus.Expired, (await LoadAsync(gone.Id)).Status);

        var after = await TilesAsync(agent);
        Assert.Equal(1, after["1"] - before["1"]);
        Assert.Equal(2, after["7"] - before["7"]);
        Assert.Equal(3, after["30"] - before["30"]);
        Assert.Equal(1, after["later"] - before["later"]);
        Assert.Equal(1, after["expired"] - before["expired"]);

        // Each tile filters the list, and a search narrows it further.
        var week = await agent.GetAsync("/AdminRelationships?show=7&q=Tiles");
        Assert.Equal(["Tiles hours", "Tiles days"], week.FindAll("[data-testid=admin-relationships] tbody tr").Select(r => r.GetAttribute("data-relationship")));
        var search = await agent.GetAsync("/AdminRelationships?q=tiles%20mon");
        Assert.Equal(["Tiles months"], search.FindAll("[data-testid=admin-relationships] tbody tr").Select(r => r.GetAttribute("data-relationship")));
        var byCustomer = await agent.GetAsync("/AdminRelationships?show=expired&q=Adatum");
        Assert.Contains("Tiles expired", byCustomer.FindAll("[data-testid=admin-relationships] tbody tr").Select(r => r.GetAttribute("data-relationship")));

        // The CSV holds exactly the filtered list.
        var csvLink = (await agent.GetAsync("/AdminRelationships?show=30&q=Tiles")).Find("#download-csv")!.GetAttribute("href")!;
        using var csv = await agent.Http.GetAsync("/AdminRelationships" + csvLink);
        Assert.Equal("text/csv", csv.Content.Headers.ContentType!.MediaType);
        var lines = Encoding.UTF8.GetString(await csv.Content.ReadAsByteArrayAsync()).TrimStart('\uFEFF').Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(4, lines.Length);
        Assert.StartsWith("\"Name\",\"Customer\",\"Status\"", lines[0]);
        Assert.Contains(lines, l => l.StartsWith("\"Tiles weeks\",\"Adatum Corporation\",\"Expiring\",\"Global Administrator\"", StringComparison.Ordinal));

        // Bulk auto-extend: the one with Global Administrator is refused by name, the others change.
        var list = await agent.GetAsync("/AdminRelationships?show=30&q=Tiles");
        var bulk = await agent.SubmitAsync(list, "#bulk", new Dictionary<string, object?> { ["Selected"] = new[] { inHours.Id.ToString(), inDays.Id.ToString(), inWeeks.Id.ToString() } }, handler: "AutoExtendOn");
        Assert.Contains("Tiles weeks: Auto-extend cannot be turned on for a relationship that includes the Global Administrator role.", bulk.FindAll("[data-testid=bulk-refusals] li").Select(li => li.TextContent));
        Assert.True((await LoadAsync(inHours.Id)).AutoExtend);
        Assert.True((await LoadAsync(inDays.Id)).AutoExtend);
        Assert.False((await LoadAsync(inWeeks.Id)).AutoExtend);

        // More than 25 at a time is refused and changes nothing.
        var many = Enumerable.Range(0, 26).Select(_ => Guid.NewGuid().ToString()).Append(inHours.Id.ToString()).ToArray();
        var tooMany = await agent.SubmitAsync(list, "#bulk", new Dictionary<string, object?> { ["Selected"] = many }, handler: "AutoExtendOff");
        Assert.Contains("Select at most 25 admin relationships at a time.", tooMany.Errors);
        Assert.True((await LoadAsync(inHours.Id)).AutoExtend);

        var off = await agent.SubmitAsync(list, "#bulk", new Dictionary<string, object?> { ["Selected"] = new[] { inHours.Id.ToString() } }, handler: "AutoExtendOff");
        Assert.Contains("Auto-extend turned off for 1 admin relationships.", off.Text);
        Assert.False((await LoadAsync(inHours.Id)).AutoExtend);

        // Another partner's relationship in the selection: not found, nothing changes.
        using var fabrikam = portal.NewClient();
        await fabrikam.SignInAsync(Partner("fabrikam"));
        var theirs = await fabrikam.GetAsync("/AdminRelationships");
        var foreign = await fabrikam.PostRawAsync(theirs, "/AdminRelationships?handler=AutoExtendOn", new Dictionary<string, string> { ["Selected"] = inHours.Id.ToString() });
        Assert.Equal(System.Net.HttpStatusCode.NotFound, foreign.Status);
        Assert.False((await LoadAsync(inHours.Id)).AutoExtend);
    }
}
