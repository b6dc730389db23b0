using Microsoft.EntityFrameworkCore;
using PartnerPortal.Web.Seeding;
using PartnerPortal.Web.Tests.Infrastructure;

namespace PartnerPortal.Web.Tests.Integration;

/// <summary>
/// Issue 19, Replace DAP with GDAP's last step: once a granular relationship is in force, Access health offers removing the
/// partner's DAP, and the click removes it once. Its own portal: it changes the demo customer the onboarding tests read.
/// </summary>
public class DapRemovalTests(GdapPortal portal) : IClassFixture<GdapPortal>
{
    private Task<PortalClient> SignedInAsync(string email) => OnboardingFlows.SignedInAsync(portal, email);

    [Fact]
    public async Task Once_a_granular_relationship_is_in_force_Access_health_offers_removing_DAP_and_the_click_removes_it_once()
    {
        // Contoso Federal holds DAP for the City of Redmond; the relationship replacing it is approved.
        await portal.ArrangeActiveAsync("1000002", "redmondcity", "Redmond replaces DAP", TimeSpan.FromDays(80));
        using var government = await SignedInAsync(DemoDirectory.PartnerUserEmail("contosogov", Domain.Access.PartnerRole.AdminAgent));
        var redmond = DemoDirectory.CustomerAdminEmail(DemoDirectory.Customers.Single(c => c.DomainPrefix == "redmondcity")).Split('@')[1];
        var health = await government.GetAsync("/AccessHealth?Problem=DapBesideGdap");
        var row = health.Find($"tr[data-problem=DapBesideGdap][data-domain='{redmond}']");
        Assert.NotNull(row);
        Assert.Contains("Redmond replaces DAP", row!.TextContent, StringComparison.Ordinal);
        Assert.Null((await government.GetAsync("/AccessHealth?Problem=DapWithoutGdap")).Find($"tr[data-domain='{redmond}']"));

        // Remove DAP, twice at once (a double click): removed and audited once; the row is gone.
        var posts = await Task.WhenAll(
            government.SubmitAsync(health, $"tr[data-problem=DapBesideGdap][data-domain='{redmond}'] form"),
            government.SubmitAsync(health, $"tr[data-problem=DapBesideGdap][data-domain='{redmond}'] form"));
        Assert.Contains(posts, p => p.Text.Contains("Delegated admin privileges removed for City of Redmond.", StringComparison.Ordinal));
        Assert.Contains(posts, p => p.Errors.Contains("You hold no delegated admin privileges (DAP) for this customer any more: nothing was changed."));
        Assert.Null((await government.GetAsync("/AccessHealth?Problem=DapBesideGdap")).Find($"tr[data-domain='{redmond}']"));
        await using var db = portal.Db();
        var customer = await db.Customers.Include(c => c.DelegatedAdminGrants).SingleAsync(c => c.Domain == redmond);
        var federal = await db.Partners.SingleAsync(p => p.MpnId == "1000002");
        Assert.DoesNotContain(customer.DelegatedAdminGrants, g => g.PartnerId == federal.Id && g.RevokedAt == null);
        Assert.Equal(1, await db.AuditEntries.CountAsync(a => a.Action == "DelegatedAdminRemoved" && a.CustomerId == customer.Id && a.PartnerId == federal.Id));

        // Another partner naming this customer: not found.
        using var contoso = await SignedInAsync(DemoDirectory.PartnerUserEmail("contoso", Domain.Access.PartnerRole.AdminAgent));
        var theirs = await contoso.GetAsync("/AccessHealth");
        var foreign = await contoso.PostRawAsync(theirs, $"/AccessHealth?handler=RemoveDap&customer={customer.Id}", new Dictionary<string, string>());
        Assert.Equal(System.Net.HttpStatusCode.NotFound, foreign.Status);
    }

    [Fact]
    public async Task One_problems_rows_page_beyond_the_first_200()
    {
        // 230 customers of Fabrikam with no admin relationship.
        await portal.ArrangeCustomersAsync("2000001", "Healthpage", "healthpage", 230);

        using var fabrikam = await SignedInAsync(DemoDirectory.PartnerUserEmail("fabrikam", Domain.Access.PartnerRole.AdminAgent));
        static List<string> Domains(Page page) => page.FindAll("tr[data-problem=NoRelationship]").Select(r => r.GetAttribute("data-domain")!).Where(d => d.StartsWith("healthpage", StringComparison.Ordinal)).ToList();
        var first = await fabrikam.GetAsync("/AccessHealth?Problem=NoRelationship&q=healthpage");
        Assert.Equal(200, Domains(first).Count);
        var next = first.Find("[data-testid=health-pager] a[rel=next]")!.GetAttribute("href")!;
        var second = await fabrikam.GetAsync("/AccessHealth" + next);
        Assert.Equal(30, Domains(second).Count);
        Assert.Empty(Domains(first).Intersect(Domains(second)));
        Assert.Null(second.Find("[data-testid=health-pager] a[rel=next]"));
        Assert.NotNull(second.Find("[data-testid=health-pager] a[rel=prev]"));

        // A page past the end shows no rows, not an error; a nonsense page number reads as the first.
        Assert.Empty(Domains(await fabrikam.GetAsync("/AccessHealth?Problem=NoRelationship&q=healthpage&p=9")));
        Assert.Equal(200, Domains(await fabrikam.GetAsync("/AccessHealth?Problem=NoRelationship&q=healthpage&p=-4")).Count);
    }
}
