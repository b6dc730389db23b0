using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using PartnerPortal.Domain.Access;

namespace PartnerPortal.Web.Tests.Infrastructure;

/// <summary>What a partner's script starts with: an application registered on API applications, and a bearer token for it.</summary>
public static class ApiClients
{
    /// <summary>
    /// Signs in as the partner's Global admin, registers an application with <paramref name="roles"/>, takes a token with the
    /// client-credentials grant, and returns a client of the portal that sends it.
    /// </summary>
    public static async Task<HttpClient> RegisteredAsync(PortalFactory factory, string partnerSlug, params string[] roles)
    {
        using var admin = new PortalClient(factory);
        await admin.SignInAsync(Flows.Partner(partnerSlug, PartnerRole.GlobalAdmin));
        var registered = await admin.SubmitAsync(await admin.GetAsync("/ApiApplications"), "#register-application",
            new Dictionary<string, object?> { ["Name"] = "Script " + Guid.NewGuid().ToString("N")[..6], ["Roles"] = roles });
        var http = factory.CreateClient();
        using var token = await http.PostAsync(new Uri("/oauth2/token", UriKind.Relative), new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials",
            ["client_id"] = registered.Find("[data-testid=client-id]")!.TextContent,
            ["client_secret"] = registered.Find("[data-testid=client-secret]")!.TextContent,
        }));
        var body = await token.Content.ReadFromJsonAsync<JsonElement>();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", body.GetProperty("access_token").GetString());
        return http;
    }
}
