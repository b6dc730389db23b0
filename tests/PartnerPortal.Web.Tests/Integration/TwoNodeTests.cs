using System.Net;
using Microsoft.EntityFrameworkCore;
using PartnerPortal.Domain.Access;
using PartnerPortal.Web.Tests.Infrastructure;
using static PartnerPortal.Web.Tests.Infrastructure.Flows;

namespace PartnerPortal.Web.Tests.Integration;

/// <summary>
/// Issue 9 part 4: two portal processes on one database, as behind a load balancer. Each is a separate OS process with its
/// own home folder, so they share nothing but PostgreSQL: a session, an antiforgery token and a wizard's protected field
/// made by one are accepted by the other.
/// </summary>
public sealed class TwoNodeTests : IAsyncLifetime
{
    private readonly List<PortalProcess> _nodes = [];
    private string _connectionString = string.Empty;
    private string _first = string.Empty;
    private string _second = string.Empty;

    public async Task InitializeAsync()
    {
        _connectionString = await TestDatabase.CreateAsync();
        _nodes.Add(await PortalProcess.StartAsync(_connectionString));
        _nodes.Add(await PortalProcess.StartAsync(_connectionString));
        (_first, _second) = (_nodes[0].Url, _nodes[1].Url);
    }

    public async Task DisposeAsync()
    {
        foreach (var node in _nodes)
        {
            await node.DisposeAsync();
        }

        await TestDatabase.DropAsync(_connectionString);
    }

    [Fact]
    public async Task A_session_a_form_token_and_a_wizard_started_on_one_process_continue_on_the_other()
    {
        // Cookies do not depend on the port, so one cookie jar serves both processes, as one site behind a load balancer.
        var cookies = new CookieContainer();
        using var handler = new HttpClientHandler { CookieContainer = cookies, AllowAutoRedirect = true };
        using var http = new HttpClient(handler);
        var client = new PortalClient(http);

        var home = await client.SignInAtAsync(_first, Partner("fabrikam", PartnerRole.AdminAgent));
        Assert.Equal("/", home.Url.AbsolutePath);
        Assert.Equal("/Customers", (await client.GetAsync(_second + "/Customers")).Url.AbsolutePath);

        // The wizard: details and subscriptions on the first process, review drawn (with its protected password) there too,
        // Submit on the second.
        await using var db = TestDatabase.OpenSystemContext(_connectionString);
        var northwind = await db.Partners.SingleAsync(p => p.MpnId == "3000001");
        var review = await AddCustomerUpToReviewAsync(client, _first, northwind.Id, "Two Node Co", "twonode");
        var onSecond = new Page(review.Status, new Uri(_second + review.Url.PathAndQuery), review.Document);
        var confirmation = await client.SubmitAsync(onSecond, "#new-customer", handler: "Submit");
        Assert.StartsWith(_second, confirmation.Url.ToString(), StringComparison.Ordinal);
        Assert.Equal("admin@twonode.onmicrosoft.com", confirmation.Find("[data-testid=admin-user-name]")!.TextContent);
        var password = confirmation.Find("[data-testid=temporary-password]")!.TextContent;

        // The password drawn on the first process signs the new admin in on the second.
        using var adminHandler = new HttpClientHandler { CookieContainer = new CookieContainer() };
        using var adminHttp = new HttpClient(adminHandler);
        var admin = await new PortalClient(adminHttp).SignInAtAsync(_second, "admin@twonode.onmicrosoft.com", password);
        Assert.Equal("/Account/ChangePassword", admin.Url.AbsolutePath);
        Assert.True(await db.DataProtectionKeys.AnyAsync());
    }
}
