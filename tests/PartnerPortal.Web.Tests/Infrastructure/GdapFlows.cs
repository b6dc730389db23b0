using PartnerPortal.Domain.AdminRelationships;

namespace PartnerPortal.Web.Tests.Infrastructure;

/// <summary>The steps of granular delegated admin (issue 10), done through the pages.</summary>
public static class GdapFlows
{
    public static Guid Role(string name) => EntraRoles.All.Single(r => r.Name == name).Id;

    /// <summary>Admin relationships > Request admin relationship > Next: Review the email; returns the page it lands on.</summary>
    public static async Task<Page> RequestAsync(PortalClient partner, string name, string? customerDomain, int days, IEnumerable<string> roles, bool autoExtend = false)
    {
        var form = await partner.GetAsync("/AdminRelationships/Request");
        return await partner.SubmitAsync(form, "#request-admin-relationship", new Dictionary<string, object?>
        {
            ["Input.Name"] = name,
            ["Input.CustomerDomain"] = customerDomain ?? string.Empty,
            ["Input.DurationDays"] = days.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Input.Roles"] = roles.Select(r => Role(r).ToString()).ToArray(),
            ["Input.AutoExtend"] = autoExtend ? "true" : null,
        });
    }

    public static async Task<Page> AnswerAsync(PortalClient customer, string linkPath, bool approve)
    {
        var page = await customer.GetAsync(linkPath);
        return await customer.SubmitAsync(page, "main form", handler: approve ? "Approve" : "Reject");
    }

    /// <summary>On the relationship's page: assign the group the roles named.</summary>
    public static async Task<Page> AssignAsync(PortalClient partner, Guid relationshipId, Guid groupId, IEnumerable<string> roles)
    {
        var details = await partner.GetAsync($"/AdminRelationships/Details/{relationshipId}");
        return await partner.SubmitAsync(details, "#assign-access", new Dictionary<string, object?>
        {
            ["GroupId"] = groupId.ToString(),
            ["AssignRoles"] = roles.Select(r => Role(r).ToString()).ToArray(),
        });
    }

    /// <summary>Whether the expanded customer record on Customers lists the customer's users for this partner user.</summary>
    public static async Task<bool> SeesUsersOfAsync(PortalClient partner, string companyName)
    {
        var customers = await partner.GetAsync("/Customers?q=" + Uri.EscapeDataString(companyName));
        var (_, record) = await Flows.OpenCustomerAsync(partner, customers, companyName);
        return record.QuerySelector("[data-testid=customer-users]") is not null;
    }
}
