using System.Globalization;
using Microsoft.Extensions.Localization;
using PartnerPortal.Domain.AdminRelationships;
using PartnerPortal.Domain.Clouds;
using PartnerPortal.Web.Invitations;

namespace PartnerPortal.Web.AdminRelationships;

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
            l["{0} asks for administrative access to your organization through a granular delegated admin relationship named \"{1}\", for {2} days. It asks for these Microsoft Entra roles only:", relationship.PartnerName, relationship.DisplayName, relationship.DurationDays],
            roles,
            relationship.AutoExtend ? l["The relationship extends itself by 180 days at its end unless either side turns this off."].Value : l["The relationship ends after this time unless you approve a new one."].Value,
            $"{l["To review and approve it, select the link below and sign in to the {0} with an administrator account of your organization:", l[adminCenter]]}\n{url}",
            l["If you have questions, reply to this email."],
            $"{l["Regards,"]}\n{senderName}\n{relationship.PartnerName}");
        return new InvitationDraft(l["{0} requests admin access to your organization", relationship.PartnerName], body + "\n");
    });

    /// <summary>The reminder the background job sends to both sides before an end without auto-extend.</summary>
    public InvitationDraft Reminder(AdminRelationship relationship, DateTimeOffset endsAt, int daysBefore, string language) => In(language, () =>
    {
        var subject = l["The admin relationship \"{0}\" between {1} and {2} ends in {3} days", relationship.DisplayName, relationship.PartnerName, relationship.CustomerName ?? string.Empty, daysBefore];
        var body = string.Join(
            "\n\n",
            l["Hello,"],
            l["The granular delegated admin relationship \"{0}\" between {1} and {2} ends on {3:u}. Auto-extend is off, so the partner's access to the customer ends then.", relationship.DisplayName, relationship.PartnerName, relationship.CustomerName ?? string.Empty, endsAt.UtcDateTime],
            l["To keep working together, the partner can turn on auto-extend (unless the relationship includes Global Administrator) or request a new admin relationship."],
            "PartnerPortal");
        return new InvitationDraft(subject, body + "\n");
    });

    /// <summary>The language of an organization's emails: Simplified Chinese in the 21Vianet cloud, otherwise English.</summary>
    public static string LanguageOf(Cloud cloud) => cloud == Cloud.China21Vianet ? "zh-Hans" : "en";

    private static InvitationDraft In(string language, Func<InvitationDraft> compose)
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
