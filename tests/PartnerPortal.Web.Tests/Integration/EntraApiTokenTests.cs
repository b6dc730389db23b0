using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Graph;
using Microsoft.Graph.Models;
using Microsoft.Graph.Models.ODataErrors;
using Microsoft.Kiota.Abstractions.Authentication;
using PartnerPortal.Domain.Access;
using PartnerPortal.Web.Tests.Infrastructure;
using static PartnerPortal.Web.Tests.Infrastructure.Flows;
using static PartnerPortal.Web.Tests.Infrastructure.GdapFlows;

namespace PartnerPortal.Web.Tests.Integration;

/// <summary>
/// Issue 12 part 3: a partner links its Microsoft Entra tenant; an application of that tenant, given an app role on the portal's
/// API by the tenant's admin, gets an access token from Entra ID (the loopback <see cref="OidcServer"/>) with the
/// client-credentials grant, and calls the API with it as that role. Every other token is refused with its reason.
/// </summary>
public sealed class EntraApiTokenTests : MicrosoftSignInPortal
{
    /// <summary>What a partner's script does: the client-credentials grant at its own tenant's Entra token endpoint.</summary>
    private async Task<string> EntraTokenAsync(OidcApplication application, string cloud = "global")
    {
        using var http = new HttpClient();
        using var response = await http.PostAsync($"{Oidc.Instance(cloud)}{application.TenantId}/oauth2/v2.0/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials",
            ["client_id"] = application.ClientId.ToString(),
            ["client_secret"] = application.Secret,
            ["scope"] = $"{OidcServer.ClientId}/.default",
        }));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("access_token").GetString()!;
    }

    private HttpClient Api(string token)
    {
        var http = new HttpClient { BaseAddress = new Uri(BaseUrl) };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return http;
    }

    private static async Task<(HttpStatusCode Status, string Code, string Message)> RefusalAsync(HttpClient api, string path = "/v1/customers")
    {
        using var response = await api.GetAsync(path);
        var error = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("error");
        return (response.StatusCode, error.GetProperty("code").GetString()!, error.GetProperty("message").GetString()!);
    }

    private static async Task<List<string>> CustomerNamesAsync(HttpClient api)
    {
        using var response = await api.GetAsync("/v1/customers");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        return body.GetProperty("items").EnumerateArray().Select(c => c.GetProperty("companyProfile").GetProperty("companyName").GetString()!).ToList();
    }

    [Fact]
    public async Task An_application_of_the_linked_tenant_calls_the_API_with_its_app_role_until_the_tenant_is_unlinked()
    {
        var tenant = Guid.NewGuid();
        var (admin, _, _) = await LinkAsync(Partner("contoso", PartnerRole.GlobalAdmin), tenant);

        // The API applications page tells the Global admin what the tenant's applications need.
        var applications = await admin.GetAsync("/ApiApplications");
        Assert.Equal($"{OidcServer.ClientId}/.default", applications.Find("[data-testid=entra-scope]")?.TextContent);
        Assert.Contains(tenant.ToString(), applications.Find("[data-testid=entra-applications]")!.TextContent, StringComparison.Ordinal);

        var onboarding = Oidc.RegisterApplication(tenant, PartnerRole.AdminAgent, "Some.Other.Permission");
        using var api = Api(await EntraTokenAsync(onboarding));

        // Its own partner's customers, and no one else's.
        var names = await CustomerNamesAsync(api);
        Assert.Contains("Adatum Corporation", names);
        Assert.DoesNotContain("Relecloud", names);

        // Microsoft's Graph SDK creates a relationship with it, as an Admin agent may; the audit log names the application.
        var graph = new GraphServiceClient(api, new AnonymousAuthenticationProvider(), BaseUrl + "/v1.0");
        var created = await graph.TenantRelationships.DelegatedAdminRelationships.PostAsync(new DelegatedAdminRelationship
        {
            DisplayName = "Entra onboarding",
            Duration = TimeSpan.FromDays(90),
            AccessDetails = new DelegatedAdminAccessDetails { UnifiedRoles = [new UnifiedRole { RoleDefinitionId = Role("Helpdesk Administrator").ToString() }] },
            AutoExtendDuration = TimeSpan.Zero,
        });
        Assert.Equal(DelegatedAdminRelationshipStatus.Created, created!.Status);
        await using (var db = TestDatabase.OpenSystemContext(Factory.ConnectionString))
        {
            var actor = await db.AuditEntries.Where(a => a.Subject == "Entra onboarding").Select(a => a.Actor).FirstAsync();
            Assert.Equal($"Microsoft Entra application {onboarding.ClientId} (tenant {tenant})", actor);
        }

        // Retried in parallel with one idempotency key, a create makes one relationship (the key is kept per tenant and application).
        async Task<HttpStatusCode> CreateOnceAsync()
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/v1.0/tenantRelationships/delegatedAdminRelationships")
            {
                Content = JsonContent.Create(new { displayName = "Entra retried", duration = "P30D", accessDetails = new { unifiedRoles = new[] { new { roleDefinitionId = Role("Helpdesk Administrator").ToString() } } } }),
            };
            request.Headers.Add("Idempotency-Key", "entra-retry-1");
            using var response = await api.SendAsync(request);
            return response.StatusCode;
        }

        var statuses = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => CreateOnceAsync()));
        Assert.All(statuses, s => Assert.Equal(HttpStatusCode.Created, s));
        await using (var db = TestDatabase.OpenSystemContext(Factory.ConnectionString))
        {
            Assert.Equal(1, await db.AdminRelationships.CountAsync(r => r.DisplayName == "Entra retried"));
        }

        // The same tenant's application with only a Sales agent's role may read but not ask for admin rights.
        var sales = Oidc.RegisterApplication(tenant, PartnerRole.SalesAgent);
        using var salesApi = Api(await EntraTokenAsync(sales));
        Assert.Contains("Adatum Corporation", await CustomerNamesAsync(salesApi));
        var forbidden = await Assert.ThrowsAsync<ODataError>(() => new GraphServiceClient(salesApi, new AnonymousAuthenticationProvider(), BaseUrl + "/v1.0")
            .TenantRelationships.DelegatedAdminRelationships.PostAsync(new DelegatedAdminRelationship
            {
                DisplayName = "Not mine to ask",
                Duration = TimeSpan.FromDays(30),
                AccessDetails = new DelegatedAdminAccessDetails { UnifiedRoles = [new UnifiedRole { RoleDefinitionId = Role("Helpdesk Administrator").ToString() }] },
            }));
        Assert.Equal(403, forbidden.ResponseStatusCode);
        Assert.Equal("Forbidden", forbidden.Error!.Code);

        // An application given no portal role gets nothing.
        using var roleless = Api(await EntraTokenAsync(Oidc.RegisterApplication(tenant, "Some.Other.Permission")));
        using (var refused = await roleless.GetAsync("/v1/customers"))
        {
            Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
            Assert.Equal("Forbidden", (await refused.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errorName").GetString());
        }

        // Unlinking the tenant stops the token in hand at once.
        await admin.SubmitAsync(await admin.GetAsync("/MicrosoftSignIn"), "form[action$='handler=Unlink']");
        var unlinked = await RefusalAsync(api);
        Assert.Equal(HttpStatusCode.Unauthorized, unlinked.Status);
        Assert.Equal("InvalidAuthenticationToken", unlinked.Code);
        Assert.Contains($"tenant {tenant} is not linked to a partner", unlinked.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Tokens_of_another_tenant_cloud_or_audience_on_behalf_of_a_person_or_spoiled_are_refused_with_their_reason()
    {
        var tenant = Guid.NewGuid();
        await LinkAsync(Partner("contoso", PartnerRole.GlobalAdmin), tenant);
        var application = Oidc.RegisterApplication(tenant, PartnerRole.GlobalAdmin);

        async Task<string> RefusedAsync(string token)
        {
            using var api = Api(token);
            var (status, code, message) = await RefusalAsync(api);
            Assert.Equal(HttpStatusCode.Unauthorized, status);
            Assert.Equal("InvalidAuthenticationToken", code);
            return message;
        }

        // A tenant nobody linked, and one a customer linked: neither acts for a partner.
        var stranger = Oidc.RegisterApplication(Guid.NewGuid(), PartnerRole.GlobalAdmin);
        Assert.Contains("is not linked to a partner", await RefusedAsync(await EntraTokenAsync(stranger)), StringComparison.Ordinal);
        var customerTenant = Guid.NewGuid();
        await LinkAsync(CustomerAdmin("adatum"), customerTenant);
        Assert.Contains("is not linked to a partner", await RefusedAsync(await EntraTokenAsync(Oidc.RegisterApplication(customerTenant, PartnerRole.GlobalAdmin))), StringComparison.Ordinal);

        // The partner works in the public cloud: a token from US Government's Entra ID does not speak for it.
        Assert.Contains("request the token from that cloud's Microsoft Entra ID", await RefusedAsync(await EntraTokenAsync(application, "usgovernment")), StringComparison.Ordinal);

        // On behalf of a person (delegated, "scp"): refused, the portal cannot see a multi-factor sign-in in it.
        Assert.Contains("not tokens on behalf of a person", await RefusedAsync(Oidc.AccessToken("global", tenant, application.ClientId, [PartnerRole.GlobalAdmin], scope: "user_impersonation")), StringComparison.Ordinal);

        // Spoiled tokens: each says what is wrong, and none reaches the partner's data.
        Oidc.Fault = TokenFault.Expired;
        Assert.Equal("The Microsoft Entra token has expired.", await RefusedAsync(Oidc.AccessToken("global", tenant, application.ClientId, [PartnerRole.GlobalAdmin])));
        Oidc.Fault = TokenFault.WrongAudience;
        Assert.Contains("is not for PartnerPortal's API", await RefusedAsync(Oidc.AccessToken("global", tenant, application.ClientId, [PartnerRole.GlobalAdmin])), StringComparison.Ordinal);
        Oidc.Fault = TokenFault.BadSignature;
        Assert.Equal("The Microsoft Entra token's signature does not verify.", await RefusedAsync(Oidc.AccessToken("global", tenant, application.ClientId, [PartnerRole.GlobalAdmin])));
        Oidc.Fault = TokenFault.WrongIssuer;
        Assert.Equal("The Microsoft Entra token's issuer is not the authority it names.", await RefusedAsync(Oidc.AccessToken("global", tenant, application.ClientId, [PartnerRole.GlobalAdmin])));
        Oidc.Fault = TokenFault.None;

        // A JWT from nowhere the portal trusts, and garbage, fall to the portal's own scheme and are refused there.
        Assert.Contains("/oauth2/token", await RefusedAsync("eyJhbGciOiJub25lIn0.eyJpc3MiOiJodHRwczovL2V2aWwuZXhhbXBsZS8ifQ."), StringComparison.Ordinal);
        Assert.Contains("/oauth2/token", await RefusedAsync("not-a-token"), StringComparison.Ordinal);

        // The unspoiled token works, so each refusal above was for its own reason.
        using var good = Api(await EntraTokenAsync(application));
        Assert.Contains("Adatum Corporation", await CustomerNamesAsync(good));
    }
}
