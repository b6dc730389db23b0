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
public class IndexModel(PortalDbContext db, ITenant tenant, IStringLocalizer<SharedResource> l) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public DateOnly? From { get; set; }

    [BindProperty(SupportsGet = true)]
    public DateOnly? To { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Customer { get; set; }

    // From the query string only: "page" is also Razor Pages' own route value (the page's path), which BindProperty would bind first.
    [FromQuery(Name = "page")]
    public int PageNumber { get; set; } = 1;

    public IReadOnlyList<AuditEntry> Entries { get; private set; } = [];
    public Pager Pager { get; private set; } = Pager.Empty;

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

        if (!string.IsNullOrWhiteSpace(Customer))
        {
            var pattern = SearchPattern.Contains(Customer);
            entries = entries.Where(a => a.CustomerId != null && a.Subject != null && EF.Functions.ILike(a.Subject, pattern));
        }

        Pager = new Pager(PageNumber, 50, await entries.CountAsync());
        Entries = await entries.OrderByDescending(a => a.At).ThenByDescending(a => a.Id).Skip(Pager.Skip).Take(Pager.Size).ToListAsync();
    }
}
