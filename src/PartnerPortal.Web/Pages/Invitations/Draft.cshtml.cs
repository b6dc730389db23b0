using System.Net.Mail;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using PartnerPortal.Domain.Access;
using PartnerPortal.Domain.Invitations;
using PartnerPortal.Domain.Partners;
using PartnerPortal.Web.Data;
using PartnerPortal.Web.Email;
using PartnerPortal.Web.Infrastructure;
using PartnerPortal.Web.Invitations;
using PartnerPortal.Web.Tenancy;

namespace PartnerPortal.Web.Pages.Invitations;

/// <summary>
/// The draft email with the personalized link (seed 000 step 3, seed 003 step 2, seed 004 step 2-3): edit it, "Open in email",
/// "Copy to clipboard", "Done", or send it from the portal through SMTP in the language the sender picks.
/// </summary>
public class DraftModel(
    PortalDbContext db,
    ITenant tenant,
    InvitationEmailComposer composer,
    IMailSender mail,
    AuditTrail audit,
    TimeProvider clock,
    IStringLocalizer<SharedResource> l,
    ILogger<DraftModel> logger) : PageModel
{
    private const int MaxRecipients = 20;

    [BindProperty]
    public InputModel Input { get; set; } = new();

    public sealed class InputModel
    {
        public string Subject { get; set; } = string.Empty;
        public string Body { get; set; } = string.Empty;
        public string? To { get; set; }
        public string Language { get; set; } = "en";
    }

    public InvitationLink Link { get; private set; } = null!;
    public string LinkUrl { get; private set; } = string.Empty;
    public string Language { get; private set; } = "en";
    public string MailtoHref => $"mailto:?subject={Uri.EscapeDataString(Input.Subject)}&body={Uri.EscapeDataString(Input.Body)}";
    public string DoneHref => Link.Kind == InvitationKind.Partnership ? "/IndirectResellers" : "/Customers";

    public async Task<IActionResult> OnGetAsync(Guid id, string? lang)
    {
        if (await LoadAsync(id) is { } refused)
        {
            return refused;
        }

        Language = InvitationEmailComposer.IsSupported(lang) ? lang! : System.Globalization.CultureInfo.CurrentUICulture.Name;
        Language = InvitationEmailComposer.IsSupported(Language) ? Language : "en";
        var draft = await ComposeAsync(Language);
        Input.Subject = draft.Subject;
        Input.Body = draft.Body;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id)
    {
        if (await LoadAsync(id) is { } refused)
        {
            return refused;
        }

        Language = InvitationEmailComposer.IsSupported(Input.Language) ? Input.Language : "en";
        var recipients = (Input.To ?? string.Empty).Split([',', ';', ' ', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (recipients.Length == 0)
        {
            ModelState.AddModelError("Input.To", l["Enter at least one email address."]);
        }
        else if (recipients.Length > MaxRecipients)
        {
            ModelState.AddModelError("Input.To", l["Send to at most {0} addresses at a time.", MaxRecipients]);
        }
        else if (recipients.FirstOrDefault(r => !MailAddress.TryCreate(r, out _)) is { } bad)
        {
            ModelState.AddModelError("Input.To", l["{0} is not a valid email address.", bad]);
        }

        if (string.IsNullOrWhiteSpace(Input.Subject))
        {
            ModelState.AddModelError(string.Empty, l["Enter a subject."]);
        }

        if (!(Input.Body ?? string.Empty).Contains(LinkUrl, StringComparison.Ordinal))
        {
            ModelState.AddModelError(string.Empty, l["Keep the personalized link in the email: it links the customer directly to your account."]);
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        var sentBy = User.Identity!.Name!;
        var sent = new SentInvitation(Link, string.Join(", ", recipients), sentBy, Language, clock.GetUtcNow());
        db.SentInvitations.Add(sent);

        // The sent copy carries a tracking reference so the Invitations list can show who accepted; the link itself is unchanged.
        var body = Input.Body!.Replace(LinkUrl, $"{LinkUrl}?ref={sent.Id}", StringComparison.Ordinal);
        try
        {
            await mail.SendAsync(new MailMessageToSend(recipients, Input.Subject.Trim(), body, ReplyTo: sentBy));
        }
        catch (SmtpException e)
        {
            logger.LogWarning(e, "Invitation email to {Recipients} failed", sent.Recipients);
            ModelState.AddModelError(string.Empty, l["The email could not be sent, and nothing was recorded. Try again later or use Copy to clipboard."]);
            return Page();
        }

        audit.Record("InvitationEmailSent", Link.PartnerId, null, sent.Recipients, null, new { sent.Recipients, Link.Kind, Link.IncludesDelegatedAdmin, Language });
        await db.SaveChangesAsync();
        TempData["StatusMessage"] = l["Invitation sent to {0}.", sent.Recipients].Value;
        return RedirectToPage("/Invitations/Index");
    }

    /// <summary>Loads the partner's own link (another partner's link id is simply not found) and checks the role for its kind.</summary>
    private async Task<IActionResult?> LoadAsync(Guid id)
    {
        var link = await db.InvitationLinks.AsNoTracking().SingleOrDefaultAsync(l => l.Id == id);
        if (link is null)
        {
            return NotFound();
        }

        var needed = link.Kind == InvitationKind.Partnership ? Permission.ManageIndirectResellers : Permission.RequestResellerRelationship;
        if (!User.Has(needed))
        {
            return RedirectToPage("/Account/AccessDenied", new { permission = needed });
        }

        Link = link;
        LinkUrl = InvitationLinks.Url(Request, link);
        return null;
    }

    private async Task<InvitationDraft> ComposeAsync(string language)
    {
        var inviter = await db.Partners.AsNoTracking().SingleAsync(p => p.Id == tenant.PartnerId);
        Partner? provider = Link.IndirectProviderId is { } providerId ? await db.Partners.AsNoTracking().SingleAsync(p => p.Id == providerId) : null;
        return composer.Compose(Link, inviter, provider, LinkUrl, User.DisplayName(), language);
    }
}
