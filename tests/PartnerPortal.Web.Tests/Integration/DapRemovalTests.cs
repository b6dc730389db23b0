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
}
