using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using PartnerPortal.Domain.Access;
using PartnerPortal.Domain.Clouds;
using PartnerPortal.Domain.Customers;
using PartnerPortal.Domain.Geography;
using PartnerPortal.Domain.Invitations;
using PartnerPortal.Web.Data;
using PartnerPortal.Web.Identity;
using PartnerPortal.Web.Infrastructure;
using PartnerPortal.Web.Localization;
using PartnerPortal.Web.Pages.Shared;

namespace PartnerPortal.Web.Pages.AdminCenter;

/// <summary>
/// A customer that is new to the cloud creates its organization and first admin account from the invitation link
/// (issue 3, item 7), in the inviting partner's cloud, then returns to the invitation signed in.
/// </summary>
[AllowAnonymous]
public class CreateOrganizationModel(
    PortalDbContext db,
    CrossOrganizationLookups lookups,
    UserManager<ApplicationUser> users,
    SignInManager<ApplicationUser> signIn,
    AuditTrail audit,
    TimeProvider clock,
    IStringLocalizer<SharedResource> l) : PageModel
{
    [BindProperty]
    public InputModel Input { get; set; } = new();

    [BindProperty(SupportsGet = true, Name = "ref")]
    public Guid? Ref { get; set; }

    public string Code { get; private set; } = string.Empty;
    public string InviterName { get; private set; } = string.Empty;
    public string DomainSuffix { get; private set; } = string.Empty;
    public IReadOnlyList<(string Code, string Name)> CountryOptions { get; private set; } = [];
    private CloudPolicy _policy = CloudPolicies.Public;

    public sealed class InputModel : CustomerDetailsInput
    {
        [Required(ErrorMessage = "Enter the person's name.")]
        [StringLength(200)]
        public string AdminName { get; set; } = string.Empty;

        [Required(ErrorMessage = "Enter a user name.")]
        [RegularExpression("^[A-Za-z0-9._-]{1,64}$", ErrorMessage = "A user name may contain letters, digits, dots, hyphens and underscores.")]
        public string AdminUserName { get; set; } = "admin";

        [Required(ErrorMessage = "Enter a new password.")]
        [DataType(DataType.Password)]
        public string Password { get; set; } = string.Empty;

        [DataType(DataType.Password)]
        [Compare(nameof(Password), ErrorMessage = "The new passwords do not match.")]
        public string ConfirmPassword { get; set; } = string.Empty;
    }

    public async Task<IActionResult> OnGetAsync(string code) => await LoadAsync(code) ? Page() : NotFound();

    public async Task<IActionResult> OnPostAsync(string code)
    {
        if (!await LoadAsync(code))
        {
            return NotFound();
        }

        if (Input.Country is { Length: > 0 } && !_policy.AllowsCountry(Input.Country))
        {
            ModelState.AddModelError("Input.Country", l["Choose a country from the list."]);
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        var now = clock.GetUtcNow();
        var adminEmail = $"{Input.AdminUserName}@{Input.DomainIn(_policy.Cloud)}";
        var created = Input.ToCustomer(_policy.Cloud, Input.AdminName, adminEmail, now);
        if (!created.Succeeded)
        {
            ModelState.AddModelError(string.Empty, l.Localize(created.Error!));
            return Page();
        }

        var customer = created.Value;
        if (await lookups.DomainTakenAsync(customer.Domain))
        {
            ModelState.AddModelError("Input.DomainPrefix", l["The domain {0} is already taken. Choose another name.", customer.Domain]);
            return Page();
        }

        await using var transaction = await db.Database.BeginTransactionAsync();
        db.Customers.Add(customer);
        await db.SaveChangesAsync();
        var admin = new ApplicationUser { UserName = adminEmail, Email = adminEmail, DisplayName = Input.AdminName.Trim(), CustomerId = customer.Id, EmailConfirmed = true };
        var result = await users.CreateAsync(admin, Input.Password);
        if (!result.Succeeded)
        {
            await transaction.RollbackAsync();
            db.ChangeTracker.Clear();
            result.Errors.ToList().ForEach(e => ModelState.AddModelError("Input.Password", e.Description));
            return Page();
        }

        await users.AddToRoleAsync(admin, CustomerRole.CustomerAdmin);
        audit.Record("CustomerOrganizationCreated", null, customer.Id, customer.CompanyName, null, new { customer.CompanyName, customer.Domain, customer.Country, Cloud = customer.Cloud.ToString() });
        await db.SaveChangesAsync();
        await transaction.CommitAsync();

        await signIn.SignInAsync(admin, isPersistent: false);
        return Redirect($"/AdminCenter/Invitation/{Code}" + (Ref is null ? string.Empty : $"?ref={Ref}"));
    }

    private async Task<bool> LoadAsync(string code)
    {
        var link = await lookups.FindInvitationLinkAsync(code);
        if (link is null || link.Kind != InvitationKind.ResellerRelationship || await lookups.FindPartnerAsync(link.PartnerId) is not { } inviter)
        {
            return false;
        }

        Code = link.Code;
        InviterName = inviter.DisplayName;
        _policy = CloudPolicies.For(inviter.Cloud);
        DomainSuffix = _policy.InitialDomainSuffix;
        ViewData["AdminCenter"] = _policy.AdminCenterName;
        CountryOptions = CountryNames.All().Where(c => _policy.AllowsCountry(c.Code)).ToList();
        return true;
    }
}
