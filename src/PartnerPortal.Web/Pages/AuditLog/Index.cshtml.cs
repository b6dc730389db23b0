using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using PartnerPortal.Domain.Audit;
using PartnerPortal.Web.Authorization;
using PartnerPortal.Web.Data;
using PartnerPortal.Web.Infrastructure;
using PartnerPortal.Web.Tenancy;

namespace PartnerPortal.Web.Pages.AuditLog;

/// <summary>The partner's audit log (issue 3 item 15), filtered by date and customer, newest first.</summary>
[Authorize(Policy = PortalPolicies.ViewAuditLog)]
public class IndexModel(PortalDbContext db, CrossOrganizationLookups lookups, ITenant tenant, IStringLocalizer<SharedResource> l) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public DateOnly? From { get; set; }

    [BindProperty(SupportsGet = true)]
    public DateOnly? To { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Customer { get; set; }

    [BindProperty(SupportsGet = true, Name = "action")]
    public string? ActionFilter { get; set; }

    public const int PageSize = 50;

    public IReadOnlyList<AuditEntry> Entries { get; private set; } = [];
    public SeekPager Pager { get; private set; } = SeekPager.Empty;

    /// <summary>English labels (localization keys) of the recorded actions.</summary>
    public static readonly IReadOnlyDictionary<string, string> ActionLabels = new Dictionary<string, string>
    {
        ["RelationshipRequested"] = "Reseller relationship requested",
        ["InvitationEmailSent"] = "Invitation email sent",
        ["CustomerAgreementAccepted"] = "Customer agreement accepted",
        ["RelationshipAccepted"] = "Relationship accepted",
        ["InvitationDeclined"] = "Invitation declined",
        ["DelegatedAdminRemoved"] = "Delegated admin removed",
        ["RelationshipRemoved"] = "Relationship removed",
        ["UserAdded"] = "User added",
        ["UserRolesChanged"] = "User roles changed",
        ["CustomerOrganizationCreated"] = "Customer organization created",
        ["PartnershipRequested"] = "Partnership requested",
        ["PartnershipAccepted"] = "Partnership accepted",
        ["PartnershipRemoved"] = "Partnership removed",
        ["CustomerAddedForReseller"] = "Customer added for reseller",
        ["SubscriptionsAdded"] = "Subscriptions added",
        ["SubscriptionUpdated"] = "Subscription updated",
        ["InvitationEmailRetried"] = "Invitation email retried",
        ["SignedIn"] = "Signed in",
        ["SignedInWithRecoveryCode"] = "Signed in with a recovery code",
        ["SignInFailed"] = "Sign-in failed",
        ["SignInCodeFailed"] = "Sign-in code refused",
        ["PasswordChanged"] = "Password changed",
        ["MfaEnrolled"] = "Multi-factor sign-in turned on",
        ["MfaReset"] = "Authenticator app reset",
        ["MfaRecoveryCodesRenewed"] = "New recovery codes drawn",
        ["MicrosoftEntraTenantLinked"] = "Microsoft Entra tenant linked",
        ["MicrosoftEntraTenantUnlinked"] = "Microsoft Entra tenant unlinked",
        ["MicrosoftSignInRequested"] = "Access asked with a Microsoft sign-in",
        ["MicrosoftSignInApproved"] = "Microsoft sign-in approved",
        ["MicrosoftSignInDeclined"] = "Microsoft sign-in declined",
        ["MicrosoftSignInRefused"] = "Microsoft sign-in refused",
        ["SignedInWithMicrosoft"] = "Signed in with Microsoft",
        ["AdminRelationshipRequested"] = "Admin relationship requested",
        ["AdminRelationshipLockedForApproval"] = "Admin relationship sent for approval",
        ["AdminRelationshipChanged"] = "Admin relationship changed",
        ["AdminRelationshipDeleted"] = "Admin relationship deleted",
        ["ApiApplicationRegistered"] = "API application registered",
        ["ApiApplicationRevoked"] = "API application revoked",
        ["AdminRelationshipEmailSent"] = "Admin relationship email sent",
        ["AdminRelationshipApproved"] = "Admin relationship approved",
        ["AdminRelationshipRejected"] = "Admin relationship rejected",
        ["AdminRelationshipTerminated"] = "Admin relationship terminated",
        ["AdminRelationshipWithdrawn"] = "Admin relationship request withdrawn",
        ["AdminRelationshipExpired"] = "Admin relationship expired",
        ["AdminRelationshipExtended"] = "Admin relationship extended",
        ["AdminRelationshipAutoExtendChanged"] = "Admin relationship auto-extend changed",
        ["AdminRelationshipReminderSent"] = "Admin relationship reminder sent",
        ["AccessAssigned"] = "Access assigned to a security group",
        ["AccessAssignmentChanged"] = "Security group's access changed",
        ["AccessAssignmentRemoved"] = "Security group's access removed",
        ["SecurityGroupCreated"] = "Security group created",
        ["SecurityGroupMemberAdded"] = "Security group member added",
        ["SecurityGroupMemberRemoved"] = "Security group member removed",
        ["SecurityGroupDeleted"] = "Security group deleted",
        ["AccessTemplateCreated"] = "Access template created",
        ["AccessTemplateChanged"] = "Access template changed",
        ["AccessTemplateDeleted"] = "Access template deleted",
        ["OnboardingStarted"] = "Onboarding started",
        ["OnboardingApproved"] = "Onboarding approved by the customer",
        ["OnboardingActive"] = "Onboarding active: groups assigned",
        ["OnboardingFailed"] = "Onboarding step failed",
        ["OnboardingRetried"] = "Onboarding retried",
        ["OnboardingCancelled"] = "Onboarding cancelled",
        ["OnboardingRejected"] = "Onboarding rejected by the customer",
        ["OnboardingExpiredUnapproved"] = "Onboarding expired unapproved",
    };

    public static string ActionLabel(string action) => ActionLabels.GetValueOrDefault(action, action);

    public async Task OnGetAsync()
    {
        if (From > To)
        {
            ModelState.AddModelError(string.Empty, l["The start date must not be after the end date."]);
            return;
        }

        // The query filter shows entries of the signed-in organization only; this page is for partners.
        var entries = db.AuditEntries.AsNoTracking().Where(a => a.PartnerId == tenant.PartnerId);
        if (From is { } from)
        {
            var start = new DateTimeOffset(from.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
            entries = entries.Where(a => a.At >= start);
        }

        // The last day there is has no day after it: "to 9999-12-31" simply has no upper bound.
        if (To is { } to && to < DateOnly.MaxValue)
        {
            var end = new DateTimeOffset(to.AddDays(1).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
            entries = entries.Where(a => a.At < end);
        }

        if (!string.IsNullOrWhiteSpace(ActionFilter))
        {
            entries = entries.Where(a => a.Action == ActionFilter);
        }

        if (!string.IsNullOrWhiteSpace(Customer))
        {
            // A rare name: the few customers so named, then this partner's entries about them (index lookups). A common one: the
            // newest entries whose subject contains it, found soon walking the (partner, time) index.
            var pattern = SearchPattern.Contains(Customer);
            var named = await lookups.CustomerIdsNamedLikeAsync(pattern, 100);
            entries = named is not null
                ? entries.Where(a => a.CustomerId != null && named.Contains(a.CustomerId.Value))
                : entries.Where(a => a.CustomerId != null && a.Subject != null && EF.Functions.ILike(a.Subject, EF.Constant(pattern)));
        }

        // Newest first, by (time, id); a cursor carries the time as UTC ticks.
        var request = SeekRequest.From(Request.Query);
        var ordered = entries.Seek(a => a.At, a => a.Id, SeekOrder.Descending, request, request.KeyAsTime);
        var rows = await ordered.Take(PageSize + 1).ToListAsync();
        var count = CappedCount.Of(await entries.OrderByDescending(a => a.At).ThenByDescending(a => a.Id).Take(CappedCount.Cap + 1).CountAsync());
        var page = SeekPager.Of(request, rows, PageSize, a => SeekRequest.Cursor(a.At, a.Id), count);
        (Entries, Pager) = (page.Rows, page.Pager);
    }
}
