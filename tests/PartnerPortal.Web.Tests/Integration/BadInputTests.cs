using System.Net;
using Microsoft.EntityFrameworkCore;
using PartnerPortal.Domain.Access;
using PartnerPortal.Web.Tests.Infrastructure;
using static PartnerPortal.Web.Tests.Infrastructure.Flows;

namespace PartnerPortal.Web.Tests.Integration;

/// <summary>Bad input gets a clear message or a not-found page and changes nothing; never a 500 (PortalClient fails on any 500).</summary>
public class BadInputTests(PortalFixture portal) : IClassFixture<PortalFixture>
{
    [Theory]
    [InlineData("/Customers?page=-5")]
    [InlineData("/Customers?page=abc")]
    [InlineData("/Customers?page=99999999")]
    [InlineData("/Customers?q=%27%3B%20drop%20table%20%22Customers%22%3B--")]
    [InlineData("/Customers?reseller=not-a-guid")]
    [InlineData("/AuditLog?from=2026-13-45")]
    [InlineData("/AuditLog?customer=%25%25%25")]
    [InlineData("/Invitations?page=0")]
    [InlineData("/IndirectResellers/AddCustomer?reseller=nope")]
    [InlineData("/Invitations/Draft/00000000-0000-0000-0000-000000000000?lang=xx")]
    [InlineData("/Customers?q=ab%00cd")]
    [InlineData("/AuditLog?customer=ab%00cd")]
    [InlineData("/AuditLog?to=9999-12-31")]
    [InlineData("/AuditLog?from=0001-01-01&to=0001-01-01")]
    public async Task Odd_addresses_get_a_page_not_an_error(string url)
    {
        using var client = portal.NewClient();
        await client.SignInAsync(Partner("fabrikam", PartnerRole.GlobalAdmin));
        var page = await client.GetAsync(url);
        Assert.Contains(page.Status, new[] { HttpStatusCode.OK, HttpStatusCode.NotFound });
    }

    [Theory]
    [InlineData("/Customers/Remove/not-a-guid")]
    [InlineData("/Subscriptions/Details/12345")]
    [InlineData("/AdminCenter/Invitation/%E2%98%83%20%3Cscript%3E")]
    [InlineData("/Partnerships/Accept/" + "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa")]
    [InlineData("/no/such/page")]
    public async Task Unknown_ids_and_paths_are_not_found(string url)
    {
        using var client = portal.NewClient();
        await client.SignInAsync(Partner("contoso", PartnerRole.GlobalAdmin));
        var page = await client.GetAsync(url);
        Assert.Equal(HttpStatusCode.NotFound, page.Status);
        Assert.NotNull(page.Find("h1"));
    }

    [Fact]
    public async Task Garbled_form_values_get_clear_messages_in_the_users_language_and_change_nothing()
    {
        await using var db = portal.Db();
        var relecloud = await db.Customers.SingleAsync(c => c.Domain.StartsWith("relecloud."));
        var before = await db.Subscriptions.CountAsync(s => s.CustomerId == relecloud.Id);

        using var client = portal.NewClient("ru");
        await client.SignInAsync(Partner("fabrikam", PartnerRole.AdminAgent));
        var form = await client.GetAsync($"/Customers/AddSubscription/{relecloud.Id}");
        var e3 = form.Find("[data-offer='Microsoft 365 E3'] input")!.GetAttribute("name")!;
        var page = await client.SubmitAsync(form, "main form", new Dictionary<string, object?> { [e3] = "many", ["ResellerId"] = "x" });
        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Contains("Введите целое число лицензий.", page.Errors);
        Assert.Equal(before, await db.Subscriptions.CountAsync(s => s.CustomerId == relecloud.Id));

        var negative = await client.SubmitAsync(form, "main form", new Dictionary<string, object?> { [e3] = "-4" });
        Assert.Contains(negative.Errors, e => e.Contains("Microsoft 365 E3", StringComparison.Ordinal));
        Assert.Equal(before, await db.Subscriptions.CountAsync(s => s.CustomerId == relecloud.Id));
    }

    [Fact]
    public async Task Sign_in_errors_are_in_the_users_language()
    {
        using var client = portal.NewClient("zh-Hans");
        var page = await client.SignInAsync("", "");
        Assert.Contains("请输入你的电子邮件。", page.Errors);
    }

    [Theory]
    [InlineData("", "Enter a subject.")]
    [InlineData("   ", "Enter a subject.")]
    [InlineData("Hello\r\nBcc: victim@evil.example", "The subject must be one line of at most 200 characters.")]
    public async Task A_draft_with_a_bad_subject_is_refused_and_nothing_is_sent(string subject, string message)
    {
        using var client = portal.NewClient();
        await client.SignInAsync(Partner("contoso"));
        var draft = await RequestRelationshipAsync(client);
        var refused = await client.SubmitAsync(draft, "#invitation-email", new Dictionary<string, object?> { ["Input.Subject"] = subject, ["Input.To"] = "someone@adatum.example" });
        Assert.Contains(message, refused.Errors);
        await using var db = portal.Db();
        Assert.False(await db.SentInvitations.AnyAsync(s => s.Recipients == "someone@adatum.example"));
    }

    [Fact]
    public async Task A_draft_with_a_blank_body_is_refused()
    {
        using var client = portal.NewClient();
        await client.SignInAsync(Partner("contoso"));
        var draft = await RequestRelationshipAsync(client);
        var refused = await client.SubmitAsync(draft, "#invitation-email", new Dictionary<string, object?> { ["Input.Body"] = "  \n ", ["Input.To"] = "blank@adatum.example" });
        Assert.Contains("Enter a message.", refused.Errors);
    }

    [Fact]
    public async Task A_draft_to_many_recipients_is_sent_and_audited_with_a_shortened_subject()
    {
        var recipients = string.Join(", ", Enumerable.Range(1, 15).Select(i => $"buyer{i:00}@a-rather-long-customer-domain-name.example"));
        using var client = portal.NewClient();
        await client.SignInAsync(Partner("contoso"));
        var draft = await RequestRelationshipAsync(client);
        var sent = await client.SubmitAsync(draft, "#invitation-email", new Dictionary<string, object?> { ["Input.To"] = recipients });
        Assert.Equal("/Invitations", sent.Url.AbsolutePath);
        await using var db = portal.Db();
        var entry = await db.AuditEntries.OrderByDescending(a => a.At).FirstAsync(a => a.Action == "InvitationEmailSent");
        Assert.True(entry.Subject!.Length <= 256);
        Assert.Contains("buyer15@", entry.After!, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_user_email_over_256_characters_is_refused()
    {
        using var client = portal.NewClient();
        await client.SignInAsync(Partner("contoso", PartnerRole.GlobalAdmin));
        var form = await client.GetAsync("/Users/Create");
        var email = new string('a', 250) + "@contoso.example";
        var refused = await client.SubmitAsync(form, "main form", new Dictionary<string, object?> { ["Input.DisplayName"] = "Long", ["Input.Email"] = email, ["Input.Roles"] = new[] { PartnerRole.SalesAgent } });
        Assert.NotEmpty(refused.Errors);
        await using var db = portal.Db();
        Assert.False(await db.Users.AnyAsync(u => u.Email == email));
    }

    [Fact]
    public async Task Duplicate_offer_keys_in_add_subscription_are_refused_and_add_nothing()
    {
        await using var db = portal.Db();
        var adatum = await db.Customers.SingleAsync(c => c.Domain.StartsWith("adatum."));
        var before = await db.Subscriptions.CountAsync(s => s.CustomerId == adatum.Id);
        using var client = portal.NewClient();
        await client.SignInAsync(Partner("contoso", PartnerRole.AdminAgent));
        var form = await client.GetAsync($"/Customers/AddSubscription/{adatum.Id}");
        var e1 = form.Find("[data-offer='Office 365 E1'] input")!.GetAttribute("name")!;
        var token = form.Find("input[name=FormToken]")!.GetAttribute("value")!;
        var page = await client.PostRawAsync(form, form.Url.PathAndQuery, new Dictionary<string, string> { [e1] = "3", [e1.Replace("Quantities[", "quantities[", StringComparison.Ordinal)] = "4", ["FormToken"] = token });
        Assert.NotEqual(HttpStatusCode.InternalServerError, page.Status);
        Assert.Equal(before, await db.Subscriptions.CountAsync(s => s.CustomerId == adatum.Id) - (page.Url.AbsolutePath.StartsWith("/Customers/Subscriptions", StringComparison.Ordinal) ? 1 : 0));
    }
}
