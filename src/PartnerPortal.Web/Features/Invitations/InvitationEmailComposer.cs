using System.Globalization;
using Microsoft.Extensions.Localization;
using PartnerPortal.Domain.Clouds;
using PartnerPortal.Domain.Invitations;
using PartnerPortal.Domain.Partners;
using PartnerPortal.Web.Infrastructure;

namespace PartnerPortal.Web.Features.Invitations;

public sealed record InvitationDraft(string Subject, string Body);

/// <summary>Writes the draft email of seed 000 step 3 / seed 004 step 2, in the language the sender picks.</summary>
public sealed class InvitationEmailComposer(IStringLocalizer<SharedResource> l)
{
    public static bool IsSupported(string? language) => PortalSetup.SupportedCultures.Any(c => c.Name == language);

    public InvitationDraft Compose(InvitationLink link, Partner inviter, Partner? provider, string url, string senderName, string language)
    {
        var previous = CultureInfo.CurrentUICulture;
        CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo(IsSupported(language) ? language : "en");
        try
        {
            return link.Kind == InvitationKind.Partnership
                ? PartnershipDraft(inviter, url, senderName)
                : RelationshipDraft(link, inviter, provider, url, senderName);
        }
        finally
        {
            CultureInfo.CurrentUICulture = previous;
        }
    }

    private InvitationDraft RelationshipDraft(InvitationLink link, Partner inviter, Partner? provider, string url, string senderName)
    {
        var policy = CloudPolicies.For(inviter.Cloud);
        var subject = l["{0} requests a reseller relationship with your organization", inviter.DisplayName];
        var intro = provider is null
            ? l["{0} would like to become your Cloud Solution Provider partner.", inviter.DisplayName]
            : l["{0} would like to become your Cloud Solution Provider partner, on behalf of its indirect provider {1}.", inviter.DisplayName, provider.DisplayName];
        var scope = link.IncludesDelegatedAdmin
            ? l["This request includes delegated administration privileges for Azure Active Directory and Office 365, so that we can manage your services on your behalf."]
            : l["This request does not include delegated administration privileges."];
        var action = l["To accept, select the link below and sign in to the {0} with an administrator account of your organization:", l[policy.AdminCenterName]];
        var body = string.Join(
            "\n\n",
            l["Dear customer,"],
            $"{intro} {scope}",
            $"{action}\n{url}",
            l["If you have questions, reply to this email."],
            $"{l["Regards,"]}\n{senderName}\n{inviter.DisplayName}");
        return new InvitationDraft(subject, body + "\n");
    }

    private InvitationDraft PartnershipDraft(Partner provider, string url, string senderName)
    {
        var subject = l["{0} invites you to partner as an indirect reseller", provider.DisplayName];
        var body = string.Join(
            "\n\n",
            l["Hello,"],
            l["{0} would like to establish a partnership with you in the Cloud Solution Provider program, so that we can both serve common customers.", provider.DisplayName],
            $"{l["To accept, select the link below and sign in to your Partner Center account:"]}\n{url}",
            l["If you have questions, reply to this email."],
            $"{l["Regards,"]}\n{senderName}\n{provider.DisplayName}");
        return new InvitationDraft(subject, body + "\n");
    }
}
