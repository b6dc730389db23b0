using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using PartnerPortal.Domain.Access;
using PartnerPortal.Web.Tests.Infrastructure;
using static PartnerPortal.Web.Tests.Infrastructure.Flows;

namespace PartnerPortal.Web.Tests.Integration;

/// <summary>Sending the invitation from the portal (pickup folder here; the browser test uses a real SMTP server) and tracking it.</summary>
public partial class InvitationEmailTests(PortalFixture portal) : IClassFixture<PortalFixture>
{
    private string PickupFolder => portal.Factory.Services.GetRequiredService<IConfiguration>()["Mail:PickupDirectory"]!;

    /// <summary>The dispatcher delivers in the background: wait (bounded) for the message addressed to <paramref name="recipient"/>.</summary>
    private async Task<string> DeliveredMessageAsync(string recipient)
    {
        for (var i = 0; i < 150; i++)
        {
            var found = Directory.Exists(PickupFolder)
                ? Directory.GetFiles(PickupFolder, "*.eml").Select(File.ReadAllText).SingleOrDefault(m => m.Contains(recipient, StringComparison.Ordinal))
                : null;
            if (found is not null)
            {
                return found;
            }

            await Task.Delay(100);
        }

        throw new TimeoutException($"No message to {recipient} was delivered.");
    }

    [Fact]
    public async Task Sending_records_the_invitation_and_its_acceptance_shows_on_the_invitations_list()
    {
        using var partner = portal.NewClient();
        await partner.SignInAsync(Partner("contoso", PartnerRole.SalesAgent));
        var draft = await RequestRelationshipAsync(partner, includeDelegatedAdmin: null);
        var link = LinkPath(draft);
        var sent = await partner.SubmitAsync(draft, "#invitation-email", new Dictionary<string, object?> { ["Input.To"] = "it@woodgrove.example; cfo@woodgrove.example" });
        Assert.Equal("/Invitations", sent.Url.AbsolutePath);
        var row = sent.FindAll("[data-testid=invitations] tbody tr")[0];
        Assert.Equal("it@woodgrove.example, cfo@woodgrove.example", row.QuerySelector("[data-testid=recipients]")!.TextContent);
        Assert.Equal("Not accepted yet", row.QuerySelector("[data-testid=status]")!.TextContent.Trim());

        var message = await DeliveredMessageAsync("it@woodgrove.example");
        var mailedPath = MailedLink().Match(Mime.DecodeBody(message)).Value;
        Assert.StartsWith(link + "?ref=", mailedPath, StringComparison.Ordinal);

        using var customer = portal.NewClient();
        await customer.SignInAsync(CustomerAdmin("woodgrove"));
        await AcceptAsync(customer, mailedPath);

        var list = await partner.GetAsync("/Invitations");
        Assert.StartsWith("Accepted by Woodgrove Bank", list.FindAll("[data-testid=invitations] tbody tr [data-testid=status]")[0].TextContent.Trim(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_email_without_the_link_or_with_a_bad_address_is_refused_and_nothing_is_recorded()
    {
        using var partner = portal.NewClient();
        await partner.SignInAsync(Partner("contosode"));
        var draft = await RequestRelationshipAsync(partner);
        var noLink = await partner.SubmitAsync(draft, "#invitation-email", new Dictionary<string, object?> { ["Input.To"] = "a@b.example", ["Input.Body"] = "Hello, please accept." });
        Assert.Contains("Keep the personalized link in the email: it links the customer directly to your account.", noLink.Errors);
        var badAddress = await partner.SubmitAsync(draft, "#invitation-email", new Dictionary<string, object?> { ["Input.To"] = "not-an-address" });
        Assert.Contains("not-an-address is not a valid email address.", badAddress.Errors);

        await using var db = portal.Db();
        var contosode = await db.Partners.SingleAsync(p => p.MpnId == "1000003");
        Assert.False(await db.SentInvitations.AnyAsync(s => s.PartnerId == contosode.Id));
    }

    [Fact]
    public async Task The_email_is_sent_in_the_language_the_sender_picks()
    {
        using var partner = portal.NewClient();
        await partner.SignInAsync(Partner("contosocn"));
        var draft = await RequestRelationshipAsync(partner);
        var chinese = await partner.GetAsync(draft.Url.AbsolutePath + "?lang=zh-Hans");
        await partner.SubmitAsync(chinese, "#invitation-email", new Dictionary<string, object?> { ["Input.To"] = "admin@trey.example" });
        var message = await DeliveredMessageAsync("admin@trey.example");
        Assert.Contains("尊敬的客户", Mime.DecodeBody(message), StringComparison.Ordinal);
        await using var db = portal.Db();
        Assert.Equal("zh-Hans", (await db.SentInvitations.SingleAsync(s => s.Recipients == "admin@trey.example")).Language);
    }

    [GeneratedRegex(@"/AdminCenter/Invitation/[A-Za-z0-9_-]{22}\?ref=[0-9a-f-]{36}")]
    private static partial Regex MailedLink();
}

/// <summary>A forged Host header must not put another site's address into an invitation (issue 8, finding 6).</summary>
public sealed class PublicUrlTests() : IsolatedPortal(new Dictionary<string, string?> { ["Portal:PublicUrl"] = "https://partners.contoso-portal.example/" })
{
    [Fact]
    public async Task Invitation_links_use_the_configured_public_address_whatever_the_host_header()
    {
        using var client = new PortalClient(Factory);
        client.Http.DefaultRequestHeaders.Host = "evil.example";
        await client.SignInAsync(Flows.Partner("contoso"));
        var draft = await Flows.RequestRelationshipAsync(client);
        var link = draft.Find("[data-testid=invitation-link]")!.GetAttribute("value")!;
        Assert.StartsWith("https://partners.contoso-portal.example/AdminCenter/Invitation/", link, StringComparison.Ordinal);
        Assert.DoesNotContain("evil.example", draft.Find("#body")!.TextContent, StringComparison.Ordinal);
    }
}
