using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PartnerPortal.Domain.Access;
using PartnerPortal.Domain.Invitations;
using PartnerPortal.Web.Features.Onboarding;
using PartnerPortal.Web.Tests.Infrastructure;
using static PartnerPortal.Web.Tests.Infrastructure.Flows;

namespace PartnerPortal.Web.Tests.Integration;

/// <summary>A GDAP portal whose job also sends the daily Access health digest.</summary>
public class DigestPortal : GdapPortal
{
    protected override bool DigestEnabled => true;
}

/// <summary>
/// Issue 19, the daily digest of new Access health problems: to the partner's Global admins and Admin agents, each in their own
/// language, once per problem, once per day even when two nodes run it at once, through the outbox and a real SMTP server.
/// </summary>
public class AccessHealthDigestTests(DigestPortal portal) : IClassFixture<DigestPortal>
{
    private async Task<List<SentInvitation>> ContosoDigestsAsync()
    {
        await using var db = portal.Db();
        var contoso = await db.Partners.SingleAsync(p => p.MpnId == "1000001");
        return await db.SentInvitations.AsNoTracking().Where(s => s.PartnerId == contoso.Id && s.Kind == InvitationKind.AccessHealthDigest).OrderBy(s => s.SentAt).ToListAsync();
    }

    [Fact]
    public async Task Each_new_problem_is_told_once_in_each_recipients_language_and_two_nodes_send_one_digest()
    {
        // Today's digest (the host's own run at start, or this one): Contoso's staff hear of the demo's problems, among them
        // "Adatum licensing", which ends in 5 days with auto-extend off.
        await portal.RunJobAsync();
        await portal.OutboxDrainedAsync();
        var first = await ContosoDigestsAsync();
        var english = Assert.Single(first);
        Assert.Equal("en", english.Language);
        Assert.Contains(Partner("contoso", PartnerRole.GlobalAdmin), english.Recipients, StringComparison.Ordinal);
        Assert.Contains(Partner("contoso"), english.Recipients, StringComparison.Ordinal);
        Assert.DoesNotContain(Partner("contoso", PartnerRole.SalesAgent), english.Recipients, StringComparison.Ordinal);
        Assert.Contains("Adatum Corporation (adatum.onmicrosoft.com): Ending within 30 days, auto-extend off - Adatum licensing", english.Body, StringComparison.Ordinal);
        Assert.Contains(portal.Smtp.Bodies(), b => b.Contains("Ending within 30 days, auto-extend off - Adatum licensing", StringComparison.Ordinal));

        // The same day again: nothing more.
        Assert.Equal(0, (await portal.RunJobAsync()).Digests);

        // The Admin agent switches the portal to Russian; the emails to them follow.
        using var agent = portal.NewClient();
        await agent.SignInAsync(Partner("contoso"));
        var home = await agent.GetAsync("/");
        await agent.PostRawAsync(home, "/Language", new Dictionary<string, string> { ["culture"] = "ru", ["returnUrl"] = "/" });

        // A new problem, and a new day, with two nodes running the digest at once: one digest per language, telling only the
        // new problem (the old one is still there, and is not told again).
        await portal.ArrangeActiveAsync("1000001", "adatum", "Digest newcomer", TimeSpan.FromDays(12));
        portal.Clock.Advance(TimeSpan.FromDays(1));
        var node = () => ActivatorUtilities.CreateInstance<AccessHealthDigest>(portal.Factory.Services).RunAsync();
        await Task.WhenAll(node(), node());
        await portal.OutboxDrainedAsync();

        var second = (await ContosoDigestsAsync()).Skip(first.Count).ToList();
        Assert.Equal(["en", "ru"], second.Select(s => s.Language).Order());
        var russian = second.Single(s => s.Language == "ru");
        Assert.Equal(Partner("contoso"), russian.Recipients);
        Assert.StartsWith("Состояние доступа: ", russian.Subject, StringComparison.Ordinal);
        Assert.Contains("Заканчивается в течение 30 дней, автопродление выключено - Digest newcomer", russian.Body, StringComparison.Ordinal);
        Assert.All(second, s => Assert.DoesNotContain("Adatum licensing", s.Body, StringComparison.Ordinal));
        Assert.Contains(portal.Smtp.Bodies(), b => b.Contains("автопродление выключено - Digest newcomer", StringComparison.Ordinal));

        // The Sent invitations list shows the digest for what it is.
        var sent = await agent.GetAsync("/Invitations");
        Assert.Contains(sent.FindAll("[data-testid=kind]"), k => k.GetAttribute("data-kind") == "AccessHealthDigest");
    }
}
