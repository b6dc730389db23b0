using System.Net;
using Microsoft.EntityFrameworkCore;
using PartnerPortal.Domain.Access;
using PartnerPortal.Web.Tests.Infrastructure;
using static PartnerPortal.Web.Tests.Infrastructure.Flows;

namespace PartnerPortal.Web.Tests.Integration;

/// <summary>Partner side of seeds 000-003: who may request, and what the request carries in each cloud.</summary>
public class RelationshipRequestTests(PortalFixture portal) : IClassFixture<PortalFixture>
{
    [Fact]
    public async Task A_user_management_admin_is_told_which_roles_may_request()
    {
        using var client = portal.NewClient();
        await client.SignInAsync(Partner("contoso", PartnerRole.UserManagementAdmin));
        var page = await client.GetAsync("/Customers/RequestRelationship");
        Assert.Equal("/Account/AccessDenied", page.Url.AbsolutePath);
        Assert.Equal(["Global admin", "Admin agent", "Sales agent"], page.FindAll(".roles-needed li").Select(li => li.TextContent));
    }

    [Fact]
    public async Task Delegated_admin_is_checked_by_default_in_the_public_cloud_and_can_be_cleared()
    {
        using var client = portal.NewClient();
        await client.SignInAsync(Partner("contoso"));
        var form = await client.GetAsync("/Customers/RequestRelationship");
        var box = form.Find("#include-delegated-admin")!;
        Assert.True(box.HasAttribute("checked"));
        Assert.False(box.HasAttribute("disabled"));

        var cleared = await RequestRelationshipAsync(client, includeDelegatedAdmin: false);
        Assert.Equal("Reseller relationship without delegated administration privileges", cleared.Find("[data-testid=request-summary]")!.TextContent);
        var kept = await RequestRelationshipAsync(client, includeDelegatedAdmin: true);
        Assert.Equal("Reseller relationship with delegated administration privileges", kept.Find("[data-testid=request-summary]")!.TextContent);
        Assert.NotEqual(LinkPath(cleared), LinkPath(kept));
    }

    [Fact]
    public async Task A_sales_agent_invites_without_delegated_admin_only()
    {
        using var client = portal.NewClient();
        var home = await client.SignInAsync(Partner("contoso", PartnerRole.SalesAgent));
        var form = await client.GetAsync("/Customers/RequestRelationship");
        var box = form.Find("#include-delegated-admin")!;
        Assert.False(box.HasAttribute("checked"));
        Assert.True(box.HasAttribute("disabled"));

        var draft = await client.SubmitAsync(form, "main form");
        Assert.Equal("Reseller relationship without delegated administration privileges", draft.Find("[data-testid=request-summary]")!.TextContent);

        var forged = await client.PostRawAsync(form, "/Customers/RequestRelationship", new Dictionary<string, string> { ["Input.IncludeDelegatedAdmin"] = "true" });
        Assert.Contains(forged.Errors, e => e.StartsWith("Only an Admin agent or a Global admin", StringComparison.Ordinal));
        await using var db = portal.Db();
        var contoso = await db.Partners.SingleAsync(p => p.MpnId == "1000001");
        Assert.False(await db.InvitationLinks.AnyAsync(l => l.PartnerId == contoso.Id && l.IncludesDelegatedAdmin));
    }

    [Theory]
    [InlineData("contosogov", "Microsoft Cloud for US Government")]
    [InlineData("contosode", "Microsoft Cloud Germany")]
    public async Task US_Government_and_Germany_cannot_clear_delegated_admin(string partner, string cloud)
    {
        using var client = portal.NewClient();
        await client.SignInAsync(Partner(partner));
        var form = await client.GetAsync("/Customers/RequestRelationship");
        var box = form.Find("#include-delegated-admin")!;
        Assert.True(box.HasAttribute("checked"));
        Assert.True(box.HasAttribute("disabled"));
        Assert.Equal($"The option to not request permissions is not available to partners operating in {cloud}.", form.Find("[data-testid=delegated-admin-note]")!.TextContent);

        var draft = await client.SubmitAsync(form, "main form");
        Assert.Equal("Reseller relationship with delegated administration privileges", draft.Find("[data-testid=request-summary]")!.TextContent);

        var forged = await client.PostRawAsync(form, "/Customers/RequestRelationship", new Dictionary<string, string>());
        Assert.Contains($"In {cloud} the option to not request delegated administration privileges is not available.", forged.Errors);
    }

    [Fact]
    public async Task A_sales_agent_in_US_Government_is_refused_with_the_reason()
    {
        using var client = portal.NewClient();
        await client.SignInAsync(Partner("contosogov", PartnerRole.SalesAgent));
        var form = await client.GetAsync("/Customers/RequestRelationship");
        Assert.Contains("only an Admin agent or a Global admin can request", form.Find("[data-testid=refusal]")!.TextContent, StringComparison.Ordinal);
        Assert.Null(form.Find("main form button[type=submit]"));
    }

    [Fact]
    public async Task A_21Vianet_request_always_carries_delegated_admin()
    {
        using var client = portal.NewClient();
        await client.SignInAsync(Partner("contosocn"));
        var form = await client.GetAsync("/Customers/RequestRelationship");
        var forged = await client.PostRawAsync(form, "/Customers/RequestRelationship", new Dictionary<string, string>());
        Assert.Equal("Reseller relationship with delegated administration privileges", forged.Find("[data-testid=request-summary]")!.TextContent);
    }

    [Fact]
    public async Task The_link_is_reusable_and_names_no_customer()
    {
        using var client = portal.NewClient();
        await client.SignInAsync(Partner("fabrikam"));
        var first = LinkPath(await RequestRelationshipAsync(client));
        var second = LinkPath(await RequestRelationshipAsync(client));
        Assert.Equal(first, second);
        Assert.Matches("^/AdminCenter/Invitation/[A-Za-z0-9_-]{22}$", first);
    }

    [Fact]
    public async Task The_draft_email_contains_the_link_a_mailto_and_is_written_in_the_chosen_language()
    {
        using var client = portal.NewClient();
        await client.SignInAsync(Partner("contoso"));
        var draft = await RequestRelationshipAsync(client);
        var link = draft.Find("[data-testid=invitation-link]")!.GetAttribute("value")!;
        Assert.Contains(link, draft.Find("#body")!.TextContent, StringComparison.Ordinal);
        Assert.StartsWith("mailto:?subject=", draft.Find("#open-in-email")!.GetAttribute("href"), StringComparison.Ordinal);
        Assert.NotNull(draft.Find("#copy-to-clipboard"));
        Assert.Equal("/Customers", draft.Find("#done")!.GetAttribute("href"));

        var russian = await client.GetAsync(draft.Url.AbsolutePath + "?lang=ru");
        Assert.StartsWith("Уважаемый клиент!", russian.Find("#body")!.TextContent, StringComparison.Ordinal);
        Assert.Contains(link, russian.Find("#body")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Another_partners_draft_is_not_found()
    {
        using var contoso = portal.NewClient();
        await contoso.SignInAsync(Partner("contoso"));
        var draft = await RequestRelationshipAsync(contoso);

        using var fabrikam = portal.NewClient();
        await fabrikam.SignInAsync(Partner("fabrikam"));
        var stolen = await fabrikam.GetAsync(draft.Url.AbsolutePath);
        Assert.Equal(HttpStatusCode.NotFound, stolen.Status);
    }
}
