using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Npgsql;
using PartnerPortal.Domain.Access;
using PartnerPortal.Domain.Invitations;
using PartnerPortal.Domain.Partners;
using PartnerPortal.Web.Data;
using PartnerPortal.Web.Features.IndirectResellers;
using PartnerPortal.Web.Infrastructure;
using PartnerPortal.Web.Tenancy;

namespace PartnerPortal.Web.Pages.Partnerships;

/// <summary>
/// Where a provider's partnership link lands (seed 004 step 4, issue 4 item 3): reseller staff signed in to their own partner
/// account see the provider and accept. Only an indirect reseller in the provider's cloud can accept.
/// </summary>
public class AcceptModel(
    PortalDbContext db,
    ITenant tenant,
    CrossOrganizationLookups lookups,
    PartnershipQueries partnerships,
    AuditTrail audit,
    TimeProvider clock,
    IStringLocalizer<SharedResource> l) : PageModel
{
    public Partner? Provider { get; private set; }
    public string? Refusal { get; private set; }
    public bool AlreadyPartnered { get; private set; }

    /// <summary>The tracking reference of an invitation emailed from the portal, so Invitations shows it accepted.</summary>
    [BindProperty(SupportsGet = true, Name = "ref")]
    public Guid? Ref { get; set; }

    private InvitationLink? _link;

    public async Task<IActionResult> OnGetAsync(string code)
    {
        var reseller = await LoadAsync(code);
        if (Provider is null)
        {
            Response.StatusCode = StatusCodes.Status404NotFound;
        }

        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string code)
    {
        var reseller = await LoadAsync(code);
        if (Provider is null)
        {
            Response.StatusCode = StatusCodes.Status404NotFound;
            return Page();
        }

        if (reseller is null || Refusal is not null || AlreadyPartnered)
        {
            return Page();
        }

        var now = clock.GetUtcNow();
        var partnership = ResellerPartnership.Establish(Provider, reseller, now);
        if (!partnership.Succeeded)
        {
            Refusal = l.Localize(partnership.Error!);
            return Page();
        }

        db.ResellerPartnerships.Add(partnership.Value);
        (await lookups.FindSentInvitationAsync(_link!, Ref))?.MarkAccepted(reseller.DisplayName, now);
        audit.Record("PartnershipAccepted", Provider.Id, null, reseller.DisplayName, null, new { Provider = Provider.DisplayName, Reseller = reseller.DisplayName, reseller.MpnId });
        audit.Record("PartnershipAccepted", reseller.Id, null, Provider.DisplayName, null, new { Provider = Provider.DisplayName, Reseller = reseller.DisplayName, reseller.MpnId });
        try
        {
            await db.SaveChangesAsync();
        }
        catch (DbUpdateException e) when (e.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
        {
            // A colleague accepted the same request at the same moment.
        }

        TempData["StatusMessage"] = l["You are now partnered with {0}.", Provider.DisplayName].Value;
        return RedirectToPage("/IndirectProviders/Index");
    }

    private async Task<Partner?> LoadAsync(string code)
    {
        var link = await lookups.FindInvitationLinkAsync(code);
        if (link is null || link.Kind != InvitationKind.Partnership)
        {
            return null;
        }

        _link = link;
        Provider = await lookups.FindPartnerAsync(link.PartnerId);
        if (Provider is null)
        {
            return null;
        }

        if (tenant.PartnerId is not { } partnerId)
        {
            Refusal = l["Sign in to your own Partner Center account as an indirect reseller to accept this partnership."];
            return null;
        }

        if (!User.Has(Permission.ManageIndirectResellers))
        {
            Refusal = l["Your role cannot accept partnerships. Ask a Global admin, User management admin, Admin agent or Sales agent of your organization."];
            return null;
        }

        var reseller = await db.Partners.AsNoTracking().SingleAsync(p => p.Id == partnerId);
        var allowed = PartnershipRules.CanAcceptPartnership(Provider, reseller);
        if (!allowed.Succeeded)
        {
            Refusal = l.Localize(allowed.Error!);
            return null;
        }

        AlreadyPartnered = await partnerships.IsActiveAsync(Provider.Id, reseller.Id);
        return reseller;
    }
}
