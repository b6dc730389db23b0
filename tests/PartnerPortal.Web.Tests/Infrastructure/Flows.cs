using Microsoft.EntityFrameworkCore;
using PartnerPortal.Domain.Access;
using PartnerPortal.Web.Seeding;

namespace PartnerPortal.Web.Tests.Infrastructure;

/// <summary>The recurring steps of the seed procedures, done through the pages.</summary>
public static class Flows
{
    public static string Partner(string slug, string role = PartnerRole.AdminAgent) => DemoDirectory.PartnerUserEmail(slug, role);

    public static string CustomerAdmin(string domainPrefix) =>
        DemoDirectory.CustomerAdminEmail(DemoDirectory.Customers.Single(c => c.DomainPrefix == domainPrefix));

    /// <summary>Customers > Request a reseller relationship > Next; returns the draft page.</summary>
    public static async Task<Page> RequestRelationshipAsync(PortalClient client, bool? includeDelegatedAdmin = true)
    {
        var form = await client.GetAsync("/Customers/RequestRelationship");
        var values = new Dictionary<string, object?>();
        if (includeDelegatedAdmin is { } include && form.Find("#include-delegated-admin")?.HasAttribute("disabled") != true)
        {
            values["Input.IncludeDelegatedAdmin"] = include ? "true" : null;
        }

        return await client.SubmitAsync(form, "main form", values);
    }

    /// <summary>The personalized link's path, from the draft page.</summary>
    public static string LinkPath(Page draft)
    {
        var url = draft.Find("[data-testid=invitation-link]")?.GetAttribute("value")
            ?? throw new InvalidOperationException("No invitation link on " + draft.Url + ": " + string.Join(" | ", draft.Errors));
        return new Uri(url).PathAndQuery;
    }

    public static async Task<string> LinkForAsync(PortalFixture portal, string partnerEmail, bool? includeDelegatedAdmin = true)
    {
        using var partner = portal.NewClient();
        await partner.SignInAsync(partnerEmail);
        return LinkPath(await RequestRelationshipAsync(partner, includeDelegatedAdmin));
    }

    /// <summary>Opens the link as the signed-in customer admin and presses Accept, ticking the customer agreement when it is asked.</summary>
    public static async Task<Page> AcceptAsync(PortalClient customer, string linkPath, IDictionary<string, object?>? values = null)
    {
        var page = await customer.GetAsync(linkPath);
        values ??= new Dictionary<string, object?>();
        if (page.Find("[data-testid=customer-agreement]") is not null)
        {
            values["AcceptAgreement"] = "true";
        }

        return await customer.SubmitAsync(page, "main form", values, handler: "Accept");
    }

    /// <summary>Whether the user holds the Global admin role, read from the database.</summary>
    public static Task<bool> IsGlobalAdminAsync(Data.PortalDbContext db, Guid userId) =>
        db.UserRoles.AnyAsync(ur => ur.UserId == userId && db.Roles.Any(r => r.Id == ur.RoleId && r.Name == PartnerRole.GlobalAdmin));

    public static async Task<(int Relationships, int ActiveGrants)> CountsAsync(PortalFixture portal, string domainPrefix)
    {
        await using var db = portal.Db();
        var customer = await db.Customers.Include(c => c.Relationships).Include(c => c.DelegatedAdminGrants).SingleAsync(c => c.Domain.StartsWith(domainPrefix + "."));
        return (customer.Relationships.Count(r => r.IsActive), customer.ActiveGrants.Count());
    }

    /// <summary>
    /// Opens a customer's record on a Customers page as a browser without scripts does: follows its summary's link
    /// (<c>?expand=id</c>), and returns that page with the opened record (issue 20).
    /// </summary>
    public static async Task<(Page Page, AngleSharp.Dom.IElement Record)> OpenCustomerAsync(PortalClient client, Page list, string companyName)
    {
        var link = list.Find($"details.customer[data-customer=\"{companyName}\"] summary a.record-link")
            ?? throw new InvalidOperationException(companyName + " is not on this Customers page.");
        var page = await client.GetAsync(new Uri(list.Url, link.GetAttribute("href")!).PathAndQuery);
        var record = page.Find($"details.customer[open][data-customer=\"{companyName}\"] [data-testid=customer-record]")
            ?? throw new InvalidOperationException(companyName + "'s record did not open.");
        return (page, record);
    }

    /// <summary>
    /// An indirect provider's Add new customer wizard for <paramref name="resellerId"/> (at <paramref name="baseUrl"/>, empty for
    /// the client's own): details, five Microsoft 365 E3 seats, Review; returns the review page, ready to Submit.
    /// </summary>
    public static async Task<Page> AddCustomerUpToReviewAsync(PortalClient client, string baseUrl, Guid resellerId, string companyName, string domainPrefix)
    {
        var details = await client.GetAsync($"{baseUrl}/IndirectResellers/AddCustomer?reseller={resellerId}");
        var subscriptions = await client.SubmitAsync(details, "#new-customer", new Dictionary<string, object?>
        {
            ["Input.CompanyName"] = companyName,
            ["Input.DomainPrefix"] = domainPrefix,
            ["Input.Country"] = "US",
            ["Input.AddressLine1"] = "1 Way",
            ["Input.City"] = "Denver",
            ["Input.PostalCode"] = "80201",
            ["Input.ContactName"] = "Kim",
            ["Input.ContactEmail"] = $"kim@{domainPrefix}.example",
            ["Input.Phone"] = "+1 303 555 0100",
        }, handler: "Subscriptions");
        var e3 = subscriptions.Find("[data-offer='Microsoft 365 E3'] input")!.GetAttribute("name")!;
        return await client.SubmitAsync(subscriptions, "#new-customer", new Dictionary<string, object?> { [e3] = "5" }, handler: "Review");
    }
}
