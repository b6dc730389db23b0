using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Localization;
using PartnerPortal.Web.Features.Customers;
using PartnerPortal.Web.Identity;
using PartnerPortal.Web.Infrastructure;
using PartnerPortal.Web.Pages.Shared;
using PartnerPortal.Web.Validation;

namespace PartnerPortal.Web.Pages.AdminCenter;

/// <summary>
/// A customer that is new to the cloud creates its organization and first admin account from the invitation link
/// (issue 3, item 7), in the inviting partner's cloud, then returns to the invitation signed in.
/// </summary>
[AllowAnonymous]
[EnableRateLimiting(PartnerPortal.Web.Security.RateLimiting.SignUp)]
public class CreateOrganizationModel(CreateOrganizationHandler createOrganization, SignInManager<ApplicationUser> signIn, IStringLocalizer<SharedResource> l) : PageModel
{
    [BindProperty]
    public InputModel Input { get; set; } = new();

    [BindProperty(SupportsGet = true, Name = "ref")]
    public Guid? Ref { get; set; }

    public string Code { get; private set; } = string.Empty;
    public string InviterName { get; private set; } = string.Empty;
    public string DomainSuffix { get; private set; } = string.Empty;
    public IReadOnlyList<(string Code, string Name)> CountryOptions { get; private set; } = [];
    private OrganizationSignUp? _signUp;

    public sealed class InputModel : CustomerDetailsInput
    {
        /// <summary>Checked with the details by <see cref="NewOrganizationValidator"/>.</summary>
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

        /// <summary>Drawn with the form: submitting it twice creates the organization once.</summary>
        public Guid FormToken { get; set; }
    }

    public async Task<IActionResult> OnGetAsync(string code)
    {
        if (!await LoadAsync(code))
        {
            return NotFound();
        }

        Input.FormToken = Guid.NewGuid();
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string code)
    {
        if (!await LoadAsync(code))
        {
            return NotFound();
        }

        var input = new NewOrganization(Input.ToDetails(), Input.AdminName, Input.AdminUserName, Input.Password, Input.FormToken);
        (await createOrganization.ValidateAsync(_signUp!, input)).AddTo(ModelState, "Input.", l);
        if (!ModelState.IsValid)
        {
            return Page();
        }

        var result = await createOrganization.HandleAsync(_signUp!, input);

        // A taken domain and a password Identity refuses belong to their fields; the rest to the whole form.
        if (this.Failure(result, l, kind => kind == PortalRefusals.Customers.DomainTaken ? "Input.DomainPrefix" : kind == PortalRefusals.Users.AccountNotCreated ? "Input.Password" : null) is { } failure)
        {
            return failure;
        }

        await signIn.SignInAsync(result.Value!, isPersistent: false);
        return Redirect($"/AdminCenter/Invitation/{Code}" + (Ref is null ? string.Empty : $"?ref={Ref}"));
    }

    private async Task<bool> LoadAsync(string code)
    {
        _signUp = await createOrganization.LoadAsync(code);
        if (_signUp is null)
        {
            return false;
        }

        (Code, InviterName, DomainSuffix, CountryOptions) = (_signUp.Code, _signUp.InviterName, _signUp.Policy.InitialDomainSuffix, _signUp.Countries);
        ViewData["AdminCenter"] = _signUp.Policy.AdminCenterName;
        return true;
    }
}
