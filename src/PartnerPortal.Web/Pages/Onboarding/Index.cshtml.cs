using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using PartnerPortal.Web.Authorization;
using PartnerPortal.Web.Data;
using PartnerPortal.Web.Features.Invitations;
using PartnerPortal.Web.Features.Onboarding;
using PartnerPortal.Web.Infrastructure;

namespace PartnerPortal.Web.Pages.Onboarding;

/// <summary>
/// Onboard customers (issue 19): a template, and customers chosen on Customers and/or a CSV of domains; "Next: Preview" lists
/// what will be sent and what is refused and why, before anything is made; "Start onboarding" makes the batch, which the
/// background job sends. Below, the recent batches with their progress.
/// </summary>
[Authorize(Policy = PortalPolicies.ManageAdminRelationships)]
public class IndexModel(PortalDbContext db, OnboardCustomers onboard, OnboardingReads reads, IConfiguration configuration, IStringLocalizer<SharedResource> l) : PageModel
{
    /// <summary>The largest CSV file accepted: 2 MB is some 40,000 domains.</summary>
    public const int MaxCsvBytes = 2 * 1024 * 1024;

    [BindProperty(SupportsGet = true)]
    public Guid? Template { get; set; }

    [BindProperty(SupportsGet = true)]
    public List<Guid> Customers { get; set; } = [];

    [BindProperty]
    public string? Csv { get; set; }

    [BindProperty]
    public IFormFile? CsvFile { get; set; }

    [BindProperty]
    public Guid FormToken { get; set; }

    public IReadOnlyList<(Guid Id, string Name)> Templates { get; private set; } = [];

    public IReadOnlyList<string> ChosenNames { get; private set; } = [];

    public OnboardingPreview? Preview { get; private set; }

    public IReadOnlyList<BatchProgress> Batches { get; private set; } = [];

    public async Task OnGetAsync() => await LoadAsync();

    public async Task<IActionResult> OnPostPreviewAsync()
    {
        if (await ReadFileAsync() is { } tooLarge)
        {
            await LoadAsync();
            return tooLarge;
        }

        var preview = await onboard.PreviewAsync(User, Source());
        await LoadAsync();
        if (this.Failure(preview, l) is { } failure)
        {
            return failure;
        }

        Preview = preview.Value;
        FormToken = Guid.NewGuid();
        return Page();
    }

    public async Task<IActionResult> OnPostStartAsync()
    {
        var origin = InvitationLinks.Origin(Request, configuration["Portal:PublicUrl"]);
        var started = await onboard.StartAsync(User, Source(), FormToken, origin);
        if (this.Failure(started, l) is { } failure)
        {
            await LoadAsync();
            return failure;
        }

        TempData["StatusMessage"] = l["Onboarding started. The requests are sent in the background; this page shows their progress."].Value;
        return RedirectToPage("Batch", new { id = started.Value });
    }

    private OnboardingSource Source() => new(Template ?? Guid.Empty, Customers, Csv);

    private async Task<IActionResult?> ReadFileAsync()
    {
        if (CsvFile is not { Length: > 0 } file)
        {
            return null;
        }

        if (file.Length > MaxCsvBytes)
        {
            ModelState.AddModelError(nameof(CsvFile), l["The file is larger than {0} MB. Split it into smaller files.", MaxCsvBytes / 1024 / 1024]);
            return Page();
        }

        using var reader = new StreamReader(file.OpenReadStream(), System.Text.Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
        var text = await reader.ReadToEndAsync();
        Csv = string.IsNullOrWhiteSpace(Csv) ? text : Csv.TrimEnd() + "\n" + text;
        return null;
    }

    private async Task LoadAsync()
    {
        Templates = (await db.AccessTemplates.AsNoTracking().OrderBy(t => t.Name).Select(t => new { t.Id, t.Name }).ToListAsync()).Select(t => (t.Id, t.Name)).ToList();
        var ids = Customers.Distinct().ToArray();
        ChosenNames = await db.Customers.AsNoTracking().Where(c => ids.Contains(c.Id)).OrderBy(c => c.CompanyName).Select(c => c.CompanyName).ToListAsync();
        Batches = await reads.RecentBatchesAsync();
    }
}
