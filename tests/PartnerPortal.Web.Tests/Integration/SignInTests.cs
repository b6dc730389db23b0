using System.Net;
using Microsoft.EntityFrameworkCore;
using PartnerPortal.Domain.Access;
using PartnerPortal.Web.Seeding;
using PartnerPortal.Web.Tests.Infrastructure;

namespace PartnerPortal.Web.Tests.Integration;

public class SignInTests(PortalFixture portal) : IClassFixture<PortalFixture>
{
    [Fact]
    public async Task Every_demo_user_can_sign_in_and_sees_their_organization()
    {
        var partnerUsers = DemoDirectory.Partners.SelectMany(p => PartnerRole.All.Select(r => (Email: DemoDirectory.PartnerUserEmail(p.Slug, r), Org: p.Name)));
        var customerUsers = DemoDirectory.Customers.Select(c => (Email: DemoDirectory.CustomerAdminEmail(c), Org: c.Name));
        foreach (var (email, org) in partnerUsers.Concat(customerUsers))
        {
            using var client = portal.NewClient();
            var home = await client.SignInAsync(email);
            Assert.Equal("/", home.Url.AbsolutePath);
            Assert.Equal(org, home.Find("[data-testid=org-name]")?.TextContent);
        }
    }

    [Fact]
    public async Task Wrong_password_is_refused_with_a_message()
    {
        using var client = portal.NewClient();
        var page = await client.SignInAsync(DemoDirectory.PartnerUserEmail("contoso", PartnerRole.SalesAgent), "not-the-password");
        Assert.Equal("/Account/SignIn", page.Url.AbsolutePath);
        Assert.Contains("The email or password is not correct.", page.Errors);
    }

    [Fact]
    public async Task Anonymous_visitors_are_sent_to_sign_in()
    {
        using var client = portal.NewClient();
        var page = await client.GetAsync("/Users");
        Assert.Equal("/Account/SignIn", page.Url.AbsolutePath);
    }

    [Fact]
    public async Task Anonymous_pages_get_their_stylesheet()
    {
        using var client = portal.NewClient();
        var page = await client.GetAsync("/Account/SignIn");
        var css = page.Find("link[rel=stylesheet]")!.GetAttribute("href")!;
        var response = await client.Http.GetAsync(css);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/css", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Health_endpoint_checks_the_database()
    {
        using var client = portal.NewClient();
        var response = await client.Http.GetAsync("/healthz");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_post_without_antiforgery_token_is_rejected_and_changes_nothing()
    {
        using var client = portal.NewClient();
        await client.SignInAsync(DemoDirectory.PartnerUserEmail("contoso", PartnerRole.GlobalAdmin));
        using var content = new FormUrlEncodedContent([KeyValuePair.Create("Input.DisplayName", "Forged"), KeyValuePair.Create("Input.Email", "forged@contoso.example"), KeyValuePair.Create("Input.Roles", PartnerRole.GlobalAdmin)]);
        var response = await client.Http.PostAsync("/Users/Create", content);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        await using var db = portal.Db();
        Assert.False(await db.Users.AnyAsync(u => u.Email == "forged@contoso.example"));
    }
}
