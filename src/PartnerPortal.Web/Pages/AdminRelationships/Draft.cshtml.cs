using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using PartnerPortal.Domain.AdminRelationships;
using PartnerPortal.Web.AdminRelationships;
using PartnerPortal.Web.Authorization;
using PartnerPortal.Web.Data;
using PartnerPortal.Web.Infrastructure;
using PartnerPortal.Web.Invitations;
using PartnerPortal.Web.Pages.Invitations;
using PartnerPortal.Web.Pages.Shared;

namespace PartnerPortal.Web.Pages.AdminRelationships;

/// <summary>
/// The admin relationship's approval link in a draft email, like the reseller invitation's (seed 000 step 3): "Open in email",
/// "Copy to clipboard", "Done", or send it from the portal. Only while the customer has not answered.
/// </summary>
[Authorize(Policy = PortalPolicies.ManageAdminRelationships)]
public class DraftModel(
    PortalDbContext db,
    SendInvitationHandler handler,
    AdminRelationshipEmails emails,
    IConfiguration configuration,
    IStringLocalizer<SharedResource> l) : PageModel
{
    [BindProperty]
    public EmailDraftInput Input { get; set; } = new();

    public AdminRelationship Relationship { get; private set; } = null!;
    public string LinkUrl { get; private set; } = string.Empty;
    public string Language { get; private set; } = "en";
    public EmailDraftView View => new(Input, Language, $"/AdminRelationships/Details/{Relationship.Id}");

    public async Task<IActionResult> OnGetAsync(Guid id, string? lang)
    {
        if (await LoadAsync(id) is { } refused)
        {
            return refused;
        }

        Language = InvitationEmailComposer.IsSupported(lang) ? lang! : System.Globalization.CultureInfo.CurrentUICulture.Name;
        Language = InvitationEmailComposer.IsSupported(Language) ? Language : "en";
        var draft = emails.Request(Relationship, LinkUrl, User.DisplayName(), Language);
        Input.Subject = draft.Subject;
        Input.Body = draft.Body;
        Input.FormToken = Guid.NewGuid();
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id)
    {
        if (await LoadAsync(id) is { } refused)
        {
            return refused;
        }

        Language = InvitationEmailComposer.IsSupported(Input.Language) ? Input.Language : "en";
        var sent = await handler.HandleAdminRelationshipAsync(User, id, new(Input.To, Input.Subject, Input.Body, Language, LinkUrl, Input.FormToken));
        if (this.Failure(sent, l) is { } failure)
        {
            return failure;
        }

        TempData["StatusMessage"] = sent.Value is null
            ? l["This invitation was already sent; it was not sent twice."].Value
            : l["Invitation sent to {0}. Its delivery is shown below.", sent.Value].Value;
        return RedirectToPage("/Invitations/Index");
    }

    private async Task<IActionResult?> LoadAsync(Guid id)
    {
        var relationship = await db.AdminRelationships.AsNoTracking().SingleOrDefaultAsync(r => r.Id == id);
        if (relationship is null)
        {
            return NotFound();
        }

        Relationship = relationship;
        LinkUrl = InvitationLinks.Url(Request, relationship, configuration["Portal:PublicUrl"]);
        return null;
    }

}
