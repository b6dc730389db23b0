using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using PartnerPortal.Web.Authorization;
using PartnerPortal.Web.Features.Users;
using PartnerPortal.Web.Infrastructure;

namespace PartnerPortal.Web.Pages.Users;

[Authorize(Policy = PortalPolicies.ManageUsers)]
public class CreateModel(AddUserHandler addUser, IStringLocalizer<SharedResource> l) : PageModel
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
        if (!ModelState.IsValid)
        {
            return Page();
        }

        var result = await addUser.HandleAsync(User, new NewUser(Input.DisplayName, Input.Email, Input.Roles));

        // An address already in use is the field to change.
        if (this.Failure(result, l, kind => kind == PortalRefusals.Users.AlreadyUser || kind == PortalRefusals.Entra.AddressNotUsable ? "Input.Email" : null) is { } failure)
        {
            return failure;
        }

        CreatedPassword = result.Value!.TemporaryPassword;
        return Page();
    }
}
