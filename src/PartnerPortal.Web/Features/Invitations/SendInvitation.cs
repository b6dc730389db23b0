using System.Net.Mail;
using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using Microsoft.EntityFrameworkCore;
using PartnerPortal.Domain.Common;
using PartnerPortal.Domain.Invitations;
using PartnerPortal.Web.Authorization;
using PartnerPortal.Web.Data;
using PartnerPortal.Web.Infrastructure;

namespace PartnerPortal.Web.Features.Invitations;

/// <summary>
/// Sends the draft invitation email from the portal (seed 000 step 3 "Send the email to your customer", done for the partner):
/// records it for the Invitations list and queues it for the dispatcher, so an SMTP server that is down or slow neither loses
/// it nor holds the request. The same form sent twice sends once.
/// </summary>
public sealed class SendInvitationHandler(
    PortalDbContext db,
    IAuthorizationService authorization,
    FormSubmissions forms,
    AuditTrail audit,
    TimeProvider clock)
{
    public const string FormName = "SendInvitation";
    public const int MaxRecipients = 20;
    public const int MaxSubjectLength = 200;
    public const int MaxBodyLength = 20_000;

    public sealed record Email(string? To, string? Subject, string? Body, string Language, string LinkUrl, Guid FormToken);

    /// <summary>The partner's own link, if the user may send it; another partner's link id is not found.</summary>
    public async Task<CommandResult<InvitationLink>> LoadAsync(ClaimsPrincipal user, Guid linkId)
    {
        var link = await db.InvitationLinks.AsNoTracking().SingleOrDefaultAsync(l => l.Id == linkId);
        if (link is null || !(await authorization.AuthorizeAsync(user, link, Operations.View)).Succeeded)
        {
            return CommandResult<InvitationLink>.NotFound;
        }

        return (await authorization.AuthorizeAsync(user, link, Operations.Send)).Succeeded
            ? CommandResult<InvitationLink>.Done(link)
            : CommandResult<InvitationLink>.Forbidden;
    }

    /// <summary>The addresses in the To field, or why they cannot be used.</summary>
    public static Result<IReadOnlyList<string>> ParseRecipients(string? to)
    {
        var recipients = (to ?? string.Empty).Split([',', ';', ' ', '\n', '\r', '\t'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (recipients.Length == 0)
        {
            return Result<IReadOnlyList<string>>.Fail(PortalRefusals.Invitations.RecipientsRequired);
        }

        if (recipients.Length > MaxRecipients)
        {
            return Result<IReadOnlyList<string>>.Fail(PortalRefusals.Invitations.TooManyRecipients, MaxRecipients);
        }

        var bad = recipients.FirstOrDefault(r => r.Length > 254 || !MailAddress.TryCreate(r, out var parsed) || parsed.Address != r || !r.Contains('.', StringComparison.Ordinal));
        return bad is null
            ? Result<IReadOnlyList<string>>.Ok(recipients.Distinct(StringComparer.OrdinalIgnoreCase).ToList())
            : Result<IReadOnlyList<string>>.Fail(PortalRefusals.Invitations.InvalidAddress, bad.Length > 100 ? bad[..100] + "…" : bad);
    }

    /// <summary>Subject and body problems: blank, too long, a line break in the subject (it would forge mail headers), or no link.</summary>
    public static DomainError? CheckMessage(string? subject, string? body, string linkUrl)
    {
        if (string.IsNullOrWhiteSpace(subject))
        {
            return new DomainError(PortalRefusals.Invitations.SubjectRequired);
        }

        if (subject.Length > MaxSubjectLength || subject.Any(char.IsControl))
        {
            return new DomainError(PortalRefusals.Invitations.SubjectTooLong, MaxSubjectLength);
        }

        if (string.IsNullOrWhiteSpace(body))
        {
            return new DomainError(PortalRefusals.Invitations.MessageRequired);
        }

        if (body.Length > MaxBodyLength || body.Any(c => char.IsControl(c) && c is not ('\r' or '\n' or '\t')))
        {
            return new DomainError(PortalRefusals.Invitations.MessageTooLong, MaxBodyLength);
        }

        return body.Contains(linkUrl, StringComparison.Ordinal)
            ? null
            : new DomainError(PortalRefusals.Invitations.LinkRemoved);
    }

    /// <summary>Sends the email; the value is the recipients, or null when this form had already been sent.</summary>
    public async Task<CommandResult<string?>> HandleAsync(ClaimsPrincipal user, Guid linkId, Email email)
    {
        var loaded = await LoadAsync(user, linkId);
        if (!loaded.Succeeded)
        {
            return new CommandResult<string?>(loaded.Status);
        }

        var link = loaded.Value!;
        return await SendAsync(user, email, (to, sentBy, at) => new SentInvitation(link, to, sentBy, email.Language, at), sent =>
            audit.Record("InvitationEmailSent", link.PartnerId, null, sent.Recipients, null, new { sent.Recipients, link.Kind, link.IncludesDelegatedAdmin, email.Language }));
    }

    /// <summary>
    /// Sends an admin relationship's approval link (issue 10) the same way: only while the customer has not answered, and only
    /// by someone who may manage admin relationships. Another partner's relationship id is not found.
    /// </summary>
    public async Task<CommandResult<string?>> HandleAdminRelationshipAsync(ClaimsPrincipal user, Guid relationshipId, Email email)
    {
        if (!user.Has(Domain.Access.Permission.ManageAdminRelationships))
        {
            return CommandResult<string?>.Forbidden;
        }

        var relationship = await db.AdminRelationships.AsNoTracking().SingleOrDefaultAsync(r => r.Id == relationshipId);
        if (relationship is null)
        {
            return CommandResult<string?>.NotFound;
        }

        if (relationship.Status != Domain.AdminRelationships.AdminRelationshipStatus.ApprovalPending)
        {
            return CommandResult<string?>.Refused(Refusals.AdminRelationships.NoLongerPending);
        }

        return await SendAsync(user, email, (to, sentBy, at) => new SentInvitation(relationship, to, sentBy, email.Language, at), sent =>
            audit.Record("AdminRelationshipEmailSent", relationship.PartnerId, relationship.CustomerId, sent.Recipients, null, new { sent.Recipients, Relationship = relationship.DisplayName, email.Language }));
    }

    /// <summary>
    /// Records the message with its audit row and the form token in one transaction; the dispatcher delivers it. The sent copy
    /// carries a tracking reference so the Invitations list can show who accepted; the link itself is unchanged.
    /// </summary>
    private async Task<CommandResult<string?>> SendAsync(
        ClaimsPrincipal user, Email email, Func<string, string, DateTimeOffset, SentInvitation> create, Action<SentInvitation> record)
    {
        var recipients = ParseRecipients(email.To);
        if (!recipients.Succeeded)
        {
            return CommandResult<string?>.Refused(recipients.Error!);
        }

        if (CheckMessage(email.Subject, email.Body, email.LinkUrl) is { } problem)
        {
            return CommandResult<string?>.Refused(problem);
        }

        var sentBy = user.Identity!.Name!;
        await using var transaction = await db.Database.BeginTransactionAsync();
        var claim = await forms.ClaimAsync(email.FormToken, FormName, sentBy);
        if (!claim.IsFirst)
        {
            return CommandResult<string?>.Done(null);
        }

        var sent = create(string.Join(", ", recipients.Value), sentBy, clock.GetUtcNow());
        sent.SetMessage(email.Subject!.Trim(), email.Body!.Replace(email.LinkUrl, $"{email.LinkUrl}?ref={sent.Id}", StringComparison.Ordinal));
        db.SentInvitations.Add(sent);
        record(sent);
        claim.Claimed?.Complete(sent.Id);
        await db.SaveChangesAsync();
        await transaction.CommitAsync();
        return CommandResult<string?>.Done(sent.Recipients);
    }
}
