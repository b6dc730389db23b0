using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using PartnerPortal.Domain.Access;
using PartnerPortal.Domain.Clouds;
using PartnerPortal.Domain.Partners;
using PartnerPortal.Domain.Relationships;
using PartnerPortal.Web.Authorization;
using PartnerPortal.Web.Data;
using PartnerPortal.Web.Features.IndirectResellers;
using PartnerPortal.Web.Features.Relationships;
using PartnerPortal.Web.Infrastructure;
using PartnerPortal.Web.Tenancy;

namespace PartnerPortal.Web.Pages.Customers;

/// <summary>Seed 000 steps 1-2, seed 003 step 1: choose what the request carries, then review the draft email.</summary>
[Authorize(Policy = PortalPolicies.RequestResellerRelationship)]
public class RequestRelationshipModel(PortalDbContext db, ITenant tenant, RequestRelationshipHandler handler, PartnershipQueries partnerships, IStringLocalizer<SharedResource> l) : PageModel
{
    [BindProperty]
    public InputModel Input { get; set; } = new();

    public sealed class InputModel
    {
        // False when absent: an unchecked box is not posted.
        public bool IncludeDelegatedAdmin { get; set; }

        public Guid? ProviderId { get; set; }
    }

    /// <summary>For an indirect reseller: the providers it may invite on behalf of. Null for other partners.</summary>
    public IReadOnlyList<Partner>? Providers { get; private set; }

    public bool CanChooseDelegatedAdmin { get; private set; }
    public string? DelegatedAdminNote { get; private set; }
    public string? Refusal { get; private set; }

    public async Task OnGetAsync()
    {
        var partner = await LoadAsync();
        var policy = CloudPolicies.For(partner.Cloud);

        // Checked by default (seed 000 step 2), except for a role that may only invite without it.
        Input.IncludeDelegatedAdmin = !policy.DelegatedAdminCanBeCleared || User.Has(Permission.IncludeDelegatedAdmin);
        Input.ProviderId = Providers is { Count: > 0 } ? Providers[0].Id : null;
        var decision = RelationshipRequestRules.DecideDelegatedAdmin(policy, Input.IncludeDelegatedAdmin, User.Roles());
        if (!decision.Succeeded)
        {
            Refusal = l.Localize(decision.Error!);
        }
    }

    public async Task<IActionResult> OnPostAsync()
    {
        await LoadAsync();
        var requested = await handler.HandleAsync(User, Input.IncludeDelegatedAdmin, Input.ProviderId);
        if (this.Failure(requested, l) is { } failure)
        {
            return failure;
        }

        return RedirectToPage("/Invitations/Draft", new { id = requested.Value!.Id });
    }

    private async Task<Partner> LoadAsync()
    {
        var partner = await db.Partners.AsNoTracking().SingleAsync(p => p.Id == tenant.PartnerId);
        var policy = CloudPolicies.For(partner.Cloud);
        var mayInclude = User.Has(Permission.IncludeDelegatedAdmin);
        CanChooseDelegatedAdmin = policy.DelegatedAdminCanBeCleared && mayInclude;
        DelegatedAdminNote = policy.DelegatedAdmin switch
        {
            DelegatedAdminRequirement.CannotBeCleared => l["The option to not request permissions is not available to partners operating in {0}.", l[policy.DisplayName]].Value,
            DelegatedAdminRequirement.AlwaysIncluded => l["In {0} this process adds delegated administrative privileges.", l[policy.DisplayName]].Value,
            _ when !mayInclude => l["Your role lets you invite customers without delegated administration privileges only."].Value,
            _ => null,
        };

        if (partner.Kind == PartnerKind.IndirectReseller)
        {
            Providers = await partnerships.ActiveProvidersAsync(partner.Id);
            if (Providers.Count == 0)
            {
                Refusal = l["You need a partnership with an indirect provider before you can invite customers on its behalf."];
            }
        }

        return partner;
    }
}
