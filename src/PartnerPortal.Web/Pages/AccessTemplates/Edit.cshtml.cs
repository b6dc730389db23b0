using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using PartnerPortal.Domain.AdminRelationships;
using PartnerPortal.Domain.Onboarding;
using PartnerPortal.Web.Authorization;
using PartnerPortal.Web.Data;
using PartnerPortal.Web.Features.Onboarding;
using PartnerPortal.Web.Infrastructure;

namespace PartnerPortal.Web.Pages.AccessTemplates;

/// <summary>
/// A new access template, a copy of a starter, or one of the partner's own to change. Its lines are rows of a plain form (a
/// group and its roles); "Add a line" posts back for one more empty row, so the page needs no script.
/// </summary>
[Authorize(Policy = PortalPolicies.ManageAdminRelationships)]
public class EditModel(PortalDbContext db, AccessTemplateCommands commands, IStringLocalizer<SharedResource> l) : PageModel
{
    [BindProperty]
    public AccessTemplateForm Input { get; set; } = new();

    public Guid? Id { get; private set; }

    public IReadOnlyList<(Guid Id, string Name)> Groups { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(Guid? id, string? starter)
    {
        if (id is { } existing)
        {
            var template = await db.AccessTemplates.AsNoTracking().Include(t => t.Lines).SingleOrDefaultAsync(t => t.Id == existing);
            if (template is null)
            {
                return NotFound();
            }

            // The lines in the order of their groups' names, the order the page lists groups in.
            var names = await db.SecurityGroups.IgnoreQueryFilters([QueryFilters.Deleted]).AsNoTracking().ToDictionaryAsync(g => g.Id, g => g.Name);

            Id = existing;
            Input = AccessTemplateForm.Of(template, names);
        }
        else if (StarterTemplates.Find(starter) is { } copy)
        {
            Input = new AccessTemplateForm { Name = l[copy.Name], Purpose = l[copy.Purpose], Lines = [new() { Roles = copy.Roles.ToList() }] };
        }

        return await PageAsync(extraLine: Input.Lines.Count == 0);
    }

    public async Task<IActionResult> OnPostAddLineAsync(Guid? id)
    {
        if (id is { } existing && !await db.AccessTemplates.AnyAsync(t => t.Id == existing))
        {
            return NotFound();
        }

        Id = id;
        ModelState.Clear();
        return await PageAsync(extraLine: true);
    }

    public async Task<IActionResult> OnPostAsync(Guid? id)
    {
        Id = id;
        var input = Input.ToInput();
        var saved = id is { } existing ? await commands.ChangeAsync(User, existing, input, Input.Version) : await commands.CreateAsync(User, input);
        if (this.Failure(saved, l) is { } failure)
        {
            await PageAsync(extraLine: false);
            return failure;
        }

        TempData["StatusMessage"] = l["Access template {0} saved.", Input.Name!.Trim()].Value;
        return RedirectToPage("Index");
    }

    public async Task<IActionResult> OnPostDeleteAsync(Guid id)
    {
        var deleted = await commands.DeleteAsync(User, id);
        if (this.Failure(deleted, l) is { } failure)
        {
            Id = id;
            await PageAsync(extraLine: false);
            return failure;
        }

        TempData["StatusMessage"] = l["Access template deleted. Onboardings already made from it go on unchanged."].Value;
        return RedirectToPage("Index");
    }

    private async Task<IActionResult> PageAsync(bool extraLine)
    {
        Groups = (await db.SecurityGroups.AsNoTracking().OrderBy(g => g.Name).Select(g => new { g.Id, g.Name }).ToListAsync()).Select(g => (g.Id, g.Name)).ToList();
        if (extraLine)
        {
            Input.Lines.Add(new());
        }

        return Page();
    }

    public static IReadOnlyList<EntraRole> Roles => EntraRoles.All;
}
