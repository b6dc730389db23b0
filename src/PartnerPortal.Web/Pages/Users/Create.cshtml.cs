using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Npgsql;
using PartnerPortal.Domain.Access;
using PartnerPortal.Web.Authorization;
using PartnerPortal.Web.Data;
using PartnerPortal.Web.Identity;
using PartnerPortal.Web.Infrastructure;
using PartnerPortal.Web.Tenancy;

namespace PartnerPortal.Web.Pages.Users;

[Authorize(Policy = PortalPolicies.ManageUsers)]
public class CreateModel(UserManager<ApplicationUser> users, PortalDbContext db, AuditTrail audit, ITenant tenant, IStringLocalizer<SharedResource> l) : PageModel
{
    [BindProperty]
    public InputModel Input { get; set; } = new();

    /// <summary>Shown once, right after creation; never stored in clear.</summary>
    public string? CreatedPassword { get; private set; }

    public sealed class InputModel
    {
        [Required(ErrorMessage = "Enter the person's name.")]
        [StringLength(200)]
        public string DisplayName { get; set; } = string.Empty;

        [Required(ErrorMessage = "Enter your email.")]
        [EmailAddress(ErrorMessage = "Enter a valid email address.")]
        [StringLength(256)]
        public string Email { get; set; } = string.Empty;

        public List<string> Roles { get; set; } = [];
    }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var roles = Input.Roles.Where(r => PartnerRole.All.Contains(r)).Distinct().ToList();
        if (roles.Count == 0 || roles.Count != Input.Roles.Count)
        {
            ModelState.AddModelError(string.Empty, l["Choose at least one role from the list."]);
        }

        if (!ModelState.IsValid || tenant.PartnerId is not { } partnerId)
        {
            return Page();
        }

        var allowed = RoleChangeRules.Check(User.Roles(), changingOwnRoles: false, [], roles);
        if (!allowed.Succeeded)
        {
            ModelState.AddModelError(string.Empty, l.Localize(allowed.Error!));
            return Page();
        }

        // Whose address it is stays unsaid: one organization must not learn that an address belongs to another.
        if (await users.FindByEmailAsync(Input.Email) is { } existing)
        {
            ModelState.AddModelError("Input.Email", existing.PartnerId == partnerId
                ? l["{0} is already a user of your organization.", Input.Email]
                : l["This email address cannot be used for a new user. Use the person's own work address."]);
            return Page();
        }

        var password = TemporaryPassword.Generate();
        var user = new ApplicationUser
        {
            UserName = Input.Email,
            Email = Input.Email,
            DisplayName = Input.DisplayName.Trim(),
            PartnerId = partnerId,
            MustChangePassword = true,
        };
        // The account, its roles and the audit entry are one transaction (the user store shares this scope's context): a
        // database lost half-way leaves no account without roles.
        await using var transaction = await db.Database.BeginTransactionAsync();
        IdentityResult created;
        try
        {
            created = await users.CreateAsync(user, password);
        }
        catch (DbUpdateException e) when (e.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
        {
            // The same address was added a moment earlier (a second click, or a colleague).
            ModelState.AddModelError("Input.Email", l["This email address cannot be used for a new user. Use the person's own work address."]);
            return Page();
        }

        if (!created.Succeeded)
        {
            created.Errors.ToList().ForEach(e => ModelState.AddModelError(string.Empty, e.Description));
            return Page();
        }

        await users.AddToRolesAsync(user, roles);
        audit.Record("UserAdded", partnerId, null, user.Email, null, new { user.Email, Roles = roles });
        await db.SaveChangesAsync();
        await transaction.CommitAsync();
        CreatedPassword = password;
        return Page();
    }
}
