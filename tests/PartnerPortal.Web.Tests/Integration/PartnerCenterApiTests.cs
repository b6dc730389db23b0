using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using PartnerPortal.Domain.Access;
using PartnerPortal.Web.Tests.Infrastructure;

namespace PartnerPortal.Web.Tests.Integration;

/// <summary>
/// Issue 12 part 2: the seeds' operations in Partner Center's REST shape, against the real app and PostgreSQL: customers paged
/// with a continuation token to the end of 10,000, the relationship request link by the cloud's rule, indirect resellers, a
/// customer's subscriptions, and a quantity and reseller change with ETag conflicts; the same refusals as the pages.
/// </summary>
public class PartnerCenterApiTests(PortalFixture portal) : IClassFixture<PortalFixture>
{
    private Task<HttpClient> ApiAsync(string partnerSlug, params string[] roles) => ApiClients.RegisteredAsync(portal.Factory, partnerSlug, roles);

    [Fact]
    public async Task Customers_page_with_a_continuation_token_to_the_end_of_10000()
    {
        await using (var db = portal.Db())
        {
            // 10,000 customers for Contoso Deutschland, the same way the benchmark builds its data.
            await db.Database.ExecuteSqlRawAsync("""
                WITH made AS (
                  SELECT gen_random_uuid() AS id, 'Paged customer ' || lpad(n::text, 5, '0') AS name, 'paged' || n AS domain FROM generate_series(1, 10000) AS n),
                c AS (
                  INSERT INTO "Customers" ("Id", "CompanyName", "Domain", "Country", "Cloud", "CreatedAt", "AddressLine1", "City", "PostalCode", "ContactName", "ContactEmail", "ContactPhone", "AgreementVersion", "AgreementAcceptedBy", "AgreementAcceptedAt")
                  SELECT id, name, domain || '.onmicrosoft.de', 'DE', 'Germany', now(), '1 Main', 'Berlin', '10115', 'IT', 'it@' || domain || '.example', '+49 30 0100', 'MCA-DE-2020-03', 'admin', now() FROM made
                  RETURNING "Id", "CompanyName", "Domain")
                INSERT INTO "CustomerRelationships" ("Id", "CustomerId", "CustomerName", "CustomerDomain", "PartnerId", "EstablishedAt")
                SELECT gen_random_uuid(), c."Id", c."CompanyName", c."Domain", (SELECT "Id" FROM "Partners" WHERE "MpnId" = '1000003'), now() FROM c
                """);
        }

        using var http = await ApiAsync("contosode", PartnerRole.AdminAgent);
        var seen = new List<string>();
        string? token = null;
        var calls = 0;
        do
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, token is null ? "/v1/customers?size=500" : "/v1/customers?size=500&seekOperation=Next");
            if (token is not null)
            {
                request.Headers.Add("MS-ContinuationToken", token);
            }

            using var response = await http.SendAsync(request);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var body = await response.Content.ReadFromJsonAsync<JsonElement>();
            seen.AddRange(body.GetProperty("items").EnumerateArray().Select(c => c.GetProperty("companyProfile").GetProperty("companyName").GetString()!));
            token = body.TryGetProperty("links", out var links) ? links.GetProperty("next").GetProperty("headers")[0].GetProperty("value").GetString() : null;
            calls++;
        }
        while (token is not null && calls < 100);

        Assert.Equal(10001, seen.Count); // and the demo's Fourth Coffee GmbH
        Assert.Equal(seen.Count, seen.Distinct().Count());
        Assert.Equal(seen.Order(StringComparer.Ordinal), seen);
        Assert.Equal(21, calls);

        using var altered = new HttpRequestMessage(HttpMethod.Get, "/v1/customers?size=10&seekOperation=Next");
        altered.Headers.Add("MS-ContinuationToken", "not-a-token");
        using var refused = await http.SendAsync(altered);
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Equal("InvalidContinuationToken", (await refused.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errorName").GetString());
    }

    [Fact]
    public async Task Relationship_link_follows_the_cloud_rule_and_other_organizations_customers_are_not_found()
    {
        using var contoso = await ApiAsync("contoso", PartnerRole.AdminAgent);
        var link = await contoso.GetFromJsonAsync<JsonElement>("/v1/customers/relationshiprequests?includeDelegatedAdmin=false");
        Assert.Contains("/AdminCenter/Invitation/", link.GetProperty("url").GetString());
        Assert.False(link.GetProperty("includesDelegatedAdmin").GetBoolean());

        // US Government: delegated admin cannot be cleared; asking without it is refused as the page's rule refuses it.
        using var federal = await ApiAsync("contosogov", PartnerRole.AdminAgent);
        using var withoutDap = await federal.GetAsync("/v1/customers/relationshiprequests?includeDelegatedAdmin=false");
        Assert.Equal(HttpStatusCode.BadRequest, withoutDap.StatusCode);
        var gov = await federal.GetFromJsonAsync<JsonElement>("/v1/customers/relationshiprequests");
        Assert.True(gov.GetProperty("includesDelegatedAdmin").GetBoolean());

        // A Sales agent may invite without delegated admin only.
        using var sales = await ApiAsync("contoso", PartnerRole.SalesAgent);
        using var withDap = await sales.GetAsync("/v1/customers/relationshiprequests?includeDelegatedAdmin=true");
        Assert.Equal(HttpStatusCode.Forbidden, withDap.StatusCode);
        Assert.Equal("DelegatedAdminNotAllowedForRole", (await withDap.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errorName").GetString());

        await using var db = portal.Db();
        var relecloud = await db.Customers.Where(c => c.Domain.StartsWith("relecloud.")).Select(c => c.Id).SingleAsync();
        Assert.Equal(HttpStatusCode.NotFound, (await contoso.GetAsync($"/v1/customers/{relecloud}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await contoso.GetAsync($"/v1/customers/{relecloud}/subscriptions")).StatusCode);
    }

    [Fact]
    public async Task Indirect_resellers_subscriptions_and_a_quantity_and_reseller_change_with_ETags()
    {
        using var fabrikam = await ApiAsync("fabrikam", PartnerRole.AdminAgent);
        var resellers = await fabrikam.GetFromJsonAsync<JsonElement>("/v1/relationships?relationship_type=IsIndirectCloudSolutionProviderOf");
        var mpns = resellers.GetProperty("items").EnumerateArray().Select(r => r.GetProperty("mpnId").GetString()).ToList();
        Assert.Contains("3000001", mpns);
        Assert.DoesNotContain("3000003", mpns);

        await using var db = portal.Db();
        var relecloud = await db.Customers.Where(c => c.Domain.StartsWith("relecloud.")).Select(c => c.Id).SingleAsync();
        var customer = await fabrikam.GetFromJsonAsync<JsonElement>($"/v1/customers/{relecloud}");
        Assert.Equal("Relecloud", customer.GetProperty("companyProfile").GetProperty("companyName").GetString());
        Assert.Equal("3000001", customer.GetProperty("associatedPartnerId").GetString());

        var subscriptions = await fabrikam.GetFromJsonAsync<JsonElement>($"/v1/customers/{relecloud}/subscriptions");
        var first = subscriptions.GetProperty("items")[0];
        var id = first.GetProperty("id").GetString();
        using var read = await fabrikam.GetAsync($"/v1/customers/{relecloud}/subscriptions/{id}");
        var etag = read.Headers.ETag!.ToString();

        async Task<HttpResponseMessage> PatchAsync(object body, string? ifMatch)
        {
            using var request = new HttpRequestMessage(HttpMethod.Patch, $"/v1/customers/{relecloud}/subscriptions/{id}") { Content = JsonContent.Create(body) };
            if (ifMatch is not null)
            {
                request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
            }

            return await fabrikam.SendAsync(request);
        }

        using var changed = await PatchAsync(new { quantity = 30 }, etag);
        Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
        Assert.Equal(30, (await changed.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("quantity").GetInt32());

        // The ETag read before that change is stale now: refused, nothing saved.
        using var stale = await PatchAsync(new { quantity = 40 }, etag);
        Assert.Equal(HttpStatusCode.PreconditionFailed, stale.StatusCode);
        Assert.Equal(30, await db.Subscriptions.Where(s => s.Id == Guid.Parse(id!)).Select(s => s.Quantity).SingleAsync());

        // The same rules as the page: a reseller that is not partnered with Fabrikam is refused.
        using var notPartnered = await PatchAsync(new { partnerId = "3000003" }, null);
        Assert.Equal(HttpStatusCode.BadRequest, notPartnered.StatusCode);
        using var badQuantity = await PatchAsync(new { quantity = 0 }, null);
        Assert.Equal(HttpStatusCode.BadRequest, badQuantity.StatusCode);
        Assert.True(await db.AuditEntries.AnyAsync(a => a.Action == "SubscriptionUpdated" && a.Actor.Contains("(application ")));

        // Contoso cannot touch Fabrikam's subscription.
        using var contoso = await ApiAsync("contoso", PartnerRole.AdminAgent);
        using var foreign = new HttpRequestMessage(HttpMethod.Patch, $"/v1/customers/{relecloud}/subscriptions/{id}") { Content = JsonContent.Create(new { quantity = 1 }) };
        Assert.Equal(HttpStatusCode.NotFound, (await contoso.SendAsync(foreign)).StatusCode);
        Assert.Equal(30, await db.Subscriptions.Where(s => s.Id == Guid.Parse(id!)).Select(s => s.Quantity).SingleAsync());
    }

    [Fact]
    public async Task The_OpenAPI_document_describes_both_shapes_and_the_reference_page_renders_it()
    {
        using var anonymous = portal.Factory.CreateClient();
        var document = await anonymous.GetFromJsonAsync<JsonElement>("/openapi/v1.json");
        var paths = document.GetProperty("paths").EnumerateObject().Select(p => p.Name).ToList();
        Assert.Contains("/v1.0/tenantRelationships/delegatedAdminRelationships", paths);
        Assert.Contains("/v1.0/tenantRelationships/delegatedAdminRelationships/{id}/accessAssignments", paths);
        Assert.Contains("/v1/customers", paths);
        Assert.Contains("/v1/customers/{customerId}/subscriptions/{id}", paths);
        Assert.Contains("/oauth2/token", paths);
        var schemas = document.GetProperty("components").GetProperty("schemas");
        JsonElement Schema(JsonElement content) => schemas.GetProperty(content.GetProperty("application/json").GetProperty("schema").GetProperty("$ref").GetString()!.Split('/')[^1]);

        // The create: its request body and its answers, each with a schema and an example of that schema's own properties.
        var create = document.GetProperty("paths").GetProperty("/v1.0/tenantRelationships/delegatedAdminRelationships").GetProperty("post");
        var request = Schema(create.GetProperty("requestBody").GetProperty("content"));
        Assert.Equal("P730D", request.GetProperty("examples")[0].GetProperty("duration").GetString());
        var created = Schema(create.GetProperty("responses").GetProperty("201").GetProperty("content"));
        Assert.True(created.GetProperty("properties").TryGetProperty("@odata.etag", out _));
        foreach (var property in created.GetProperty("examples")[0].EnumerateObject())
        {
            Assert.True(created.GetProperty("properties").TryGetProperty(property.Name, out _), property.Name);
        }

        var refused = Schema(create.GetProperty("responses").GetProperty("400").GetProperty("content"));
        Assert.Equal("autoExtendNotAllowedWithGlobalAdministrator", refused.GetProperty("examples")[0].GetProperty("error").GetProperty("code").GetString());

        // Every API operation names its answer and the refused token's 401.
        foreach (var path in document.GetProperty("paths").EnumerateObject().Where(p => p.Name.StartsWith("/v1", StringComparison.Ordinal)))
        {
            foreach (var operation in path.Value.EnumerateObject())
            {
                var responses = operation.Value.GetProperty("responses").EnumerateObject().Select(r => r.Name).ToList();
                Assert.Contains("401", responses);
                Assert.Contains(responses, r => r.StartsWith('2'));
            }
        }

        // A Partner Center list: a collection of customers, paged by links.next.
        var customers = Schema(document.GetProperty("paths").GetProperty("/v1/customers").GetProperty("get").GetProperty("responses").GetProperty("200").GetProperty("content"));
        Assert.True(customers.GetProperty("properties").TryGetProperty("links", out _));
        Assert.Equal("Adatum Corporation", schemas.GetProperty("CustomerResource").GetProperty("examples")[0].GetProperty("companyProfile").GetProperty("companyName").GetString());
        using var reference = await anonymous.GetAsync("/scalar/");
        Assert.Equal(HttpStatusCode.OK, reference.StatusCode);
        Assert.Contains("PartnerPortal API", await reference.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task An_indirect_provider_creates_a_customer_for_its_reseller_once_per_idempotency_key()
    {
        using var fabrikam = await ApiAsync("fabrikam", PartnerRole.AdminAgent);
        object Body(string reseller) => new
        {
            companyProfile = new { domain = "apicreated.onmicrosoft.com", companyName = "Api Created Ltd" },
            billingProfile = new
            {
                email = "it@apicreated.example",
                defaultAddress = new { country = "US", city = "Redmond", state = "WA", addressLine1 = "1 Way", postalCode = "98052", firstName = "Tania", lastName = "Carr", phoneNumber = "+1 425 555 0101" },
            },
            associatedPartnerId = reseller,
        };

        async Task<HttpResponseMessage> PostAsync(object body, string key)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/customers") { Content = JsonContent.Create(body) };
            request.Headers.Add("Idempotency-Key", key);
            return await fabrikam.SendAsync(request);
        }

        // Wide World is not partnered with Fabrikam: refused as the wizard refuses it, nothing created.
        using var notPartnered = await PostAsync(Body("3000003"), "create-1");
        Assert.Equal(HttpStatusCode.BadRequest, notPartnered.StatusCode);
        Assert.Contains("Choose one of your partnered indirect resellers.", (await notPartnered.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("description").GetString());

        var responses = await Task.WhenAll(PostAsync(Body("3000001"), "create-2"), PostAsync(Body("3000001"), "create-2"));
        Assert.All(responses, r => Assert.Equal(HttpStatusCode.Created, r.StatusCode));
        var bodies = await Task.WhenAll(responses.Select(r => r.Content.ReadFromJsonAsync<JsonElement>()));
        Assert.Single(bodies.Select(b => b.GetProperty("id").GetString()).Distinct());
        Assert.Equal("3000001", bodies[0].GetProperty("associatedPartnerId").GetString());
        Assert.Equal("admin@apicreated.onmicrosoft.com", bodies[0].GetProperty("userCredentials").GetProperty("userName").GetString());
        Assert.Single(bodies, b => b.GetProperty("userCredentials").GetProperty("password").ValueKind == JsonValueKind.String);

        await using var db = portal.Db();
        Assert.Equal(1, await db.Customers.CountAsync(c => c.Domain == "apicreated.onmicrosoft.com"));

        // A direct-bill partner's application may not.
        using var contoso = await ApiAsync("contoso", PartnerRole.AdminAgent);
        using var forbidden = await contoso.PostAsync("/v1/customers", JsonContent.Create(Body("3000001")));
        Assert.Equal(HttpStatusCode.Forbidden, forbidden.StatusCode);
    }

    [Theory]
    [InlineData("companyName", "Evil\u0000Corp", "UnreadableText")]
    [InlineData("companyName", "Evil\r\nBcc: all@example.com", "UnreadableText")]
    [InlineData("companyName", "\u202EKLM Corp", "UnreadableText")]
    [InlineData("email", "it@nodot", "InvalidEmail")]
    [InlineData("email", "", "ContactEmailRequired")]
    [InlineData("domain", " \t", "DomainPrefixRequired")]
    [InlineData("phoneNumber", "call me", "InvalidPhone")]
    public async Task The_API_refuses_the_values_the_wizard_refuses_with_a_code_and_stores_nothing(string field, string value, string errorName)
    {
        using var fabrikam = await ApiAsync("fabrikam", PartnerRole.AdminAgent);
        var domain = field == "domain" ? value : "apihostile" + Guid.NewGuid().ToString("N")[..8] + ".onmicrosoft.com";
        var body = new
        {
            companyProfile = new { domain, companyName = field == "companyName" ? value : "Hostile Input Ltd" },
            billingProfile = new
            {
                email = field == "email" ? value : "it@hostile.example",
                defaultAddress = new { country = "US", city = "Redmond", state = "WA", addressLine1 = "1 Way", postalCode = "98052", firstName = "Tania", lastName = "Carr", phoneNumber = field == "phoneNumber" ? value : "+1 425 555 0101" },
            },
            associatedPartnerId = "3000001",
        };
        await using var db = portal.Db();
        var before = await db.Customers.CountAsync();

        using var refused = await fabrikam.PostAsync("/v1/customers", JsonContent.Create(body));

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        var error = await refused.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(errorName, error.GetProperty("errorName").GetString());
        Assert.False(string.IsNullOrWhiteSpace(error.GetProperty("description").GetString()));
        Assert.Equal(before, await db.Customers.CountAsync());
    }

    [Fact]
    public async Task Reads_report_the_callers_own_relationship_and_only_subscriptions_it_sells_or_resells()
    {
        using var fabrikam = await ApiAsync("fabrikam", PartnerRole.AdminAgent);
        var domain = "shared" + Guid.NewGuid().ToString("N")[..8];
        using var created = await fabrikam.PostAsync("/v1/customers", JsonContent.Create(new
        {
            companyProfile = new { domain = domain + ".onmicrosoft.com", companyName = "Shared Customer Ltd" },
            billingProfile = new
            {
                email = "it@shared.example",
                defaultAddress = new { country = "US", city = "Redmond", state = "WA", addressLine1 = "1 Way", postalCode = "98052", firstName = "Tania", lastName = "Carr", phoneNumber = "+1 425 555 0101" },
            },
            associatedPartnerId = "3000001",
        }));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var customerId = Guid.Parse((await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!);

        // The same customer also accepts Contoso (direct bill), which sells it a subscription of its own.
        await using (var db = portal.Db())
        {
            var customer = await db.CustomerAggregates.SingleAsync(c => c.Id == customerId);
            var contosoPartner = await db.Partners.SingleAsync(p => p.MpnId == "1000001");
            if (!customer.HasAcceptedCustomerAgreement)
            {
                customer.AcceptCustomerAgreement("admin@" + domain + ".onmicrosoft.com", DateTimeOffset.UtcNow);
            }

            Assert.True(customer.AcceptResellerRelationship(contosoPartner, contosoPartner, false, new HashSet<Domain.Relationships.DelegatedAdminService>(), DateTimeOffset.UtcNow).Succeeded);
            var offer = await db.Offers.FirstAsync(o => o.Cloud == Domain.Clouds.Cloud.Public && o.Name == "Microsoft 365 E3");
            db.Subscriptions.Add(Domain.Catalog.Subscription.Create(customer, contosoPartner, offer, 3, null, null, DateTimeOffset.UtcNow).Value!);
            await db.SaveChangesAsync();
        }

        using var contoso = await ApiAsync("contoso", PartnerRole.AdminAgent);
        var asContoso = await contoso.GetFromJsonAsync<JsonElement>($"/v1/customers/{customerId}");
        var asFabrikam = await fabrikam.GetFromJsonAsync<JsonElement>($"/v1/customers/{customerId}");
        Assert.Equal(JsonValueKind.Null, asContoso.GetProperty("associatedPartnerId").ValueKind);
        Assert.Equal("3000001", asFabrikam.GetProperty("associatedPartnerId").GetString());

        var contosoSubscriptions = (await contoso.GetFromJsonAsync<JsonElement>($"/v1/customers/{customerId}/subscriptions")).GetProperty("items");
        var fabrikamSubscriptions = (await fabrikam.GetFromJsonAsync<JsonElement>($"/v1/customers/{customerId}/subscriptions")).GetProperty("items");
        Assert.Equal(1, contosoSubscriptions.GetArrayLength());
        Assert.Equal(0, fabrikamSubscriptions.GetArrayLength());
        var contosoSubscription = contosoSubscriptions[0].GetProperty("id").GetString();
        Assert.Equal(HttpStatusCode.OK, (await contoso.GetAsync($"/v1/customers/{customerId}/subscriptions/{contosoSubscription}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await fabrikam.GetAsync($"/v1/customers/{customerId}/subscriptions/{contosoSubscription}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await fabrikam.GetAsync($"/v1/customers/{Guid.NewGuid()}/subscriptions/{contosoSubscription}")).StatusCode);
    }
}
