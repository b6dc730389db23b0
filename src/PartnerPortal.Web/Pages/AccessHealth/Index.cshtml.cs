using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using PartnerPortal.Web.Authorization;
using PartnerPortal.Web.Features.Onboarding;
using PartnerPortal.Web.Infrastructure;

namespace PartnerPortal.Web.Pages.AccessHealth;

/// <summary>
/// Access health (issue 19): what needs a person, per customer, with a tile per problem, search, CSV, and the fix in one click:
/// request again from a template (the onboarding preview for that customer), Re-assign groups for a drift, Retry a failed
/// step, Replace DAP with GDAP.
/// </summary>
[Authorize(Policy = PortalPolicies.ManageAdminRelationships)]
public class IndexModel(Features.Onboarding.AccessHealth health, Features.Relationships.RemoveDelegatedAdminHandler removeDap, IStringLocalizer<SharedResource> l) : PageModel
{
    public const int MaxCsvRows = 10_000;

    [BindProperty(SupportsGet = true)]
    public HealthProblem? Problem { get; set; }

    [BindProperty(SupportsGet = true, Name = "q")]
    public string? Query { get; set; }

    /// <summary>The page of one problem's rows (1 is the first); the list of all problems has one page.</summary>
    [BindProperty(SupportsGet = true, Name = "p")]
    public int Number { get; set; } = 1;

    public HealthView View { get; private set; } = new(new Dictionary<HealthProblem, int>(), [], false);

    public async Task OnGetAsync()
    {
        Number = Problem is null ? 1 : Math.Clamp(Number, 1, 100_000);
        View = await health.ReadAsync(Problem, Query, skip: (Number - 1) * Features.Onboarding.AccessHealth.PageSize);
    }

    public async Task<IActionResult> OnGetCsvAsync()
    {
        var view = await health.ReadAsync(Problem, Query, MaxCsvRows);
        var header = new[] { l["Problem"].Value, l["Customer"].Value, l["Domain"].Value, l["Admin relationship"].Value, l["Ends"].Value };
        var records = view.Rows.Select(r => new[]
        {
            l[Label(r.Problem)].Value, r.CompanyName, r.Domain, r.RelationshipName ?? string.Empty,
            r.EndsAt?.ToString("u", CultureInfo.InvariantCulture) ?? string.Empty,
        });
        return File(CsvFiles.Bytes(records.Prepend(header)), "text/csv; charset=utf-8", "access-health.csv");
    }

    /// <summary>Remove DAP: the partner gives up its own delegated admin privileges on the customer, once GDAP is in force.</summary>
    public async Task<IActionResult> OnPostRemoveDapAsync(Guid customer)
    {
        var done = await removeDap.PartnerGivesUpAsync(User, customer);
        if (this.Failure(done, l) is { } failure)
        {
            View = await health.ReadAsync(Problem, Query);
            return failure;
        }

        TempData["StatusMessage"] = l["Delegated admin privileges removed for {0}. Your access there is now the granular relationship's roles only.", done.Value!].Value;
        return RedirectToPage(new { Problem, q = Query });
    }

    public async Task<IActionResult> OnPostReassignAsync(Guid onboarding)
    {
        var done = await health.ReassignAsync(User, onboarding);
        if (this.Failure(done, l) is { } failure)
        {
            View = await health.ReadAsync(Problem, Query);
            return failure;
        }

        TempData["StatusMessage"] = l["The template's groups hold their roles again ({0} changed).", done.Value].Value;
        return RedirectToPage(new { Problem, q = Query });
    }

    public static string Label(HealthProblem problem) => problem switch
    {
        HealthProblem.NoRelationship => "No admin relationship",
        HealthProblem.EndedNoReplacement => "Ended, not replaced",
        HealthProblem.EndingSoon => "Ending within 30 days, auto-extend off",
        HealthProblem.Drift => "Groups differ from the template",
        HealthProblem.Failed => "Onboarding failed",
        HealthProblem.DapBesideGdap => "Delegated admin (DAP) beside GDAP",
        _ => "Delegated admin (DAP) without GDAP",
    };

    public static string Explanation(HealthProblem problem) => problem switch
    {
        HealthProblem.NoRelationship => "You have no granular admin relationship in force with this customer, and none is waiting for its approval.",
        HealthProblem.EndedNoReplacement => "Its admin relationship expired or was terminated, and nothing replaced it: your access through it has ended.",
        HealthProblem.EndingSoon => "This relationship ends soon and will not extend itself. Turn on auto-extend, or request a new one.",
        HealthProblem.Drift => "A security group of the template has no access here, or other roles than the template gives it.",
        HealthProblem.Failed => "An onboarding step failed. Its reason is on the batch page; fix it, then Retry.",
        HealthProblem.DapBesideGdap => "A granular relationship is in force with this customer, and you still hold delegated admin privileges (DAP). Remove DAP so only the least-privileged roles remain.",
        _ => "You still hold delegated admin privileges (DAP) for this customer and no granular relationship. Microsoft recommends replacing DAP with least-privileged GDAP.",
    };
}
