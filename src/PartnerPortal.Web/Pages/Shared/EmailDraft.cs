using Microsoft.Extensions.Localization;
using PartnerPortal.Web.Features.Invitations;

namespace PartnerPortal.Web.Pages.Shared;

/// <summary>The fields of a draft email form (reseller invitation, partnership, admin relationship).</summary>
public sealed class EmailDraftInput
{
    /// <summary>The draft's language: the one asked for, else the page's language, else English.</summary>
    public static string LanguageFor(string? asked)
    {
        if (InvitationEmailComposer.IsSupported(asked))
        {
            return asked!;
        }

        var page = System.Globalization.CultureInfo.CurrentUICulture.Name;
        return InvitationEmailComposer.IsSupported(page) ? page : "en";
    }

    /// <summary>What "Send" confirms: the recipients, or that the same form had already been sent.</summary>
    public static string SentMessage(IStringLocalizer l, string? recipients) => recipients is null
        ? l["This invitation was already sent; it was not sent twice."].Value
        : l["Invitation sent to {0}. Its delivery is shown below.", recipients].Value;

    /// <summary>Starts the form from a composed draft, with a fresh token so sending it twice sends once.</summary>
    public void Start(InvitationDraft draft)
    {
        Subject = draft.Subject;
        Body = draft.Body;
        FormToken = Guid.NewGuid();
    }

    public string? Subject { get; set; }
    public string? Body { get; set; }
    public string? To { get; set; }
    public string Language { get; set; } = "en";
    public Guid FormToken { get; set; }
}

/// <summary>What the _EmailDraft partial shows: the draft, its language, and where "Done" goes.</summary>
public sealed record EmailDraftView(EmailDraftInput Input, string Language, string DoneHref)
{
    public string MailtoHref => $"mailto:?subject={Uri.EscapeDataString(Input.Subject ?? string.Empty)}&body={Uri.EscapeDataString(Input.Body ?? string.Empty)}";
}
