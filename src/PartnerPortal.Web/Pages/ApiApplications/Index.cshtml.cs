using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;
using PartnerPortal.Domain.Clouds;
using PartnerPortal.Web.Api;
using PartnerPortal.Web.Authorization;
using PartnerPortal.Web.Data;
using PartnerPortal.Web.Features.ApiApplications;
using PartnerPortal.Web.Identity.Entra;
using PartnerPortal.Web.Infrastructure;
using PartnerPortal.Web.Tenancy;

namespace PartnerPortal.Web.Pages.ApiApplications;

/// <summary>
/// API applications (issue 12): a Global admin registers an application with roles from the portal's role table and a
/// secret lifetime, sees its client id and secret once, and revokes it. Applications get tokens at /oauth2/token.
/// </summary>
[Authorize(Policy = PortalPolicies.ManageApiApplications)]
public class IndexModel(PortalDbContext db, RegisterApiApplicationHandler register, RevokeApiApplicationHandler revoke, TimeProvider clock, IOptions<EntraIdOptions> entra, IStringLocalizer<SharedResource> l) : PageModel
{
    public const string FormName = RegisterApiApplicationHandler.FormName;

    public IReadOnlyList<ApiApplication> Applications { get; private set; } = [];

    /// <summary>
    /// What applications of the organization's own Microsoft Entra tenant need to call the API: the linked tenant (null when none
    /// is), and the application id to request tokens for (null when the partner's cloud has no Entra app registration here).
    /// </summary>
    public (Guid? LinkedTenant, string? PortalApplicationId) Entra { get; private set; }

    /// <summary>Set only in the answer to the registering post: the secret is never shown again.</summary>
    public (Guid ClientId, string Secret)? Registered { get; private set; }

    [BindProperty]
    public string? Name { get; set; }

    [BindProperty]
    public List<string> Roles { get; set; } = [];

    [BindProperty]
    public int LifetimeDays { get; set; } = 180;

    [BindProperty]
    public Guid FormToken { get; set; }

    public DateTimeOffset Now => clock.GetUtcNow();

    public async Task OnGetAsync()
    {
        FormToken = Guid.NewGuid();
        await LoadAsync();
    }

    public async Task<IActionResult> OnPostRegisterAsync()
    {
        var result = await register.HandleAsync(User, FormToken, new NewApiApplication(Name, Roles, LifetimeDays));
        if (!result.Succeeded)
        {
            await LoadAsync();
            return this.Failure(result, l)!;
        }

        if (result.Value!.Secret is not { } secret)
        {
            TempData["StatusMessage"] = l["This application was already registered; its secret was shown once, when it was."].Value;
            return RedirectToPage();
        }

        Registered = (result.Value.ClientId, secret);
        FormToken = Guid.NewGuid();
        Name = null;
        Roles = [];
        await LoadAsync();
        return Page();
    }

    public async Task<IActionResult> OnPostRevokeAsync(Guid id)
    {
        var result = await revoke.HandleAsync(id);
        if (this.Failure(result, l) is { } failure)
        {
            return failure;
        }

        TempData["StatusMessage"] = l["{0} was revoked. Its tokens no longer work.", result.Value!.Name].Value;
        return RedirectToPage();
    }

    private async Task LoadAsync()
    {
        Applications = await db.ApiApplications.AsNoTracking().OrderByDescending(a => a.CreatedAt).Take(200).ToListAsync();
        var partnerId = User.PartnerId();
        var cloud = await db.Partners.Where(p => p.Id == partnerId).Select(p => p.Cloud).SingleAsync();
        var authority = CloudPolicies.For(cloud).SignInAuthority;
        var linked = await db.EntraTenantLinks.AsNoTracking().Select(t => (Guid?)t.TenantId).SingleOrDefaultAsync();
        Entra = (linked, entra.Value.Configured.Contains(authority) ? entra.Value.Authorities[authority.ToString()].ClientId : null);
    }
}
