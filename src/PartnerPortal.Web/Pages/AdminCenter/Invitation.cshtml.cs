using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Npgsql;
using PartnerPortal.Domain.Access;
using PartnerPortal.Domain.Clouds;
using PartnerPortal.Domain.Customers;
using PartnerPortal.Domain.Invitations;
using PartnerPortal.Domain.Partners;
using PartnerPortal.Domain.Relationships;
using PartnerPortal.Web.Data;
using PartnerPortal.Web.Infrastructure;
using PartnerPortal.Web.Localization;
using PartnerPortal.Web.Tenancy;

namespace PartnerPortal.Web.Pages.AdminCenter;

/// <summary>
/// Where the emailed link lands: the customer-facing page of the partner's cloud's admin center (seed 000 table, seed 003
/// step 3). The customer's admin signs in (or creates the organization), accepts the customer agreement if needed (seed 000
/// step 5 note), and accepts or declines.
/// </summary>
[AllowAnonymous]
public class InvitationModel(
    PortalDbContext db,
    ITenant tenant,
    CrossOrganizationLookups lookups,
    AuditTrail audit,
    TimeProvider clock,
    IStringLocalizer<SharedResource> l) : PageModel
{
    public sealed record Conflict(DelegatedAdminService Service, string Holder);

    public InvitationLink? Link { get; private set; }
    public Partner? Inviter { get; private set; }
    public Partner? Provider { get; private set; }
    public CloudPolicy Policy { get; private set; } = CloudPolicies.Public;
    public string InviterCountry { get; private set; } = string.Empty;
    public bool SignedIn => User.Identity?.IsAuthenticated == true;
    public bool IsCustomerAdmin => SignedIn && tenant.CustomerId is not null && User.Has(Permission.ManagePartnerRelationships);
    public string? Refusal { get; private set; }
    public bool AlreadyAccepted { get; private set; }
    public bool NeedsAgreement { get; private set; }
    public IReadOnlyList<Conflict> Conflicts { get; private set; } = [];
    public string? Outcome { get; private set; }

    [BindProperty(SupportsGet = true, Name = "ref")]
    public Guid? Ref { get; set; }

    [BindProperty]
    public bool AcceptAgreement { get; set; }

    [BindProperty]
    public List<DelegatedAdminService> WithoutDelegatedAdminFor { get; set; } = [];

    public string ReturnPath => Request.Path + (Ref is null ? string.Empty : $"?ref={Ref}");

    public async Task<IActionResult> OnGetAsync(string code)
    {
        var customer = await LoadAsync(code);
        if (Inviter is null)
        {
            Response.StatusCode = StatusCodes.Status404NotFound;
            return Page();
        }

        if (customer is not null)
        {
            await EvaluateAsync(customer);
        }

        return Page();
    }

    public async Task<IActionResult> OnPostAcceptAsync(string code)
    {
        var (stop, customer) = await LoadForPostAsync(code);
        if (stop is not null)
        {
            return stop;
        }

        await EvaluateAsync(customer);
        if (Refusal is not null || AlreadyAccepted)
        {
            return Page();
        }

        var now = clock.GetUtcNow();
        if (NeedsAgreement)
        {
            if (!AcceptAgreement)
            {
                ModelState.AddModelError(string.Empty, l["Accept the {0} before you accept the relationship.", l[Policy.CustomerAgreementName]]);
                return Page();
            }

            customer.AcceptCustomerAgreement(User.Identity!.Name!, now);
            audit.Record("CustomerAgreementAccepted", Link!.BillingPartnerId, customer.Id, customer.CompanyName, null, customer.AgreementAcceptance);
        }

        var inviter = Inviter!;
        var billingPartner = Provider ?? inviter;
        var result = customer.AcceptResellerRelationship(billingPartner, inviter, Link!.IncludesDelegatedAdmin, WithoutDelegatedAdminFor.ToHashSet(), now);
        if (!result.Succeeded)
        {
            ModelState.AddModelError(string.Empty, l.Localize(result.Error!));
            return Page();
        }

        var accepted = result.Value;
        var after = new { Partner = billingPartner.DisplayName, IndirectReseller = Provider is null ? null : inviter.DisplayName, DelegatedAdmin = accepted.GrantedServices.Select(s => s.ToString()) };
        audit.Record("RelationshipAccepted", billingPartner.Id, customer.Id, customer.CompanyName, null, after);
        if (Provider is not null)
        {
            audit.Record("RelationshipAccepted", inviter.Id, customer.Id, customer.CompanyName, null, after);
        }

        (await lookups.FindSentInvitationAsync(Link, Ref))?.MarkAccepted(customer.CompanyName, now);
        try
        {
            await db.SaveChangesAsync();
        }
        catch (DbUpdateException e) when (e.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
        {
            // Another admin of the organization accepted the same invitation a moment earlier.
            TempData["StatusMessage"] = l["Your organization has already accepted this relationship. Nothing more to do."].Value;
            return RedirectToPage("PartnerRelationships");
        }

        TempData["StatusMessage"] = l["You accepted the reseller relationship with {0}.", inviter.DisplayName].Value;
        return RedirectToPage("PartnerRelationships");
    }

    public async Task<IActionResult> OnPostDeclineAsync(string code)
    {
        var (stop, customer) = await LoadForPostAsync(code);
        if (stop is not null)
        {
            return stop;
        }

        audit.Record("InvitationDeclined", Link!.PartnerId, null, customer.CompanyName, null, new { Customer = customer.CompanyName, Link.IncludesDelegatedAdmin });
        (await lookups.FindSentInvitationAsync(Link, Ref))?.MarkDeclined(clock.GetUtcNow());
        await db.SaveChangesAsync();
        Outcome = l["You declined the invitation from {0}. Nothing was changed for your organization.", Inviter!.DisplayName];
        await EvaluateAsync(customer);
        return Page();
    }

    /// <summary>For Accept and Decline: an invalid link is the error page, a visitor who is not the customer's admin is refused.</summary>
    private async Task<(IActionResult? Stop, Customer Customer)> LoadForPostAsync(string code)
    {
        var customer = await LoadAsync(code);
        if (Inviter is null)
        {
            Response.StatusCode = StatusCodes.Status404NotFound;
            return (Page(), null!);
        }

        return customer is null ? (SignedIn ? Forbid() : Challenge(), null!) : (null, customer);
    }

    /// <summary>Finds the link's partner (for anyone holding the link) and, for a signed-in customer admin, their organization.</summary>
    private async Task<Customer?> LoadAsync(string code)
    {
        Link = await lookups.FindInvitationLinkAsync(code);
        if (Link is null || Link.Kind != InvitationKind.ResellerRelationship)
        {
            Link = null;
            return null;
        }

        Inviter = await lookups.FindPartnerAsync(Link.PartnerId);
        Provider = Link.IndirectProviderId is { } providerId ? await lookups.FindPartnerAsync(providerId) : null;
        if (Inviter is null)
        {
            return null;
        }

        Policy = CloudPolicies.For(Inviter.Cloud);
        InviterCountry = CountryNames.Display(Inviter.Country);
        ViewData["AdminCenter"] = Policy.AdminCenterName;
        if (!IsCustomerAdmin)
        {
            return null;
        }

        return await db.Customers.Include(c => c.Relationships).Include(c => c.DelegatedAdminGrants).SingleAsync(c => c.Id == tenant.CustomerId);
    }

    private async Task EvaluateAsync(Customer customer)
    {
        var allowed = customer.CanWorkWith(Inviter!);
        if (!allowed.Succeeded)
        {
            Refusal = l.Localize(allowed.Error!);
            return;
        }

        NeedsAgreement = !customer.HasAcceptedCustomerAgreement;
        var billingPartnerId = Link!.BillingPartnerId;
        var requested = Link.IncludesDelegatedAdmin ? DelegatedAdminServices.All : [];
        var conflicts = customer.DelegatedAdminConflicts(Inviter!.Id, requested);
        var missingGrants = requested.Where(s => !customer.ActiveGrants.Any(g => g.PartnerId == Inviter.Id && g.Service == s))
            .Except(conflicts.Select(c => c.Service));
        AlreadyAccepted = customer.ActiveRelationshipWith(billingPartnerId) is not null && !missingGrants.Any();
        var holderIds = conflicts.Select(c => c.HolderPartnerId).Distinct().ToList();
        var holders = await db.Partners.AsNoTracking().Where(p => holderIds.Contains(p.Id)).ToDictionaryAsync(p => p.Id, p => p.DisplayName);
        Conflicts = conflicts.Select(c => new Conflict(c.Service, holders[c.HolderPartnerId])).ToList();
    }
}
