using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using PartnerPortal.Domain.Access;
using PartnerPortal.Web.Tests.Infrastructure;

namespace PartnerPortal.Web.Tests.Integration;

/// <summary>A portal whose API allows three requests a minute per application.</summary>
public sealed class LowApiLimitPortal() : IsolatedPortal(new Dictionary<string, string?> { ["Api:RequestsPerMinute"] = "3" });

/// <summary>The per-application API limit: past it, Graph's 429 with Retry-After and a message that says what to do; other applications are not affected.</summary>
public class ApiRateLimitTests(LowApiLimitPortal portal) : IClassFixture<LowApiLimitPortal>
{
    private Task<HttpClient> ApiAsync() => ApiClients.RegisteredAsync(portal.Factory, "contoso", PartnerRole.AdminAgent);

    [Fact]
    public async Task The_fourth_request_in_a_minute_is_refused_with_Retry_After_and_another_application_goes_on()
    {
        using var api = await ApiAsync();
        for (var i = 0; i < 3; i++)
        {
            using var ok = await api.GetAsync(new Uri("/v1.0/tenantRelationships/delegatedAdminRelationships", UriKind.Relative));
            Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        }

        using var refused = await api.GetAsync(new Uri("/v1.0/tenantRelationships/delegatedAdminRelationships", UriKind.Relative));
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.True(refused.Headers.RetryAfter?.Delta > TimeSpan.Zero);
        var error = (await refused.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("error");
        Assert.Equal("TooManyRequests", error.GetProperty("code").GetString());
        Assert.Contains("Nothing was changed", error.GetProperty("message").GetString(), StringComparison.Ordinal);

        using var other = await ApiAsync();
        using var fine = await other.GetAsync(new Uri("/v1.0/tenantRelationships/delegatedAdminRelationships", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, fine.StatusCode);
    }
}
