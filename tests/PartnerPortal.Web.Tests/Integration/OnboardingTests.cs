using Microsoft.EntityFrameworkCore;
using PartnerPortal.Domain.Onboarding;
using PartnerPortal.Web.Seeding;
using PartnerPortal.Web.Tests.Infrastructure;
using static PartnerPortal.Web.Tests.Infrastructure.GdapFlows;

namespace PartnerPortal.Web.Tests.Integration;

/// <summary>
/// Issue 19 through the pages, on the real PostgreSQL and SMTP server: a template with two lines; onboarding previewed, started
/// and sent by the job; the customer's approval gives both groups their roles with no manual step; a group deleted before the
/// approval fails the row with its reason and Retry after recreating it succeeds; Cancel before and after approval; the same
/// form posted twice makes one batch; two nodes' jobs send a large batch exactly once.
/// </summary>
public class OnboardingTests(GdapPortal portal) : IClassFixture<GdapPortal>
{
    private const string Adatum = "adatum.onmicrosoft.com";
    private const string Litware = "litware.onmicrosoft.com";

    private Task<PortalClient> SignedInAsync(string email) => OnboardingFlows.SignedInAsync(portal, email);

    private static string Contoso(string role) => OnboardingFlows.Contoso(role);

    private Task<Guid> GroupAsync(string name) => OnboardingFlows.GroupAsync(portal, name);

    private Task<Guid> CreateTemplateAsync(PortalClient agent, string name, params (Guid Group, string[] Roles)[] lines) => OnboardingFlows.CreateTemplateAsync(portal, agent, name, lines);

    private static Task<Page> PreviewAsync(PortalClient agent, Guid template, string csv) => OnboardingFlows.PreviewAsync(agent, template, csv);

    private Task<List<Onboarding>> RowsAsync(Guid template) => OnboardingFlows.RowsAsync(portal, template);

    private Task ApproveAsync(Onboarding row, string customerPrefix) => OnboardingFlows.ApproveAsync(portal, row, customerPrefix);

    [Fact]
    public async Task Two_customers_onboarded_from_a_two_line_template_get_both_assignments_when_they_approve_and_a_bad_row_is_refused_in_the_preview()
    {
        using var agent = await SignedInAsync(Contoso(Domain.Access.PartnerRole.AdminAgent));
        var helpdesk = await GroupAsync(DemoAdminRelationships.HelpdeskGroup);
        var licensing = await GroupAsync(DemoAdminRelationships.LicensingGroup);
        var template = await CreateTemplateAsync(agent, "Two lines",
            (helpdesk, ["Helpdesk Administrator", "Directory Readers"]), (licensing, ["License Administrator"]));

        var preview = await PreviewAsync(agent, template, $"domain\n{Adatum}\n{Litware}\nnot a domain\n");
        Assert.Equal(["true", "true", "false"], preview.FindAll("[data-testid=preview] tbody tr").Select(r => r.GetAttribute("data-sendable")!));
        Assert.Contains("is not a domain name", preview.Find("tr[data-sendable=false]")!.TextContent, StringComparison.Ordinal);
        Assert.Empty(await RowsAsync(template));

        var batch = await agent.SubmitAsync(preview, "#onboard", handler: "Start");
        Assert.Contains("/Onboarding/Batch/", batch.Url.AbsolutePath, StringComparison.Ordinal);
        Assert.Equal([OnboardingState.Queued, OnboardingState.Queued], (await RowsAsync(template)).Select(r => r.State));
        var run = await portal.RunOnboardingAsync();
        Assert.Equal(2, run.Requested);
        var rows = await RowsAsync(template);
        Assert.Equal([Adatum, Litware], rows.Select(r => r.Domain));
        Assert.All(rows, r => Assert.Equal(OnboardingState.AwaitingApproval, r.State));
        await portal.Smtp.WaitForMessageAsync("Two lines adatum.onmicrosoft.com");

        await ApproveAsync(rows[0], "adatum");
        await portal.RunOnboardingAsync();
        rows = await RowsAsync(template);
        Assert.Equal(OnboardingState.Active, rows[0].State);
        Assert.NotNull(rows[0].EmailSentAt);
        Assert.Equal(OnboardingState.AwaitingApproval, rows[1].State);
        await using (var db = portal.Db())
        {
            var assignments = await db.AccessAssignments.AsNoTracking().Where(a => a.RelationshipId == rows[0].RelationshipId && a.RemovedAt == null).ToListAsync();
            Assert.Equal(new[] { helpdesk, licensing }.Order(), assignments.Select(a => a.GroupId).Order());
            Assert.Equal(new[] { Role("Directory Readers"), Role("Helpdesk Administrator") }.Order(), assignments.Single(a => a.GroupId == helpdesk).Roles.Order());
        }

        var page = await agent.GetAsync(batch.Url.AbsolutePath);
        Assert.Equal("Active", page.Find($"tr[data-domain='{Adatum}']")!.GetAttribute("data-state"));

        // The other never approves: after the 90 days of its link the request is withdrawn.
        portal.Clock.Advance(TimeSpan.FromDays(OnboardingRules.ApprovalWindowDays + 1));
        try
        {
            await portal.RunOnboardingAsync();
        }
        finally
        {
            portal.Clock.Advance(-TimeSpan.FromDays(OnboardingRules.ApprovalWindowDays + 1));
        }

        rows = await RowsAsync(template);
        Assert.Equal(OnboardingState.ExpiredUnapproved, rows[1].State);
        await using (var db = portal.Db())
        {
            Assert.Equal(Domain.AdminRelationships.AdminRelationshipStatus.Terminated, await db.AdminRelationships.Where(r => r.Id == rows[1].RelationshipId).Select(r => r.Status).SingleAsync());
        }

        // The same customer and template again: refused while Adatum's relationship from it is in force.
        var again = await PreviewAsync(agent, template, Adatum);
        Assert.Contains("already has an onboarding", again.Find("tr[data-sendable=false]")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_group_deleted_before_approval_fails_the_row_with_its_name_and_Retry_after_recreating_it_succeeds()
    {
        using var globalAdmin = await SignedInAsync(Contoso(Domain.Access.PartnerRole.GlobalAdmin));
        var groups = await globalAdmin.GetAsync("/SecurityGroups");
        var created = await globalAdmin.SubmitAsync(groups, "#create-group", new Dictionary<string, object?> { ["Name"] = "Night shift" });
        var group = Guid.Parse(created.Url.Segments[^1]);
        var template = await CreateTemplateAsync(globalAdmin, "Night shift access", (group, ["Directory Readers"]));
        var preview = await PreviewAsync(globalAdmin, template, Litware);
        await globalAdmin.SubmitAsync(preview, "#onboard", handler: "Start");
        await portal.RunOnboardingAsync();

        var deleted = await globalAdmin.SubmitAsync(await globalAdmin.GetAsync($"/SecurityGroups/Details/{group}"), "#delete-group");
        Assert.Empty(deleted.Errors);
        var row = (await RowsAsync(template)).Single();
        await ApproveAsync(row, "litware");
        await portal.RunOnboardingAsync();
        row = (await RowsAsync(template)).Single();
        Assert.Equal(OnboardingState.Failed, row.State);
        Assert.Equal(OnboardingStep.Assignment, row.FailedStep);
        var batch = await globalAdmin.GetAsync($"/Onboarding/Batch/{row.BatchId}");
        Assert.Contains("The security group Night shift no longer exists", batch.Find("[data-testid=failure]")!.TextContent, StringComparison.Ordinal);

        // Retry before the group is back: the same failure, nothing assigned.
        await globalAdmin.SubmitAsync(batch, "#onboarding-rows", new Dictionary<string, object?> { ["Selected"] = row.Id.ToString() }, handler: "Retry");
        await portal.RunOnboardingAsync();
        Assert.Equal(OnboardingState.Failed, (await RowsAsync(template)).Single().State);

        var recreated = await globalAdmin.SubmitAsync(await globalAdmin.GetAsync("/SecurityGroups"), "#create-group", new Dictionary<string, object?> { ["Name"] = "Night shift" });
        var newGroup = Guid.Parse(recreated.Url.Segments[^1]);
        await globalAdmin.SubmitAsync(await globalAdmin.GetAsync($"/Onboarding/Batch/{row.BatchId}"), "#onboarding-rows", new Dictionary<string, object?> { ["Selected"] = row.Id.ToString() }, handler: "Retry");
        await portal.RunOnboardingAsync();
        row = (await RowsAsync(template)).Single();
        Assert.Equal(OnboardingState.Active, row.State);
        await using var db = portal.Db();
        Assert.True(await db.AccessAssignments.AnyAsync(a => a.RelationshipId == row.RelationshipId && a.GroupId == newGroup && a.RemovedAt == null));
    }

    [Fact]
    public async Task Cancel_before_approval_withdraws_the_request_and_after_approval_keeps_the_relationship()
    {
        using var agent = await SignedInAsync(Contoso(Domain.Access.PartnerRole.AdminAgent));
        var helpdesk = await GroupAsync(DemoAdminRelationships.HelpdeskGroup);
        var template = await CreateTemplateAsync(agent, "Cancel me", (helpdesk, ["Directory Readers"]));
        var queued = await agent.SubmitAsync(await PreviewAsync(agent, template, $"{Adatum}\n{Litware}"), "#onboard", handler: "Start");

        // Cancelled while still queued: never sent.
        var litware = (await RowsAsync(template)).Single(r => r.Domain == Litware);
        await agent.SubmitAsync(await agent.GetAsync(queued.Url.AbsolutePath), "#onboarding-rows", new Dictionary<string, object?> { ["Selected"] = litware.Id.ToString() }, handler: "Cancel");
        Assert.Equal(1, (await portal.RunOnboardingAsync()).Requested);
        var rows = await RowsAsync(template);
        Assert.Equal(OnboardingState.Cancelled, rows.Single(r => r.Domain == Litware).State);
        Assert.Null(rows.Single(r => r.Domain == Litware).RelationshipId);

        // Approved, then cancelled: the pipeline stops, the relationship stays active; a second cancel is refused by name.
        var adatum = rows.Single(r => r.Domain == Adatum);
        await ApproveAsync(adatum, "adatum");
        await portal.RunOnboardingAsync();
        var page = await agent.SubmitAsync(await agent.GetAsync(queued.Url.AbsolutePath), "#onboarding-rows", new Dictionary<string, object?> { ["Selected"] = new[] { adatum.Id.ToString() } }, handler: "Cancel");
        Assert.Contains("already finished", page.Text, StringComparison.Ordinal);
        await using var db = portal.Db();
        Assert.Equal(Domain.AdminRelationships.AdminRelationshipStatus.Active, await db.AdminRelationships.Where(r => r.Id == adatum.RelationshipId).Select(r => r.Status).SingleAsync());
    }

    [Fact]
    public async Task Cancelling_a_request_not_yet_approved_withdraws_it()
    {
        using var agent = await SignedInAsync(Contoso(Domain.Access.PartnerRole.AdminAgent));
        var template = await CreateTemplateAsync(agent, "Withdraw me", (await GroupAsync(DemoAdminRelationships.LicensingGroup), ["License Administrator"]));
        var batch = await agent.SubmitAsync(await PreviewAsync(agent, template, Litware), "#onboard", handler: "Start");
        await portal.RunOnboardingAsync();
        var row = (await RowsAsync(template)).Single();
        await agent.SubmitAsync(await agent.GetAsync(batch.Url.AbsolutePath), "#onboarding-rows", new Dictionary<string, object?> { ["Selected"] = row.Id.ToString() }, handler: "Cancel");
        await using var db = portal.Db();
        var relationship = await db.AdminRelationships.AsNoTracking().SingleAsync(r => r.Id == row.RelationshipId);
        Assert.Equal(Domain.AdminRelationships.AdminRelationshipEnd.WithdrawnByPartner, relationship.EndReason);
        Assert.Equal(OnboardingState.Cancelled, (await RowsAsync(template)).Single().State);
    }

    [Fact]
    public async Task Access_health_lists_the_demo_problems_and_Re_assign_groups_clears_a_drift()
    {
        using var agent = await SignedInAsync(Contoso(Domain.Access.PartnerRole.AdminAgent));
        var health = await agent.GetAsync("/AccessHealth");
        Assert.NotNull(health.Find("tr[data-problem=EndingSoon][data-domain='adatum.onmicrosoft.com']"));
        Assert.Contains("Adatum licensing", health.Find("tr[data-problem=EndingSoon]")!.TextContent, StringComparison.Ordinal);

        // Contoso Government still holds DAP for the City of Redmond and has no granular relationship: the fix opens the
        // onboarding for that customer.
        var redmond = DemoDirectory.CustomerAdminEmail(DemoDirectory.Customers.Single(c => c.DomainPrefix == "redmondcity")).Split('@')[1];
        using var government = await SignedInAsync(DemoDirectory.PartnerUserEmail("contosogov", Domain.Access.PartnerRole.AdminAgent));
        var dap = await government.GetAsync("/AccessHealth?Problem=DapWithoutGdap");
        var replace = dap.Find($"tr[data-problem=DapWithoutGdap][data-domain='{redmond}'] a")!;
        Assert.Equal("Replace DAP with GDAP", replace.TextContent.Trim());
        var onboard = await government.GetAsync(replace.GetAttribute("href")!);
        Assert.Contains("City of Redmond", onboard.Find("[data-testid=chosen]")?.TextContent ?? onboard.Text, StringComparison.Ordinal);

        // A drift: the template's licensing line loses a role after the customer approved; Re-assign groups puts it right.
        var helpdesk = await GroupAsync(DemoAdminRelationships.HelpdeskGroup);
        var licensing = await GroupAsync(DemoAdminRelationships.LicensingGroup);
        var template = await CreateTemplateAsync(agent, "Drifting", (helpdesk, ["Directory Readers"]), (licensing, ["License Administrator", "Directory Readers"]));
        await agent.SubmitAsync(await PreviewAsync(agent, template, Litware), "#onboard", handler: "Start");
        await portal.RunOnboardingAsync();
        await ApproveAsync((await RowsAsync(template)).Single(), "litware");
        await portal.RunOnboardingAsync();
        Assert.Null((await agent.GetAsync("/AccessHealth?Problem=Drift")).Find("tr[data-problem=Drift][data-domain='litware.onmicrosoft.com']"));

        var edit = await agent.GetAsync($"/AccessTemplates/Edit/{template}");
        // The form lists lines by group name: "Contoso helpdesk", then "Contoso licensing".
        var changed = await agent.SubmitAsync(edit, "#access-template", new Dictionary<string, object?> { ["Input.Lines[1].Roles"] = new[] { Role("License Administrator").ToString() } });
        Assert.Empty(changed.Errors);
        var drift = await agent.GetAsync("/AccessHealth?Problem=Drift");
        var row = drift.Find("tr[data-problem=Drift][data-domain='litware.onmicrosoft.com']");
        Assert.NotNull(row);
        Assert.Equal("1", drift.Find(".tile[data-problem=Drift] .count")!.TextContent);

        var fixedPage = await agent.SubmitAsync(drift, "tr[data-problem=Drift][data-domain='litware.onmicrosoft.com'] form");
        Assert.Empty(fixedPage.Errors);
        Assert.Null(fixedPage.Find("tr[data-problem=Drift][data-domain='litware.onmicrosoft.com']"));
        Assert.Contains("The template's groups hold their roles again (1 changed).", fixedPage.Find("[role=status]")!.TextContent, StringComparison.Ordinal);
        await using var db = portal.Db();
        var relationshipId = (await RowsAsync(template)).Single().RelationshipId;
        var held = await db.AccessAssignments.AsNoTracking().SingleAsync(a => a.RelationshipId == relationshipId && a.GroupId == licensing && a.RemovedAt == null);
        Assert.Equal([Role("License Administrator")], held.Roles);
        var audited = await db.AuditEntries.AsNoTracking().SingleAsync(a => a.Action == "AccessAssignmentChanged" && a.Subject!.StartsWith("Drifting litware"));
        Assert.Contains("Directory Readers", audited.Before!, StringComparison.Ordinal);
    }

    [Fact]
    public async Task In_Germany_every_row_of_the_preview_is_refused_because_granular_delegated_admin_is_not_offered_there()
    {
        using var admin = await SignedInAsync(DemoDirectory.PartnerUserEmail("contosode", Domain.Access.PartnerRole.GlobalAdmin));
        var created = await admin.SubmitAsync(await admin.GetAsync("/SecurityGroups"), "#create-group", new Dictionary<string, object?> { ["Name"] = "Berlin support" });
        var template = await CreateTemplateAsync(admin, "Berlin helpdesk", (Guid.Parse(created.Url.Segments[^1]), ["Directory Readers"]));
        var fourthCoffee = DemoDirectory.CustomerAdminEmail(DemoDirectory.Customers.Single(c => c.DomainPrefix == "fourthcoffee")).Split('@')[1];

        var preview = await PreviewAsync(admin, template, fourthCoffee);
        Assert.Contains("not offered in", preview.Find($"tr[data-domain='{fourthCoffee}'][data-sendable=false]")!.TextContent, StringComparison.Ordinal);
        Assert.NotNull(preview.Find("button[formaction*='Start'][disabled], button[disabled]"));
        Assert.Empty(await RowsAsync(template));
    }

    [Fact]
    public async Task Access_health_as_CSV_is_the_filtered_rows_with_a_byte_order_mark()
    {
        using var agent = await SignedInAsync(Contoso(Domain.Access.PartnerRole.AdminAgent));
        var bytes = await agent.Http.GetByteArrayAsync(new Uri("/AccessHealth?handler=Csv&Problem=EndingSoon", UriKind.Relative));
        Assert.Equal(new byte[] { 0xEF, 0xBB, 0xBF }, bytes[..3]);
        var lines = System.Text.Encoding.UTF8.GetString(bytes[3..]).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("\"Problem\",\"Customer\",\"Domain\",\"Admin relationship\",\"Ends\"", lines[0]);
        Assert.All(lines.Skip(1), l => Assert.StartsWith("\"Ending within 30 days, auto-extend off\"", l, StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains("\"Adatum licensing\"", StringComparison.Ordinal));
    }
}

/// <summary>The steps of issue 19's tests, done through the pages.</summary>
internal static class OnboardingFlows
{
    private const string Adatum = "adatum.onmicrosoft.com";

    public static async Task<PortalClient> SignedInAsync(GdapPortal portal, string email)
    {
        var client = portal.NewClient();
        await client.SignInAsync(email);
        return client;
    }

    public static string Contoso(string role) => DemoDirectory.PartnerUserEmail("contoso", role);

    public static async Task<Guid> GroupAsync(GdapPortal portal, string name)
    {
        await using var db = portal.Db();
        return await db.SecurityGroups.Where(g => g.Name == name).Select(g => g.Id).SingleAsync();
    }

    /// <summary>Access templates > New access template, with one line per group.</summary>
    public static async Task<Guid> CreateTemplateAsync(GdapPortal portal, PortalClient agent, string name, params (Guid Group, string[] Roles)[] lines)
    {
        var form = await agent.GetAsync("/AccessTemplates/Edit");
        for (var i = 1; i < lines.Length; i++)
        {
            form = await agent.SubmitAsync(form, "#access-template", handler: "AddLine");
        }

        var values = new Dictionary<string, object?> { ["Input.Name"] = name, ["Input.DurationDays"] = "365", ["Input.AutoExtend"] = "true" };
        for (var i = 0; i < lines.Length; i++)
        {
            values[$"Input.Lines[{i}].GroupId"] = lines[i].Group.ToString();
            values[$"Input.Lines[{i}].Roles"] = lines[i].Roles.Select(r => Role(r).ToString()).ToArray();
        }

        var saved = await agent.SubmitAsync(form, "#access-template", values);
        Assert.Empty(saved.Errors);
        await using var db = portal.Db();
        return await db.AccessTemplates.Where(t => t.Name == name).Select(t => t.Id).SingleAsync();
    }

    public static async Task<Page> PreviewAsync(PortalClient agent, Guid template, string csv)
    {
        var page = await agent.GetAsync($"/Onboarding?template={template}");
        return await agent.SubmitAsync(page, "#onboard", new Dictionary<string, object?> { ["Csv"] = csv }, handler: "Preview");
    }

    public static async Task<List<Onboarding>> RowsAsync(GdapPortal portal, Guid template)
    {
        await using var db = portal.Db();
        return await db.Onboardings.AsNoTracking().Where(o => o.TemplateId == template).OrderBy(o => o.Domain).ToListAsync();
    }

    public static async Task ApproveAsync(GdapPortal portal, Onboarding row, string customerPrefix)
    {
        await using var db = portal.Db();
        var code = await db.AdminRelationships.Where(r => r.Id == row.RelationshipId).Select(r => r.Code).SingleAsync();
        using var admin = await SignedInAsync(portal, DemoDirectory.CustomerAdminEmail(DemoDirectory.Customers.Single(c => c.DomainPrefix == customerPrefix)));
        var answered = await AnswerAsync(admin, $"/AdminCenter/AdminRelationship/{code}", approve: true);
        Assert.Empty(answered.Errors);
    }
}

/// <summary>A GDAP portal whose outbox cannot reach a mail server: thousands of request emails stay queued, unread.</summary>
public sealed class OnboardingAtScalePortal : GdapPortal
{
    protected override bool MailReachable => false;
}

/// <summary>Issue 19 at scale: a 2,000-row CSV, posted twice at once, sent by two nodes, one of them stopped midway.</summary>
public class OnboardingAtScaleTests(OnboardingAtScalePortal portal) : IClassFixture<OnboardingAtScalePortal>
{
    [Fact]
    public async Task A_large_CSV_posted_twice_at_once_makes_one_batch_and_two_nodes_send_each_row_exactly_once()
    {
        using var agent = await OnboardingFlows.SignedInAsync(portal, OnboardingFlows.Contoso(Domain.Access.PartnerRole.AdminAgent));
        var template = await OnboardingFlows.CreateTemplateAsync(portal, agent, "Bulk", (await OnboardingFlows.GroupAsync(portal, DemoAdminRelationships.HelpdeskGroup), ["Directory Readers"]));
        const int count = 2000;
        var csv = "domain,company,email\n" + string.Join("\n", Enumerable.Range(0, count).Select(i => $"bulk{i}.onmicrosoft.com,\"Bulk {i}, Ltd\",admin@bulk{i}.onmicrosoft.com"));
        var preview = await OnboardingFlows.PreviewAsync(agent, template, csv);
        Assert.Contains($"{count} of {count} rows", preview.Find("[data-testid=preview-summary]")!.TextContent, StringComparison.Ordinal);

        var posts = await Task.WhenAll(Enumerable.Range(0, 2).Select(_ => agent.SubmitAsync(preview, "#onboard", handler: "Start")));
        Assert.All(posts, p => Assert.Empty(p.Errors));
        await using (var db = portal.Db())
        {
            Assert.Equal(1, await db.OnboardingBatches.CountAsync(b => b.TemplateId == template));
            Assert.Equal(count, await db.Onboardings.CountAsync(o => o.TemplateId == template));
        }

        // Two nodes, and the first stopped after two transactions as if killed: every row is either sent or still queued.
        var first = portal.AnotherNodesOnboardingJob();
        await first.RunOnceAsync(maxTransactions: 2);
        var halfway = await OnboardingFlows.RowsAsync(portal, template);
        Assert.All(halfway, r => Assert.True(r.State == OnboardingState.Queued ? r.RelationshipId is null : r.RelationshipId is not null && r.SentInvitationId is not null));
        var runs = await Task.WhenAll(portal.AnotherNodesOnboardingJob().RunOnceAsync(), portal.AnotherNodesOnboardingJob().RunOnceAsync());

        var rows = await OnboardingFlows.RowsAsync(portal, template);
        Assert.All(rows, r => Assert.Equal(OnboardingState.AwaitingApproval, r.State));
        Assert.Equal(count, halfway.Count(r => r.State != OnboardingState.Queued) + runs.Sum(r => r.Requested));
        await using var check = portal.Db();
        var ids = rows.Select(r => r.RelationshipId!.Value).ToArray();
        Assert.Equal(count, ids.Distinct().Count());
        Assert.Equal(count, await check.AdminRelationships.CountAsync(r => r.DisplayName.StartsWith("Bulk bulk")));
        Assert.Equal(count, await check.SentInvitations.CountAsync(s => s.AdminRelationshipId != null && ids.Contains(s.AdminRelationshipId.Value)));
        Assert.Equal("Bulk 7, Ltd", rows.Single(r => r.Domain == "bulk7.onmicrosoft.com").CompanyName);

        // The batch page shows its rows 50 at a time: following "Next page" to the end visits each row once.
        var seen = new List<string>();
        var page = posts[0];
        for (var pages = 0; pages < 100; pages++)
        {
            seen.AddRange(page.FindAll("[data-testid=onboardings] tbody tr").Select(r => r.GetAttribute("data-domain")!));
            if (page.FindAll("a").FirstOrDefault(a => a.TextContent == "Next page") is not { } next)
            {
                break;
            }

            page = await agent.GetAsync(page.Url.AbsolutePath + next.GetAttribute("href"));
        }

        Assert.Equal(count, seen.Count);
        Assert.Equal(count, seen.Distinct().Count());
        Assert.Contains(posts[0].FindAll("[data-testid=progress]"), p => p.TextContent.Contains($"of {count} sent", StringComparison.Ordinal));
    }
}
