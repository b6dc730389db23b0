using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using PartnerPortal.Domain.Onboarding;
using PartnerPortal.Web.Authorization;
using PartnerPortal.Web.Features.Onboarding;
using PartnerPortal.Web.Infrastructure;
using PartnerPortal.Web.Localization;

namespace PartnerPortal.Web.Pages.Onboarding;

/// <summary>
/// One batch (issue 19): its progress, and its rows with each step's time, a page at a time; Retry and Cancel for one row or a
/// selection. While rows are still being sent the page refreshes itself every few seconds.
/// </summary>
[Authorize(Policy = PortalPolicies.ManageAdminRelationships)]
public class BatchModel(OnboardingReads reads, OnboardingCommands commands, IStringLocalizer<SharedResource> l) : PageModel
{
    public BatchProgress Progress { get; private set; } = null!;

    public IReadOnlyList<Domain.Onboarding.Onboarding> Rows { get; private set; } = [];

    [BindProperty(SupportsGet = true)]
    public OnboardingState? State { get; set; }

    [BindProperty(SupportsGet = true)]
    public Guid? After { get; set; }

    public Guid? Next { get; private set; }

    [BindProperty]
    public List<Guid> Selected { get; set; } = [];

    public async Task<IActionResult> OnGetAsync(Guid id) => await LoadAsync(id) ? Page() : NotFound();

    public Task<IActionResult> OnPostRetryAsync(Guid id) => ChangeAsync(id, commands.RetryAsync, "{0} retried.");

    public Task<IActionResult> OnPostCancelAsync(Guid id) => ChangeAsync(id, commands.CancelAsync, "{0} cancelled.");

    private async Task<IActionResult> ChangeAsync(Guid id, Func<System.Security.Claims.ClaimsPrincipal, IReadOnlyCollection<Guid>, Task<CommandResult<OnboardingChange>>> change, string done)
    {
        var changed = await change(User, Selected);
        if (!changed.Succeeded)
        {
            if (!await LoadAsync(id))
            {
                return NotFound();
            }

            return this.Failure(changed, l)!;
        }

        var outcome = changed.Value!;
        var message = l[done, l.Plural(outcome.Changed, "{0} onboarding|{0} onboardings")].Value;
        if (outcome.Refused.Count > 0)
        {
            message += " " + string.Join(" ", outcome.Refused.Select(r => l["{0}: {1}", r.Customer, l.Localize(r.Error)].Value));
        }

        TempData["StatusMessage"] = message;
        return RedirectToPage(new { id, State });
    }

    private async Task<bool> LoadAsync(Guid id)
    {
        if (await reads.BatchAsync(id) is not { } progress)
        {
            return false;
        }

        Progress = progress;
        var rows = await reads.RowsAsync(id, State, After);
        Next = rows.Count > OnboardingReads.PageSize ? rows[OnboardingReads.PageSize - 1].Id : null;
        Rows = rows.Take(OnboardingReads.PageSize).ToList();
        return true;
    }
}
