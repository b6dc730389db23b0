using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using PartnerPortal.Domain.Invitations;
using PartnerPortal.Domain.Partners;
using PartnerPortal.Web.Data;
using PartnerPortal.Web.Features.Invitations;
using PartnerPortal.Web.Infrastructure;
using PartnerPortal.Web.Pages.Shared;

namespace PartnerPortal.Web.Pages.Invitations;

/// <summary>
/// The draft email with the personalized link (seed 000 step 3, seed 003 step 2, seed 004 step 2-3): edit it, "Open in email",
/// "Copy to clipboard", "Done", or send it from the portal through SMTP in the language the sender picks.
/// </summary>
public class DraftModel(
    PortalDbContext db,
    SendInvitationHandler handler,
    InvitationEmailComposer composer,
    IConfiguration configuration,
    IStringLocalizer<SharedResource> l) : PageModel
{
    [BindProperty]
    public EmailDraftInput Input { get; set; } = new();

    public InvitationLink Link { get; private set; } = null!;
    public string LinkUrl { get; private set; } = string.Empty;
    public string Language { get; private set; } = "en";
    public EmailDraftView View => new(Input, Language, Link.Kind == InvitationKind.Partnership ? "/IndirectResellers" : "/Customers");

    public async Task<IActionResult> OnGetAsync(Guid id, string? lang)
    {
        if (await LoadAsync(id) is { } refused)
        {
            return refused;
        }

        Language = EmailDraftInput.LanguageFor(lang);
        Input.Start(await ComposeAsync(Language));
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id)
    {
        if (await LoadAsync(id) is { } refused)
        {
            return refused;
        }

        Language = InvitationEmailComposer.IsSupported(Input.Language) ? Input.Language : "en";
        var sent = await handler.HandleAsync(User, id, new(Input.To, Input.Subject, Input.Body, Language, LinkUrl, Input.FormToken));
        if (this.Failure(sent, l) is { } failure)
        {
            return failure;
        }

        TempData["StatusMessage"] = EmailDraftInput.SentMessage(l, sent.Value);
        return RedirectToPage("/Invitations/Index");
    }

    /// <summary>The partner's own link, for a role that may send it (another partner's link id is simply not found).</summary>
    private async Task<IActionResult?> LoadAsync(Guid id)
    {
        var loaded = await handler.LoadAsync(User, id);
        if (this.Failure(loaded, l) is { } failure)
        {
            return failure;
        }

        Link = loaded.Value!;
        LinkUrl = InvitationLinks.Url(Request, Link, configuration["Portal:PublicUrl"]);
        return null;
    }

    private async Task<InvitationDraft> ComposeAsync(string language)
    {
        var inviter = await db.Partners.AsNoTracking().SingleAsync(p => p.Id == Link.PartnerId);
        Partner? provider = Link.IndirectProviderId is { } providerId ? await db.Partners.AsNoTracking().SingleAsync(p => p.Id == providerId) : null;
        return composer.Compose(Link, inviter, provider, LinkUrl, User.DisplayName(), language);
    }
}
