using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using PartnerPortal.Domain.Clouds;
using PartnerPortal.Web.Authorization;
using PartnerPortal.Web.Features.Relationships;
using PartnerPortal.Web.Infrastructure;

namespace PartnerPortal.Web.Pages.Customers;

/// <summary>Seed "Next steps": remove a relationship with a customer, after a confirmation. The rows stay as history.</summary>
[Authorize(Policy = PortalPolicies.RemoveCustomerRelationship)]
public class RemoveModel(RemoveRelationshipHandler handler, IStringLocalizer<SharedResource> l) : PageModel
{
    public string CompanyName { get; private set; } = string.Empty;
    public string Domain { get; private set; } = string.Empty;

    /// <summary>The agreement the partner stays bound by, named as the customer's cloud names it (seeds 000, 002, 003).</summary>
    public string PartnerAgreementName { get; private set; } = string.Empty;

    public async Task<IActionResult> OnGetAsync(Guid id)
    {
        var loaded = await handler.LoadAsync(User, id);
        if (this.Failure(loaded, l) is { } failure)
        {
            return failure;
        }

        Show(loaded.Value!);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id)
    {
        var removed = await handler.HandleAsync(User, id);
        if (removed.Value is { } customer)
        {
            Show(customer);
        }

        if (this.Failure(removed, l) is { } failure)
        {
            return failure;
        }

        TempData["StatusMessage"] = l["Your relationship with {0} was removed.", CompanyName].Value;
        return RedirectToPage("Index");
    }

    private void Show(Domain.Customers.Customer customer)
    {
        CompanyName = customer.CompanyName;
        Domain = customer.Domain;
        PartnerAgreementName = CloudPolicies.For(customer.Cloud).PartnerAgreementName;
    }
}
