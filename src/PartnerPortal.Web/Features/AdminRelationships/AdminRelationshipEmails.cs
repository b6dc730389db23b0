using System.Globalization;
using Microsoft.Extensions.Localization;
using PartnerPortal.Domain.AdminRelationships;
using PartnerPortal.Domain.Clouds;
using PartnerPortal.Web.Features.Invitations;
using PartnerPortal.Web.Localization;

namespace PartnerPortal.Web.Features.AdminRelationships;

/// <summary>The emails of granular delegated admin: the partner's request with its approval link, and the reminders before an end.</summary>
public sealed class AdminRelationshipEmails(IStringLocalizer<SharedResource> l)
{
    /// <summary>The draft the partner reviews, edits and sends (like seed 000 step 3), in the language the sender picks.</summary>
    public InvitationDraft Request(AdminRelationship relationship, string url, string senderName, string language) => In(language, () =>
    {
        var adminCenter = CloudPolicies.For(relationship.Cloud).GdapAdminCenterName ?? string.Empty;
        var roles = string.Join("\n", EntraRoles.InOrder(relationship.Roles).Select(r => $"- {l[r.Name]}: {l[r.Description]}"));
        var body = string.Join(
            "\n\n",
            l["Dear customer,"],
            l["{0} asks for administrative access to your organization through a granular delegated admin relationship named \"{1}\", for {2}. It asks for these Microsoft Entra roles only:", relationship.PartnerName, relationship.DisplayName, l.Plural(relationship.DurationDays, "{0} day|{0} days")],
            roles,
            relationship.AutoExtend ? l["The relationship extends itself by 180 days at its end unless either side turns this off."].Value : l["The relationship ends after this time unless you approve a new one."].Value,
            $"{l["To review and approve it, select the link below and sign in to the {0} with an administrator account of your organization:", l[adminCenter]]}\n{url}",
            l["If you have questions, reply to this email."],
            $"{l["Regards,"]}\n{senderName}\n{relationship.PartnerName}");
        return new InvitationDraft(l["{0} requests admin access to your organization", relationship.PartnerName], body + "\n");
    });

    /// <summary>
    /// The reminder to the partner's Global admins and Admin agents before an end without auto-extend: what ends, and what the
    /// partner can do (turn on auto-extend, or, with Global Administrator, request a new relationship).
    /// </summary>
    public InvitationDraft PartnerReminder(AdminRelationship relationship, DateTimeOffset endsAt, int daysBefore, string? detailsUrl, string language) => In(language, () =>
    {
        var customer = relationship.CustomerName ?? string.Empty;
        var subject = l["Your admin relationship \"{0}\" with {1} ends in {2}", relationship.DisplayName, customer, l.Plural(daysBefore, "{0} day|{0} days")];
        var body = string.Join(
            "\n\n",
            l["Hello,"],
            l["The granular delegated admin relationship \"{0}\" with {1} ends on {2:u}. Auto-extend is off, so your access to {1} through it ends then.", relationship.DisplayName, customer, endsAt.UtcDateTime],
            relationship.IncludesGlobalAdministrator
                ? l["It includes Global Administrator, so it cannot extend itself. To keep access, request a new admin relationship with the roles you need and ask {0} to approve it.", customer].Value
                : l["To keep access, turn on auto-extend on the relationship's page, or request a new admin relationship."].Value,
            detailsUrl is null ? l["Open Admin relationships in PartnerPortal to act on it."].Value : $"{l["Open the relationship in PartnerPortal:"]}\n{detailsUrl}",
            "PartnerPortal");
        return new InvitationDraft(subject, body + "\n");
    });

    /// <summary>
    /// The reminder to the customer's admins: what ends, what the partner loses, and whom to contact. It names no partner staff
    /// and gives no advice the customer cannot act on.
    /// </summary>
    public InvitationDraft CustomerReminder(AdminRelationship relationship, DateTimeOffset endsAt, int daysBefore, string language) => In(language, () =>
    {
        var subject = l["The admin relationship \"{0}\" with {1} ends in {2}", relationship.DisplayName, relationship.PartnerName, l.Plural(daysBefore, "{0} day|{0} days")];
        var roles = string.Join("\n", EntraRoles.InOrder(relationship.Roles).Select(r => $"- {l[r.Name]}"));
        var body = string.Join(
            "\n\n",
            l["Hello,"],
            l["The granular delegated admin relationship \"{0}\" that gives {1} administrative access to your organization ends on {2:u}. From then on, {1} no longer has these Microsoft Entra roles in your organization:", relationship.DisplayName, relationship.PartnerName, endsAt.UtcDateTime],
            roles,
            l["You need not do anything for it to end. If you want {0} to keep managing your services, contact {0}: they can send you a new admin relationship to approve.", relationship.PartnerName],
            "PartnerPortal");
        return new InvitationDraft(subject, body + "\n");
    });

    /// <summary>The language of an organization's emails: Simplified Chinese in the 21Vianet cloud, otherwise English.</summary>
    public static string LanguageOf(Cloud cloud) => cloud == Cloud.China21Vianet ? "zh-Hans" : "en";

    /// <summary>Composes a message in <paramref name="language"/> (English when it is not one the portal speaks).</summary>
    public static InvitationDraft In(string language, Func<InvitationDraft> compose)
    {
        var previous = CultureInfo.CurrentUICulture;
        CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo(InvitationEmailComposer.IsSupported(language) ? language : "en");
        try
        {
            return compose();
        }
        finally
        {
            CultureInfo.CurrentUICulture = previous;
        }
    }
}
