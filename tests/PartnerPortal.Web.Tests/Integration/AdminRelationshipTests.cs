using System.Net;
using Microsoft.EntityFrameworkCore;
using PartnerPortal.Domain.Access;
using PartnerPortal.Domain.AdminRelationships;
using PartnerPortal.Domain.Common;
using PartnerPortal.Web.Tests.Infrastructure;
using static PartnerPortal.Web.Tests.Infrastructure.Flows;
using static PartnerPortal.Web.Tests.Infrastructure.GdapFlows;

namespace PartnerPortal.Web.Tests.Integration;

/// <summary>
/// Issue 10 through the pages: a partner asks for roles, emails the link, the customer approves or rejects, the partner gives
/// roles to a group, and only the group's members act on the customer; either side terminates; bad input changes nothing.
/// </summary>
public class AdminRelationshipTests(GdapPortal portal) : IClassFixture<GdapPortal>
{
    private async Task<AdminRelationship> LoadAsync(string name)
    {
        await using var db = portal.Db();
        return await db.AdminRelationships.AsNoTracking().Include(r => r.Assignments).SingleAsync(r => r.DisplayName == name);
    }

    private async Task<PortalClient> SignedInAsync(string email)
    {
        var client = portal.NewClient();
        await client.SignInAsync(email);
        return client;
    }

    private async Task<Guid> CreateGroupAsync(PortalClient globalAdmin, string name, params string[] members)
    {
        var groups = await globalAdmin.GetAsync("/SecurityGroups");
        var details = await globalAdmin.SubmitAsync(groups, "#create-group", new Dictionary<string, object?> { ["Name"] = name, ["Description"] = "Test group" });
        Assert.Empty(details.Errors);
        var id = Guid.Parse(details.Url.Segments[^1]);
        await using var db = portal.Db();
        foreach (var email in members)
        {
            var userId = await db.Users.Where(u => u.Email == email).Select(u => u.Id).SingleAsync();
            var page = await globalAdmin.GetAsync($"/SecurityGroups/Details/{id}");
            var added = await globalAdmin.SubmitAsync(page, "#add-member", new Dictionary<string, object?> { ["UserId"] = userId.ToString() });
            Assert.Empty(added.Errors);
        }

        return id;
    }

    private static readonly string[] FiveRoles = ["Directory Readers", "Helpdesk Administrator", "License Administrator", "Reports Reader", "Security Reader"];

    /// <summary>Issue 24: a count meets its noun in the form the language wants ("1 role", "2 роли", "5 ролей").</summary>
    [Theory]
    [InlineData("en", 1, 1, "1 role for 1 day")]
    [InlineData("en", 2, 90, "2 roles for 90 days")]
    [InlineData("en", 5, 21, "5 roles for 21 days")]
    [InlineData("ru", 1, 21, "1 роль на 21 день")]
    [InlineData("ru", 2, 2, "2 роли на 2 дня")]
    [InlineData("ru", 5, 90, "5 ролей на 90 дней")]
    [InlineData("zh-Hans", 2, 90, "2 个角色，90 天")]
    public async Task The_drafts_summary_counts_roles_and_days_in_the_languages_plural_forms(string culture, int roles, int days, string summary)
    {
        using var agent = portal.NewClient(culture);
        await agent.SignInAsync(Partner("contoso"));
        var names = FiveRoles.Take(roles);
        var name = $"Plural {culture} {roles} {days}";
        var draft = await RequestAsync(agent, name, null, days, names);
        var text = draft.Find("[data-testid=request-summary]")!.TextContent;
        Assert.EndsWith(summary, text, StringComparison.Ordinal);
        Assert.Contains(name, text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Request_email_approval_assignment_and_only_group_members_act_on_the_customer()
    {
        using var agent = await SignedInAsync(Partner("contoso"));
        var draft = await RequestAsync(agent, "Litware user support", "litware.onmicrosoft.com", 90, ["Directory Readers", "User Administrator"]);
        Assert.Contains("/AdminRelationships/Draft/", draft.Url.AbsolutePath);
        var requested = await LoadAsync("Litware user support");
        Assert.Equal(AdminRelationshipStatus.ApprovalPending, requested.Status);
        Assert.Equal("Litware Inc.", requested.CustomerName);

        // Sent from the portal through the real SMTP server; the customer follows the emailed link.
        var customerAdmin = CustomerAdmin("litware");
        var sent = await agent.SubmitAsync(draft, "#invitation-email", new Dictionary<string, object?> { ["Input.To"] = customerAdmin });
        Assert.Empty(sent.Errors);
        var message = await portal.Smtp.WaitForMessageAsync(customerAdmin);
        var linkPath = new Uri(Mime.DecodeBody(message).Split('\n').Select(l => l.Trim()).First(l => l.Contains("/AdminCenter/AdminRelationship/", StringComparison.Ordinal))).PathAndQuery;

        using var customer = await SignedInAsync(customerAdmin);
        var approval = await customer.GetAsync(linkPath);
        Assert.Equal("Contoso Cloud Partners", approval.Find("[data-testid=partner-name]")!.TextContent);
        Assert.Contains("90 days", approval.Find("[data-testid=duration]")!.TextContent);
        Assert.Contains("Directory Readers", approval.Find("[data-testid=roles]")!.TextContent);
        Assert.Contains("Can manage users and groups", approval.Find("[data-testid=roles]")!.TextContent);
        var approved = await customer.SubmitAsync(approval, "main form", handler: "Approve");
        Assert.Equal("/AdminCenter/PartnerRelationships", approved.Url.AbsolutePath);
        Assert.Contains("Active", approved.Find("tr[data-relationship=\"Litware user support\"]")!.TextContent);

        var active = await LoadAsync("Litware user support");
        Assert.Equal(AdminRelationshipStatus.Active, active.Status);
        Assert.Equal(active.ActivatedAt!.Value.AddDays(90), active.EndsAt);
        await using (var db = portal.Db())
        {
            Assert.NotNull((await db.SentInvitations.SingleAsync(s => s.AdminRelationshipId == active.Id)).AcceptedAt);
            Assert.True(await db.AuditEntries.AnyAsync(a => a.Action == "AdminRelationshipApproved" && a.CustomerId == active.CustomerId));
        }

        // Before any assignment the Sales agent, member of no group with access to Litware, sees no admin details.
        using var sales = await SignedInAsync(Partner("contoso", PartnerRole.SalesAgent));
        Assert.False(await SeesUsersOfAsync(sales, "Litware Inc."));

        using var globalAdmin = await SignedInAsync(Partner("contoso", PartnerRole.GlobalAdmin));
        var group = await CreateGroupAsync(globalAdmin, "Litware desk", Partner("contoso", PartnerRole.SalesAgent));

        // A role the customer did not approve is refused and changes nothing.
        var tooMuch = await AssignAsync(agent, active.Id, group, ["Directory Readers", "Global Administrator"]);
        Assert.Empty(tooMuch.FindAll("[data-testid=assignments] tbody tr"));
        var details = await agent.GetAsync($"/AdminRelationships/Details/{active.Id}");
        var forged = await agent.PostRawAsync(details, $"/AdminRelationships/Details/{active.Id}?handler=Assign", new Dictionary<string, string>
        {
            ["GroupId"] = group.ToString(),
            ["AssignRoles"] = EntraRoles.GlobalAdministratorId.ToString(),
        });
        Assert.Contains("A security group can only get roles that the customer approved in this relationship.", forged.Errors);
        Assert.Empty((await LoadAsync("Litware user support")).Assignments);

        var assigned = await AssignAsync(agent, active.Id, group, ["Directory Readers"]);
        Assert.Empty(assigned.Errors);
        Assert.Contains("Litware desk", assigned.Find("[data-testid=assignments]")!.TextContent);

        // The member acts on Litware with the role; a colleague outside the group does not.
        Assert.True(await SeesUsersOfAsync(sales, "Litware Inc."));
        using var userManager = await SignedInAsync(Partner("contoso", PartnerRole.UserManagementAdmin));
        Assert.False(await SeesUsersOfAsync(userManager, "Litware Inc."));

        // Contoso now holds admin rights at Litware: ending the reseller relationship needs Global Administrator there, which
        // nobody at Contoso holds through this relationship.
        var litwareId = active.CustomerId!.Value;
        var remove = await globalAdmin.GetAsync($"/Customers/Remove/{litwareId}");
        Assert.Equal("/Account/AccessDenied", remove.Url.AbsolutePath);

        // Removing the access takes the member's view away again.
        var withAccess = await agent.GetAsync($"/AdminRelationships/Details/{active.Id}");
        await agent.SubmitAsync(withAccess, "tr[data-group=\"Litware desk\"] form[action*=RemoveAssignment]");
        Assert.False(await SeesUsersOfAsync(sales, "Litware Inc."));
    }

    /// <summary>
    /// Issue 22 part 2 on the pages: a role change and the Global Administrator role's removal go through the same queued
    /// operations as the API, applied before the page answers, and listed under Access changes; a change to the roles the
    /// group already has says so and queues nothing.
    /// </summary>
    [Fact]
    public async Task Role_changes_and_Global_Administrator_removal_on_the_page_are_applied_before_it_answers_and_listed()
    {
        using var agent = await SignedInAsync(Partner("contoso"));
        var draft = await RequestAsync(agent, "Page operations", "litware.onmicrosoft.com", 30, ["Directory Readers", "User Administrator", "Global Administrator"]);
        using (var litware = await SignedInAsync(CustomerAdmin("litware")))
        {
            await AnswerAsync(litware, LinkPath(draft), approve: true);
        }

        var active = await LoadAsync("Page operations");
        using var globalAdmin = await SignedInAsync(Partner("contoso", PartnerRole.GlobalAdmin));
        var group = await CreateGroupAsync(globalAdmin, "Page operations desk");
        var assigned = await AssignAsync(agent, active.Id, group, ["Directory Readers", "Global Administrator"]);
        const string Row = "tr[data-group=\"Page operations desk\"]";
        Assert.Equal("Active", assigned.Find(Row)!.GetAttribute("data-state"));
        Assert.Null(assigned.Find("[data-testid=operations]"));

        var unchanged = await agent.SubmitAsync(assigned, Row + " form[action*=ChangeAssignment]");
        Assert.Contains("The roles are the ones the group already has; nothing changed.", unchanged.Find("[role=status]")!.TextContent);
        Assert.Null(unchanged.Find("[data-testid=operations]"));

        var changed = await agent.SubmitAsync(unchanged, Row + " form[action*=ChangeAssignment]", new Dictionary<string, object?>
        {
            ["AssignRoles"] = new[] { Role("User Administrator").ToString(), Role("Global Administrator").ToString() },
        });
        Assert.Contains("Access changed.", changed.Find("[role=status]")!.TextContent);
        Assert.Equal("Succeeded", changed.Find("[data-testid=operations] tbody tr")!.GetAttribute("data-status"));
        Assert.Equal(new[] { Role("User Administrator"), Role("Global Administrator") }.Order(), (await LoadAsync("Page operations")).Assignments.Single(a => a.IsActive).Roles.Order());

        var removed = await agent.SubmitAsync(changed, "#remove-global-administrator");
        Assert.Contains("Global Administrator was removed", removed.Find("[role=status]")!.TextContent);
        Assert.Equal(2, removed.FindAll("[data-testid=operations] tbody tr[data-status=Succeeded]").Count);
        Assert.Null(removed.Find("#remove-global-administrator"));
        var after = await LoadAsync("Page operations");
        Assert.DoesNotContain(EntraRoles.GlobalAdministratorId, after.Roles);
        Assert.Equal([Role("User Administrator")], after.Assignments.Single(a => a.IsActive).Roles);
        await using var db = portal.Db();
        Assert.Equal(2, await db.AuditEntries.CountAsync(a => a.Subject!.StartsWith("Page operations") && (a.Action == "AccessAssignmentChanged" || a.Action == "AdminRelationshipChanged")));
    }

    [Fact]
    public async Task A_second_request_with_the_name_of_one_not_ended_is_refused_on_the_page_and_nothing_is_made()
    {
        using var agent = await SignedInAsync(Partner("contoso"));
        await RequestAsync(agent, "Page duplicate", null, 30, ["Directory Readers"]);
        var again = await RequestAsync(agent, "PAGE duplicate", null, 30, ["Directory Readers"]);
        Assert.Contains("You already have an admin relationship named \"PAGE duplicate\" that has not ended. Choose another name.", again.Errors);
        await using var db = portal.Db();
        Assert.Equal(1, await db.AdminRelationships.CountAsync(r => r.DisplayName == "Page duplicate" || r.DisplayName == "PAGE duplicate"));
    }

    [Fact]
    public async Task A_customer_rejects_and_an_answered_request_cannot_be_answered_again()
    {
        using var agent = await SignedInAsync(Partner("contoso"));
        var draft = await RequestAsync(agent, "Onboarding for anyone", null, 30, ["Directory Readers"]);
        var link = LinkPath(draft);

        using var woodgrove = await SignedInAsync(CustomerAdmin("woodgrove"));
        var rejected = await AnswerAsync(woodgrove, link, approve: false);
        Assert.Contains("You rejected the request from Contoso Cloud Partners", rejected.Find("[data-testid=outcome]")!.TextContent);
        var relationship = await LoadAsync("Onboarding for anyone");
        Assert.Equal(AdminRelationshipStatus.Terminated, relationship.Status);
        Assert.Equal(AdminRelationshipEnd.RejectedByCustomer, relationship.EndReason);
        Assert.Equal("Woodgrove Bank", relationship.CustomerName);

        var details = await agent.GetAsync($"/AdminRelationships/Details/{relationship.Id}");
        Assert.Equal("Rejected by the customer", details.Find("[data-testid=status]")!.TextContent.Trim());

        // Approving it afterwards, even by posting directly, is refused and changes nothing.
        var again = await woodgrove.GetAsync(link);
        Assert.NotNull(again.Find("[data-testid=answered]"));
        var forced = await woodgrove.PostRawAsync(again, link + "?handler=Approve", new Dictionary<string, string>());
        Assert.Contains("This admin relationship request is no longer waiting for approval.", forced.Errors);
        Assert.Equal(AdminRelationshipStatus.Terminated, (await LoadAsync("Onboarding for anyone")).Status);
    }

    [Fact]
    public async Task A_request_for_one_customer_is_refused_to_another_and_an_altered_link_is_not_found()
    {
        using var agent = await SignedInAsync(Partner("contoso"));
        var link = LinkPath(await RequestAsync(agent, "Adatum only", "adatum.onmicrosoft.com", 30, ["Directory Readers"]));

        using var litware = await SignedInAsync(CustomerAdmin("litware"));
        var page = await litware.GetAsync(link);
        Assert.Equal("This admin relationship request was made for another organization.", page.Find("[data-testid=refusal]")!.TextContent);
        var forced = await litware.PostRawAsync(page, link + "?handler=Approve", new Dictionary<string, string>());
        Assert.Contains("This admin relationship request was made for another organization.", forced.Errors);
        Assert.Equal(AdminRelationshipStatus.ApprovalPending, (await LoadAsync("Adatum only")).Status);

        var altered = await litware.GetAsync(link[..^3] + "xyz");
        Assert.Equal(HttpStatusCode.NotFound, altered.Status);
        Assert.NotNull(altered.Find("[data-testid=invalid-link]"));

        // A partner user cannot answer; a visitor who is not signed in is sent to sign in.
        var partnerTry = await agent.PostRawAsync(await agent.GetAsync(link), link + "?handler=Approve", new Dictionary<string, string>());
        Assert.Equal("/Account/AccessDenied", partnerTry.Url.AbsolutePath);
        Assert.Equal(AdminRelationshipStatus.ApprovalPending, (await LoadAsync("Adatum only")).Status);
    }

    [Fact]
    public async Task Either_side_terminates_and_an_ended_relationship_stays_ended()
    {
        var byPartner = await portal.ArrangeActiveAsync("1000001", "adatum", "Ended by Contoso", TimeSpan.FromDays(60));
        var byCustomer = await portal.ArrangeActiveAsync("1000001", "adatum", "Ended by Adatum", TimeSpan.FromDays(60));

        using var agent = await SignedInAsync(Partner("contoso"));
        var confirm = await agent.GetAsync($"/AdminRelationships/Details/{byPartner.Id}?confirm=terminate");
        var ended = await agent.SubmitAsync(confirm, "form[action*=Terminate]");
        Assert.Equal("Terminated by the partner", ended.Find("[data-testid=status]")!.TextContent.Trim());

        using var adatum = await SignedInAsync(CustomerAdmin("adatum"));
        var relationships = await adatum.GetAsync("/AdminCenter/PartnerRelationships");
        Assert.Contains("Terminated by the partner", relationships.Find("tr[data-relationship=\"Ended by Contoso\"]")!.TextContent);
        var terminated = await adatum.SubmitAsync(relationships, "tr[data-relationship=\"Ended by Adatum\"] form");
        Assert.Contains("Terminated by the customer", terminated.Find("tr[data-relationship=\"Ended by Adatum\"]")!.TextContent);
        Assert.Equal(AdminRelationshipEnd.TerminatedByCustomer, (await LoadAsync("Ended by Adatum")).EndReason);

        // No revival: auto-extend and terminate again are refused, by a form kept open or a forged post.
        var page = await agent.GetAsync($"/AdminRelationships/Details/{byPartner.Id}");
        Assert.Null(page.Find("#toggle-auto-extend"));
        var forced = await agent.PostRawAsync(page, $"/AdminRelationships/Details/{byPartner.Id}?handler=AutoExtend", new Dictionary<string, string> { ["on"] = "true" });
        Assert.Contains(Refusals.AdminRelationships.NoRevival.Message, forced.Errors);
        var twice = await agent.PostRawAsync(page, $"/AdminRelationships/Details/{byPartner.Id}?handler=Terminate", new Dictionary<string, string>());
        Assert.Contains(Refusals.AdminRelationships.NoRevival.Message, twice.Errors);
        Assert.False((await LoadAsync("Ended by Contoso")).AutoExtend);

        // A customer's admin cannot end another organization's relationship by its id.
        using var litware = await SignedInAsync(CustomerAdmin("litware"));
        var other = await portal.ArrangeActiveAsync("1000001", "adatum", "Not Litware's", TimeSpan.FromDays(60));
        var litwarePage = await litware.GetAsync("/AdminCenter/PartnerRelationships");
        var refused = await litware.PostRawAsync(litwarePage, $"/AdminCenter/PartnerRelationships?handler=TerminateAdminRelationship&relationshipId={other.Id}", new Dictionary<string, string>());
        Assert.Equal(HttpStatusCode.NotFound, refused.Status);
        Assert.Equal(AdminRelationshipStatus.Active, (await LoadAsync("Not Litware's")).Status);
    }

    [Theory]
    [InlineData(731, "Directory Readers", false, "The duration must be from 1 to 730 days.")]
    [InlineData(0, "Directory Readers", false, "The duration must be from 1 to 730 days.")]
    [InlineData(30, "Global Administrator", true, "Auto-extend cannot be turned on for a relationship that includes the Global Administrator role.")]
    [InlineData(30, null, false, "Select at least one Microsoft Entra role.")]
    public async Task Bad_requests_are_refused_with_a_clear_message_and_create_nothing(int days, string? role, bool autoExtend, string message)
    {
        await using var db = portal.Db();
        var before = await db.AdminRelationships.CountAsync();
        using var agent = await SignedInAsync(Partner("contoso"));
        var page = await RequestAsync(agent, "Refused " + days + role, null, days, role is null ? [] : [role], autoExtend);
        Assert.Contains(message, page.Errors);
        Assert.Equal("/AdminRelationships/Request", page.Url.AbsolutePath);
        Assert.Equal(before, await db.AdminRelationships.CountAsync());
    }

    [Fact]
    public async Task A_domain_that_is_not_the_partner_customer_and_a_cloud_without_GDAP_are_refused()
    {
        using var agent = await SignedInAsync(Partner("contoso"));
        var notOurs = await RequestAsync(agent, "Not our customer", "relecloud.onmicrosoft.com", 30, ["Directory Readers"]);
        Assert.Contains("None of your customers has that domain. Leave it empty to send a link to a customer not yet known.", notOurs.Errors);

        using var german = await SignedInAsync(Partner("contosode"));
        var form = await german.GetAsync("/AdminRelationships/Request");
        Assert.NotNull(form.Find("[data-testid=gdap-not-offered]"));
        var forced = await german.PostRawAsync(form, "/AdminRelationships/Request", new Dictionary<string, string>
        {
            ["Input.Name"] = "German",
            ["Input.DurationDays"] = "30",
            ["Input.Roles"] = Role("Directory Readers").ToString(),
        });
        Assert.Contains("Granular delegated admin relationships are not offered in Microsoft Cloud Germany.", forced.Errors);
        await using var db = portal.Db();
        Assert.False(await db.AdminRelationships.AnyAsync(r => r.DisplayName == "German" || r.DisplayName == "Not our customer"));
    }

    [Fact]
    public async Task The_same_request_form_posted_twice_at_once_creates_one_relationship()
    {
        using var agent = await SignedInAsync(Partner("contoso"));
        var form = await agent.GetAsync("/AdminRelationships/Request");
        var values = new Dictionary<string, object?>
        {
            ["Input.Name"] = "Double click",
            ["Input.DurationDays"] = "30",
            ["Input.Roles"] = new[] { Role("Directory Readers").ToString() },
        };
        var pages = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => agent.SubmitAsync(form, "#request-admin-relationship", values)));
        Assert.All(pages, p => Assert.Contains("/AdminRelationships/Draft/", p.Url.AbsolutePath));
        Assert.Single(pages.Select(p => p.Url.AbsolutePath).Distinct());
        await using var db = portal.Db();
        Assert.Equal(1, await db.AdminRelationships.CountAsync(r => r.DisplayName == "Double click"));
    }

    [Fact]
    public async Task Two_answers_at_once_leave_one_outcome_and_two_assignments_of_one_group_leave_one()
    {
        using var agent = await SignedInAsync(Partner("contoso"));
        var link = LinkPath(await RequestAsync(agent, "Raced answer", "adatum.onmicrosoft.com", 30, ["Directory Readers"]));
        using var first = await SignedInAsync(CustomerAdmin("adatum"));
        using var second = await SignedInAsync(CustomerAdmin("adatum"));
        var (a, b) = (await first.GetAsync(link), await second.GetAsync(link));
        await Task.WhenAll(first.SubmitAsync(a, "main form", handler: "Approve"), second.SubmitAsync(b, "main form", handler: "Reject"));
        var raced = await LoadAsync("Raced answer");
        await using (var db = portal.Db())
        {
            var answers = await db.AuditEntries.CountAsync(e => (e.Action == "AdminRelationshipApproved" || e.Action == "AdminRelationshipRejected") && e.Subject!.StartsWith("Raced answer"));
            Assert.Equal(1, answers);
        }

        Assert.Contains(raced.Status, new[] { AdminRelationshipStatus.Active, AdminRelationshipStatus.Terminated });

        var target = await portal.ArrangeActiveAsync("1000001", "adatum", "Raced assignment", TimeSpan.FromDays(60));
        using var globalAdmin = await SignedInAsync(Partner("contoso", PartnerRole.GlobalAdmin));
        var group = await CreateGroupAsync(globalAdmin, "Raced group");
        using var other = await SignedInAsync(Partner("contoso"));
        await Task.WhenAll(AssignAsync(agent, target.Id, group, ["Directory Readers"]), AssignAsync(other, target.Id, group, ["Directory Readers"]));
        Assert.Single((await LoadAsync("Raced assignment")).Assignments, x => x.IsActive);
    }
}
