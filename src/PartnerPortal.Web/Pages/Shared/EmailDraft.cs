namespace PartnerPortal.Web.Pages.Shared;

/// <summary>The fields of a draft email form (reseller invitation, partnership, admin relationship).</summary>
public sealed class EmailDraftInput
{
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
