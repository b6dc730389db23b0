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
    /// <summary>Reminder messages delivered for the relationship (two per reminder: the partner's and the customer's), once the outbox is empty.</summary>
    private async Task<int> RemindersAsync(string relationshipName)
    {
        await portal.OutboxDrainedAsync();
        return portal.Smtp.Bodies().Count(b => b.Contains($"\"{relationshipName}\"", StringComparison.Ordinal));
    }

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
        Assert.Equal(2, await RemindersAsync("Ends without extension"));
        Assert.Equal(0, await RemindersAsync("Rolls on"));
        var first = portal.Smtp.Bodies().Single(b => b.Contains("\"Ends without extension\" with Adatum", StringComparison.Ordinal));
        Assert.Contains("Auto-extend is off", first);

        // A restarted job (a new instance) finds the reminder recorded and sends nothing.
        await portal.AnotherNodesJob().RunOnceAsync();
        Assert.Equal(2, await RemindersAsync("Ends without extension"));

        // 6 days before: the 7-day reminder; 12 hours before: the 1-day reminder; each once however often the job runs.
        portal.Clock.Advance(TimeSpan.FromDays(4));
        await portal.RunJobAsync();
        await portal.RunJobAsync();
        Assert.Equal(4, await RemindersAsync("Ends without extension"));
        portal.Clock.Advance(TimeSpan.FromDays(5.5));
        await portal.RunJobAsync();
        await portal.AnotherNodesJob().RunOnceAsync();
        Assert.Equal(6, await RemindersAsync("Ends without extension"));

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
        Assert.Equal(0, await RemindersAsync("Rolls on"));
        Assert.Equal(6, await RemindersAsync("Ends without extension"));

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

    /// <summary>
    /// Issue 24: a reminder is two messages, the partner's staff on one and the customer's admins on the other, each telling its
    /// reader what they can do; both go through the outbox (delivery shown on Invitations) and are delivered once, also when the
    /// job runs again on another node.
    /// </summary>
    [Fact]
    public async Task A_reminder_is_one_message_per_organization_to_its_own_people_through_the_outbox_delivered_once()
    {
        var relationship = await portal.ArrangeActiveAsync("1000001", "adatum", "Two sides", TimeSpan.FromDays(6));
        await portal.RunJobAsync();
        await portal.AnotherNodesJob().RunOnceAsync();
        await portal.OutboxDrainedAsync();
        await portal.AnotherNodesJob().RunOnceAsync();
        await portal.OutboxDrainedAsync();

        await using var db = portal.Db();
        var queued = await db.SentInvitations.AsNoTracking().Where(s => s.AdminRelationshipId == relationship.Id).ToListAsync();
        Assert.Equal(2, queued.Count);
        Assert.All(queued, q => Assert.Equal(Domain.Invitations.DeliveryStatus.Sent, q.DeliveryStatus));
        var toPartner = queued.Single(q => q.Kind == Domain.Invitations.InvitationKind.ExpiryReminderToPartner);
        var toCustomer = queued.Single(q => q.Kind == Domain.Invitations.InvitationKind.ExpiryReminderToCustomer);
        var partnerAddresses = toPartner.Recipients.Split(',');
        var customerAddresses = toCustomer.Recipients.Split(',');
        Assert.Contains(Partner("contoso", PartnerRole.GlobalAdmin), partnerAddresses);
        Assert.Contains(Partner("contoso", PartnerRole.AdminAgent), partnerAddresses);
        Assert.All(partnerAddresses, a => Assert.EndsWith("@contoso.example", a, StringComparison.Ordinal));
        Assert.Equal([CustomerAdmin("adatum")], customerAddresses);
        Assert.Empty(partnerAddresses.Intersect(customerAddresses));

        // Delivered once each; each message names only its own side's people and says what that side can do.
        var messages = portal.Smtp.Messages().Where(m => Mime.DecodeBody(m).Contains("\"Two sides\"", StringComparison.Ordinal)).ToList();
        Assert.Equal(2, messages.Count);
        var partnerMessage = messages.Single(m => m.Contains(Partner("contoso", PartnerRole.GlobalAdmin), StringComparison.Ordinal));
        var customerMessage = messages.Single(m => m.Contains(CustomerAdmin("adatum"), StringComparison.Ordinal));
        Assert.DoesNotContain("adatum.onmicrosoft.com", partnerMessage, StringComparison.Ordinal);
        Assert.DoesNotContain("@contoso.example", customerMessage, StringComparison.Ordinal);
        Assert.Contains("turn on auto-extend", Mime.DecodeBody(partnerMessage), StringComparison.Ordinal);
        Assert.Contains("ends in 7 days", toPartner.Subject, StringComparison.Ordinal);
        var customerText = Mime.DecodeBody(customerMessage);
        Assert.Contains("contact Contoso Cloud Partners", customerText, StringComparison.Ordinal);
        Assert.DoesNotContain("auto-extend", customerText, StringComparison.OrdinalIgnoreCase);

        // The partner sees both, delivered, on Invitations.
        using var agent = portal.NewClient();
        await agent.SignInAsync(Partner("contoso"));
        var invitations = await agent.GetAsync("/Invitations");
        var rows = invitations.FindAll("[data-testid=invitations] tbody tr").Where(r => r.TextContent.Contains("\"Two sides\"", StringComparison.Ordinal)).ToList();
        Assert.Equal(2, rows.Count);
        Assert.All(rows, r => Assert.Equal("Sent", r.QuerySelector("[data-testid=delivery]")!.GetAttribute("data-delivery")));
        Assert.Contains(rows, r => r.QuerySelector("[data-testid=kind]")!.TextContent == "Expiry reminder to the customer's admins");
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

        // Bulk auto-extend: the one with Global Administrator is refused by name, the others change. A change this small is
        // done before its page answers, so the outcome shows at once.
        var list = await agent.GetAsync("/AdminRelationships?show=30&q=Tiles");
        var bulk = await agent.SubmitAsync(list, "#bulk", new Dictionary<string, object?> { ["Selected"] = new[] { inHours.Id.ToString(), inDays.Id.ToString(), inWeeks.Id.ToString() } }, handler: "AutoExtendOn");
        Assert.Contains("/AdminRelationships/Changes/", bulk.Url.AbsolutePath, StringComparison.Ordinal);
        Assert.Contains("Tiles weeks: Auto-extend cannot be turned on for a relationship that includes the Global Administrator role.", bulk.FindAll("[data-testid=bulk-refusals] li").Select(li => li.TextContent));
        Assert.Equal("Changed: 2", bulk.Find("[data-state=Changed]")!.TextContent);
        Assert.Equal("Not changed: 1", bulk.Find("[data-state=Refused]")!.TextContent);
        Assert.True((await LoadAsync(inHours.Id)).AutoExtend);
        Assert.True((await LoadAsync(inDays.Id)).AutoExtend);
        Assert.False((await LoadAsync(inWeeks.Id)).AutoExtend);

        var off = await agent.SubmitAsync(list, "#bulk", new Dictionary<string, object?> { ["Selected"] = new[] { inHours.Id.ToString() }, ["FormToken"] = Guid.NewGuid().ToString() }, handler: "AutoExtendOff");
        Assert.Contains("Turning off auto-extend for 1 admin relationship", off.Find("h1")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("Changed: 1", off.Find("[data-state=Changed]")!.TextContent);
        Assert.False((await LoadAsync(inHours.Id)).AutoExtend);

        // Another partner's relationship in the selection: not found, nothing changes.
        using var fabrikam = portal.NewClient();
        await fabrikam.SignInAsync(Partner("fabrikam"));
        var theirs = await fabrikam.GetAsync("/AdminRelationships");
        var foreign = await fabrikam.PostRawAsync(theirs, "/AdminRelationships?handler=AutoExtendOn", new Dictionary<string, string> { ["Selected"] = inHours.Id.ToString() });
        Assert.Equal(System.Net.HttpStatusCode.NotFound, foreign.Status);
        Assert.False((await LoadAsync(inHours.Id)).AutoExtend);
    }

    [Fact]
    public async Task A_reminder_goes_to_each_person_in_the_language_they_use_the_portal_in()
    {
        // The Admin agent reads the portal in Russian; the Global admin and Adatum's admin never chose (English, the cloud's).
        using var agent = portal.NewClient();
        await agent.SignInAsync(Partner("contoso"));
        await agent.PostRawAsync(await agent.GetAsync("/"), "/Language", new Dictionary<string, string> { ["culture"] = "ru", ["returnUrl"] = "/" });
        try
        {
            var relationship = await portal.ArrangeActiveAsync("1000001", "adatum", "Two languages", TimeSpan.FromDays(6));
            await portal.RunJobAsync();
            await portal.OutboxDrainedAsync();

            await using var db = portal.Db();
            var queued = await db.SentInvitations.AsNoTracking().Where(s => s.AdminRelationshipId == relationship.Id).ToListAsync();
            var toPartner = queued.Where(q => q.Kind == Domain.Invitations.InvitationKind.ExpiryReminderToPartner).ToList();
            Assert.Equal(["en", "ru"], toPartner.Select(q => q.Language).Order());
            var russian = toPartner.Single(q => q.Language == "ru");
            Assert.Equal(Partner("contoso"), russian.Recipients);
            Assert.StartsWith("Ваша связь администрирования «Two languages»", russian.Subject, StringComparison.Ordinal);
            Assert.DoesNotContain(Partner("contoso"), toPartner.Single(q => q.Language == "en").Recipients.Split(','));
            Assert.Equal("en", queued.Single(q => q.Kind == Domain.Invitations.InvitationKind.ExpiryReminderToCustomer).Language);
            Assert.Contains(portal.Smtp.Bodies(), b => b.Contains("«Two languages»", StringComparison.Ordinal));
        }
        finally
        {
            // The other tests of this class count two reminders per relationship: the agent goes back to English.
            await agent.PostRawAsync(await agent.GetAsync("/"), "/Language", new Dictionary<string, string> { ["culture"] = "en", ["returnUrl"] = "/" });
        }
    }
}
