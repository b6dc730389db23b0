using System.Net;
using Microsoft.EntityFrameworkCore;
using PartnerPortal.Domain.Access;
using PartnerPortal.Web.Identity.Entra;
using PartnerPortal.Web.Tests.Infrastructure;
using static PartnerPortal.Web.Tests.Infrastructure.Flows;

namespace PartnerPortal.Web.Tests.Integration;

/// <summary>
/// The portal on a real port with "Sign in with Microsoft" registered against a real OpenID Connect server on loopback
/// (<see cref="OidcServer"/>) for the Global and US Government authorities. Each client is an HttpClient that follows redirects
/// between the two, keeping cookies, as a browser does.
/// </summary>
public abstract class MicrosoftSignInPortal(IDictionary<string, string?>? settings = null) : IAsyncLifetime
{
    protected OidcServer Oidc { get; } = new();

    private PortalFactory? _factory;

    protected PortalFactory Factory => _factory!;

    protected string BaseUrl { get; private set; } = string.Empty;

    public async Task InitializeAsync()
    {
        await Oidc.StartAsync();
        var all = Oidc.PortalSettings("Global", "UsGovernment");
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            all[key] = value;
        }

        _factory = new PortalFactory(await TestDatabase.CreateAsync(), settings: all);
        BaseUrl = _factory.StartOnLoopback();
    }

    public async Task DisposeAsync()
    {
        await Factory.DisposeAsync();
        await TestDatabase.DropAsync(Factory.ConnectionString);
        await Oidc.DisposeAsync();
    }

    protected PortalClient Browser(bool followRedirects = true) =>
        new(new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = followRedirects }) { BaseAddress = new Uri(BaseUrl) });

    protected static OidcUser Person(Guid tenant, string email, bool admin = false, bool mfa = true) =>
        new(tenant, Guid.NewGuid(), email.Split('@')[0], email, mfa, admin);

    protected async Task<Page> SignInWithMicrosoftAsync(PortalClient client, OidcUser user, string authority = "Global", TokenFault fault = TokenFault.None)
    {
        Oidc.NextUser = user;
        Oidc.Fault = fault;
        var page = await client.GetAsync("/Account/SignIn");
        return await client.SubmitAsync(page, $"form[data-authority={authority}]");
    }

    protected static async Task<bool> SignedInAsync(PortalClient client) =>
        (await client.GetAsync("/Account/ChangePassword")).Url.AbsolutePath != "/Account/SignIn";

    /// <summary>A Global admin of the organization links a tenant by signing in as that tenant's Global Administrator.</summary>
    protected async Task<(PortalClient Admin, OidcUser TenantAdmin, Page Linked)> LinkAsync(string adminEmail, Guid tenant)
    {
        var admin = Browser();
        await admin.SignInAsync(adminEmail);
        var tenantAdmin = Person(tenant, "it-admin-" + Guid.NewGuid().ToString("N")[..6] + "@tenant.example", admin: true);
        Oidc.NextUser = tenantAdmin;
        Oidc.Fault = TokenFault.None;
        var page = await admin.GetAsync("/MicrosoftSignIn");
        var linked = await admin.SubmitAsync(page, "form[action$='handler=Link']");
        return (admin, tenantAdmin, linked);
    }
}

/// <summary>Issue 9 part 1: "Sign in with Microsoft" end to end, from linking a tenant to each refusal.</summary>
public sealed class MicrosoftSignInTests : MicrosoftSignInPortal
{
    private static async Task<Page> DecideAsync(PortalClient admin, string email, string handler, params string[] roles)
    {
        var page = await admin.GetAsync("/MicrosoftSignIn");
        var row = $"tr[data-email='{email}'] form";
        var values = new Dictionary<string, object?>();
        if (page.Find($"tr[data-email='{email}'] input[type=checkbox]")?.GetAttribute("name") is { } rolesField)
        {
            values[rolesField] = roles;
        }

        return await admin.SubmitAsync(page, row, values, handler);
    }

    [Fact]
    public async Task A_partner_links_its_tenant_approves_a_new_person_with_roles_and_that_person_signs_in_with_Microsoft()
    {
        var tenant = Guid.NewGuid();
        var (admin, tenantAdmin, linked) = await LinkAsync(Partner("contoso", PartnerRole.GlobalAdmin), tenant);
        Assert.Equal(tenant.ToString(), linked.Find("[data-testid=linked-tenant]")?.TextContent);

        // The admin who proved the tenant now signs in with that Microsoft account, as themself.
        using (var again = Browser())
        {
            var signedIn = await SignInWithMicrosoftAsync(again, tenantAdmin);
            Assert.Equal("/", signedIn.Url.AbsolutePath);
            Assert.Contains("Users", signedIn.Find("nav.menu")!.TextContent, StringComparison.Ordinal);
        }

        // Someone new from the tenant waits for approval, and is not signed in meanwhile.
        var newcomer = Person(tenant, "ana.new@contoso-tenant.example");
        using var person = Browser();
        var waiting = await SignInWithMicrosoftAsync(person, newcomer);
        Assert.NotNull(waiting.Find("[data-testid=waiting-for-approval]"));
        Assert.False(await SignedInAsync(person));

        // Signing in again while waiting does not queue a second request.
        await SignInWithMicrosoftAsync(person, newcomer);
        await using (var db = TestDatabase.OpenSystemContext(Factory.ConnectionString))
        {
            Assert.Equal(1, await db.EntraSignInRequests.CountAsync(r => r.ObjectId == newcomer.ObjectId));
        }

        var noRole = await DecideAsync(admin, newcomer.Email, "Approve");
        Assert.Contains("Choose at least one role from the list.", noRole.Errors);
        var approved = await DecideAsync(admin, newcomer.Email, "Approve", PartnerRole.AdminAgent);
        Assert.Contains("ana.new@contoso-tenant.example can now sign in with Microsoft.", approved.Text, StringComparison.Ordinal);

        var home = await SignInWithMicrosoftAsync(person, newcomer);
        Assert.Equal("/", home.Url.AbsolutePath);
        Assert.Equal(HttpStatusCode.OK, (await person.GetAsync("/Customers")).Status);
        Assert.Equal("/Account/AccessDenied", (await person.GetAsync("/Users")).Url.AbsolutePath);

        await using var check = TestDatabase.OpenSystemContext(Factory.ConnectionString);
        var user = await check.Users.SingleAsync(u => u.Email == newcomer.Email);
        Assert.Null(user.PasswordHash);
        Assert.Equal("Contoso Cloud Partners", await check.Partners.Where(p => p.Id == user.PartnerId).Select(p => p.DisplayName).SingleAsync());
        var actions = await check.AuditEntries.Where(a => a.PartnerId == user.PartnerId).Select(a => a.Action).ToListAsync();
        Assert.Contains("MicrosoftEntraTenantLinked", actions);
        Assert.Contains("MicrosoftSignInRequested", actions);
        Assert.Contains("MicrosoftSignInApproved", actions);
        Assert.Contains("SignedInWithMicrosoft", actions);

        // The Audit log names these actions in words, filtered by one of them.
        var log = await admin.GetAsync("/AuditLog?action=MicrosoftSignInApproved");
        Assert.Equal(["MicrosoftSignInApproved"], log.FindAll("table[data-testid=audit] tbody tr").Select(r => r.GetAttribute("data-action")).Distinct());
        Assert.Contains("Microsoft sign-in approved", log.Find("table[data-testid=audit] tbody")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_tenant_nobody_linked_is_refused_and_leaves_no_request()
    {
        using var client = Browser();
        var stranger = Person(Guid.NewGuid(), "someone@unlinked.example");
        var refused = await SignInWithMicrosoftAsync(client, stranger);
        Assert.Contains(refused.Errors, e => e.StartsWith("Your organization's Microsoft Entra tenant is not linked to PartnerPortal.", StringComparison.Ordinal));
        Assert.False(await SignedInAsync(client));
        await using var db = TestDatabase.OpenSystemContext(Factory.ConnectionString);
        Assert.False(await db.EntraSignInRequests.AnyAsync(r => r.TenantId == stranger.TenantId));
    }

    [Theory]
    [InlineData(TokenFault.BadSignature)]
    [InlineData(TokenFault.WrongIssuer)]
    [InlineData(TokenFault.WrongAudience)]
    [InlineData(TokenFault.Expired)]
    [InlineData(TokenFault.ReplayedNonce)]
    public async Task An_untrustworthy_ID_token_is_refused(TokenFault fault)
    {
        // A person who can sign in: the tenant admin of a linked tenant (one link per test, so each case has its own partner).
        var partner = fault switch
        {
            TokenFault.BadSignature => "fabrikam",
            TokenFault.WrongIssuer => "northwind",
            TokenFault.WrongAudience => "tailspin",
            TokenFault.Expired => "wideworld",
            _ => "woodgrove",
        };
        var (_, tenantAdmin, _) = await LinkAsync(partner == "woodgrove" ? CustomerAdmin(partner) : Partner(partner, PartnerRole.GlobalAdmin), Guid.NewGuid());
        using (var control = Browser())
        {
            Assert.Equal("/", (await SignInWithMicrosoftAsync(control, tenantAdmin)).Url.AbsolutePath);
        }

        using var client = Browser();
        var refused = await SignInWithMicrosoftAsync(client, tenantAdmin, fault: fault);
        Assert.Equal("/Account/Microsoft", refused.Url.AbsolutePath);
        Assert.Contains(refused.Errors, e => e.StartsWith("Microsoft did not complete the sign-in, or its answer could not be trusted.", StringComparison.Ordinal));
        Assert.False(await SignedInAsync(client));
    }

    [Fact]
    public async Task A_replayed_authorization_response_is_refused()
    {
        var (_, tenantAdmin, _) = await LinkAsync(CustomerAdmin("relecloud"), Guid.NewGuid());

        // Stop at the provider's answer, to keep the address a thief could replay.
        using var client = Browser(followRedirects: false);
        Oidc.NextUser = tenantAdmin;
        Oidc.Fault = TokenFault.None;
        var signInPage = await client.GetAsync("/Account/SignIn");
        var challenge = await client.Http.PostAsync("/Account/Microsoft", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["authority"] = "Global",
            ["__RequestVerificationToken"] = signInPage.Find("input[name=__RequestVerificationToken]")!.GetAttribute("value")!,
        }));
        var authorize = await client.Http.GetAsync(challenge.Headers.Location);
        var callback = authorize.Headers.Location!;
        Assert.StartsWith("/signin-microsoft/global", callback.AbsolutePath, StringComparison.Ordinal);

        var first = await client.Http.GetAsync(callback);
        Assert.Equal(HttpStatusCode.Redirect, first.StatusCode);
        Assert.Contains("handler=Callback", first.Headers.Location!.OriginalString, StringComparison.Ordinal);

        var replay = await client.Http.GetAsync(callback);
        Assert.Equal("/Account/Microsoft?failed=true", replay.Headers.Location!.OriginalString);

        using var thief = Browser(followRedirects: false);
        var stolen = await thief.Http.GetAsync(new Uri(new Uri(BaseUrl), callback));
        Assert.Equal("/Account/Microsoft?failed=true", stolen.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task Each_cloud_signs_in_at_its_own_authority_and_Germany_at_the_global_one()
    {
        // 21Vianet has no authority registered in this run: Contoso China's page says so and offers no link.
        using var china = Browser();
        await china.SignInAsync(Partner("contosocn", PartnerRole.GlobalAdmin));
        var chinaPage = await china.GetAsync("/MicrosoftSignIn");
        Assert.Null(chinaPage.Find("form[action$='handler=Link']"));
        Assert.Contains("Sign-in with Microsoft is not set up for Office 365 operated by 21Vianet", chinaPage.Text, StringComparison.Ordinal);

        // A US Government partner links at the US Government authority; its people come in through that one only.
        var (_, govAdmin, govLinked) = await LinkAsync(Partner("contosogov", PartnerRole.GlobalAdmin), Guid.NewGuid());
        Assert.NotNull(govLinked.Find("[data-testid=linked-tenant]"));
        using (var wrongDoor = Browser())
        {
            var refused = await SignInWithMicrosoftAsync(wrongDoor, govAdmin, "Global");
            Assert.Contains("Your organization works in Microsoft Cloud for US Government: sign in with the Microsoft button for that cloud.", refused.Errors);
            Assert.False(await SignedInAsync(wrongDoor));
        }

        using (var rightDoor = Browser())
        {
            Assert.Equal("/", (await SignInWithMicrosoftAsync(rightDoor, govAdmin, "UsGovernment")).Url.AbsolutePath);
        }

        // Microsoft Cloud Germany's own authority is retired: a Germany partner links and signs in at the global one.
        var (_, germanAdmin, germanLinked) = await LinkAsync(Partner("contosode", PartnerRole.GlobalAdmin), Guid.NewGuid());
        Assert.NotNull(germanLinked.Find("[data-testid=linked-tenant]"));
        using var german = Browser();
        Assert.Equal("/", (await SignInWithMicrosoftAsync(german, germanAdmin, "Global")).Url.AbsolutePath);
    }

    [Fact]
    public async Task Linking_needs_a_Global_Administrator_of_the_tenant_and_a_tenant_links_to_one_organization()
    {
        var tenant = Guid.NewGuid();
        using var admin = Browser();
        await admin.SignInAsync(CustomerAdmin("proseware"));
        Oidc.NextUser = Person(tenant, "plain.user@proseware-tenant.example");
        Oidc.Fault = TokenFault.None;
        var refused = await admin.SubmitAsync(await admin.GetAsync("/MicrosoftSignIn"), "form[action$='handler=Link']");
        Assert.Contains("To link your organization's tenant, sign in with an account that is a Global Administrator of that Microsoft Entra tenant.", refused.Errors);

        var (_, _, linked) = await LinkAsync(CustomerAdmin("proseware"), tenant);
        Assert.Equal(tenant.ToString(), linked.Find("[data-testid=linked-tenant]")?.TextContent);

        var (_, _, taken) = await LinkAsync(CustomerAdmin("lamna"), tenant);
        Assert.Contains("This Microsoft Entra tenant is already linked to an organization in PartnerPortal.", taken.Errors);
        await using var db = TestDatabase.OpenSystemContext(Factory.ConnectionString);
        Assert.Equal(1, await db.EntraTenantLinks.CountAsync(l => l.TenantId == tenant));
    }

    [Fact]
    public async Task Two_organizations_linking_the_same_tenant_at_once_leave_one_link()
    {
        var tenant = Guid.NewGuid();
        var admins = new[] { CustomerAdmin("fourthcoffee"), CustomerAdmin("redmondcity") };
        var clients = new List<PortalClient>();
        var pages = new List<Page>();
        foreach (var email in admins)
        {
            var client = Browser();
            await client.SignInAsync(email);
            clients.Add(client);
            pages.Add(await client.GetAsync("/MicrosoftSignIn"));
        }

        Oidc.NextUser = Person(tenant, "it-admin@shared-tenant.example", admin: true);
        Oidc.Fault = TokenFault.None;
        var results = await Task.WhenAll(clients.Select((c, i) => c.SubmitAsync(pages[i], "form[action$='handler=Link']")));

        Assert.Single(results, r => r.Find("[data-testid=linked-tenant]")?.TextContent == tenant.ToString());
        Assert.Single(results, r => r.Errors.Contains("This Microsoft Entra tenant is already linked to an organization in PartnerPortal."));
        await using var db = TestDatabase.OpenSystemContext(Factory.ConnectionString);
        Assert.Equal(1, await db.EntraTenantLinks.CountAsync(l => l.TenantId == tenant));
        clients.ForEach(c => c.Dispose());
    }

    [Fact]
    public async Task A_customer_admin_approves_one_person_declines_another_and_other_organizations_cannot_decide()
    {
        var tenant = Guid.NewGuid();
        var (admin, _, _) = await LinkAsync(CustomerAdmin("adatum"), tenant);
        var welcome = Person(tenant, "kim.welcome@adatum-tenant.example");
        var unwanted = Person(tenant, "lee.unwanted@adatum-tenant.example");
        using var kim = Browser();
        using var lee = Browser();
        await SignInWithMicrosoftAsync(kim, welcome);
        await SignInWithMicrosoftAsync(lee, unwanted);

        // Another organization's admin, with the request's id typed in: not found, and nothing changes.
        Guid leeRequest;
        await using (var db = TestDatabase.OpenSystemContext(Factory.ConnectionString))
        {
            leeRequest = await db.EntraSignInRequests.Where(r => r.ObjectId == unwanted.ObjectId).Select(r => r.Id).SingleAsync();
        }

        using (var other = Browser())
        {
            var page = await other.SignInAsync(Partner("contoso", PartnerRole.GlobalAdmin));
            var forged = await other.PostRawAsync(await other.GetAsync("/MicrosoftSignIn"), $"/MicrosoftSignIn?handler=Decline&id={leeRequest}", new Dictionary<string, string>());
            Assert.Equal(HttpStatusCode.NotFound, forged.Status);
            Assert.DoesNotContain("lee.unwanted", (await other.GetAsync("/MicrosoftSignIn")).Text, StringComparison.Ordinal);
            _ = page;
        }

        await DecideAsync(admin, unwanted.Email, "Decline");
        await DecideAsync(admin, welcome.Email, "Approve");

        var refused = await SignInWithMicrosoftAsync(lee, unwanted);
        Assert.Contains("An administrator of your organization declined your access to PartnerPortal.", refused.Errors);
        Assert.Equal("/", (await SignInWithMicrosoftAsync(kim, welcome)).Url.AbsolutePath);
        Assert.Equal(HttpStatusCode.OK, (await kim.GetAsync("/AdminCenter/PartnerRelationships")).Status);
    }

    [Fact]
    public async Task Two_admins_approving_the_same_person_at_once_create_one_account()
    {
        var tenant = Guid.NewGuid();
        var (first, _, _) = await LinkAsync(CustomerAdmin("litware"), tenant);
        using var second = Browser();
        await second.SignInAsync(CustomerAdmin("litware"));
        var newcomer = Person(tenant, "twice@litware-tenant.example");
        using (var person = Browser())
        {
            await SignInWithMicrosoftAsync(person, newcomer);
        }

        var pages = new[] { await first.GetAsync("/MicrosoftSignIn"), await second.GetAsync("/MicrosoftSignIn") };
        var clients = new[] { first, second };
        var results = await Task.WhenAll(Enumerable.Range(0, 2).Select(i => clients[i].SubmitAsync(pages[i], $"tr[data-email='{newcomer.Email}'] form", handler: "Approve")));
        Assert.All(results, r => Assert.True(r.Status is HttpStatusCode.OK, r.Status.ToString()));
        Assert.Contains(results, r => r.Errors.Contains("This request has already been approved."));

        await using var db = TestDatabase.OpenSystemContext(Factory.ConnectionString);
        Assert.Equal(1, await db.Users.CountAsync(u => u.Email == newcomer.Email));
        Assert.Equal(1, await db.UserLogins.CountAsync(l => l.ProviderKey == EntraLogin.Key(tenant, newcomer.ObjectId)));
    }
}

/// <summary>Where partner staff must use multi-factor sign-in, a Microsoft sign-in counts only if Entra says it used it.</summary>
public sealed class MicrosoftSignInMfaTests() : MicrosoftSignInPortal(new Dictionary<string, string?> { ["Mfa:RequiredForPartnerUsers"] = "true" })
{
    [Fact]
    public async Task Partner_staff_need_a_multi_factor_Microsoft_sign_in_and_it_lasts_the_session()
    {
        // Arranged behind the pages (linking needs a Global admin, who would first have to enrol an authenticator app here).
        var tenant = Guid.NewGuid();
        var agent = Person(tenant, Partner("contoso", PartnerRole.AdminAgent));
        await using (var db = TestDatabase.OpenSystemContext(Factory.ConnectionString))
        {
            var user = await db.Users.SingleAsync(u => u.Email == agent.Email);
            db.EntraTenantLinks.Add(new EntraTenantLink(tenant, user.PartnerId, null, user.Id, DateTimeOffset.UtcNow));
            db.UserLogins.Add(new Microsoft.AspNetCore.Identity.IdentityUserLogin<Guid> { LoginProvider = EntraLogin.Provider, ProviderKey = EntraLogin.Key(tenant, agent.ObjectId), UserId = user.Id });
            await db.SaveChangesAsync();
        }

        using var withoutMfa = Browser();
        var refused = await SignInWithMicrosoftAsync(withoutMfa, agent with { Mfa = false });
        Assert.Contains(refused.Errors, e => e.StartsWith("PartnerPortal requires multi-factor authentication for partner staff", StringComparison.Ordinal));
        Assert.False(await SignedInAsync(withoutMfa));

        using var withMfa = Browser();
        Assert.Equal("/", (await SignInWithMicrosoftAsync(withMfa, agent)).Url.AbsolutePath);

        // Every request re-reads the account (security stamp); the session's multi-factor sign-in is kept, so no enrolment page.
        Assert.Equal("/Customers", (await withMfa.GetAsync("/Customers")).Url.AbsolutePath);
        Assert.Equal("/Customers", (await withMfa.GetAsync("/Customers")).Url.AbsolutePath);

        // A password sign-in of the same account still has to enrol an authenticator app.
        using var password = Browser();
        Assert.Equal("/Account/Mfa", (await password.SignInAsync(agent.Email)).Url.AbsolutePath);
    }
}
