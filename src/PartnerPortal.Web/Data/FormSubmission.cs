namespace PartnerPortal.Web.Data;

/// <summary>
/// A form that creates something, submitted once. The form carries a random token from the page that drew it; the first
/// submission claims the token in the same transaction as the work, so a second click, a retried post or a parallel request
/// with the same token finds it taken (the database's primary key decides) and shows the first one's result instead.
/// </summary>
public class FormSubmission
{
    private FormSubmission()
    {
        Form = null!;
        SubmittedBy = null!;
    }

    public FormSubmission(Guid token, string form, string submittedBy, DateTimeOffset submittedAt)
    {
        Token = token;
        Form = form;
        SubmittedBy = submittedBy;
        SubmittedAt = submittedAt;
    }

    public Guid Token { get; private set; }
    public string Form { get; private set; }

    /// <summary>Who submitted it (user name, or the organization's domain for a sign-up): only they get its result back.</summary>
    public string SubmittedBy { get; private set; }
    public DateTimeOffset SubmittedAt { get; private set; }

    /// <summary>What the submission created (a customer, a user, a sent invitation), for showing its result again.</summary>
    public Guid? ResultId { get; private set; }

    public void Complete(Guid resultId) => ResultId = resultId;
}
