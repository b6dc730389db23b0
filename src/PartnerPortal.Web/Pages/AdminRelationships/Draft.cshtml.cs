using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using PartnerPortal.Domain.AdminRelationships;
using PartnerPortal.Web.Authorization;
using PartnerPortal.Web.Data;
using PartnerPortal.Web.Features.AdminRelationships;
using PartnerPortal.Web.Features.Invitations;
using PartnerPortal.Web.Infrastructure;
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

        Language = EmailDraftInput.LanguageFor(lang);
        Input.Start(emails.Request(Relationship, LinkUrl, User.DisplayName(), Language));
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

        TempData["StatusMessage"] = EmailDraftInput.SentMessage(l, sent.Value);
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
