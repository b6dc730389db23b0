using FluentValidation;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using PartnerPortal.Web.Authorization;
using PartnerPortal.Web.Features.Users;
using PartnerPortal.Web.Infrastructure;
using PartnerPortal.Web.Validation;

namespace PartnerPortal.Web.Pages.Users;

[Authorize(Policy = PortalPolicies.ManageUsers)]
public class CreateModel(AddUserHandler addUser, IValidator<NewUser> rules, IStringLocalizer<SharedResource> l) : PageModel
{
    [BindProperty]
    public InputModel Input { get; set; } = new();

    /// <summary>Shown once, right after creation; never stored in clear.</summary>
    public string? CreatedPassword { get; private set; }

    /// <summary>The form's fields; <see cref="NewUserValidator"/> checks them, as the handler does.</summary>
    public sealed class InputModel
    {
        public string DisplayName { get; set; } = string.Empty;

        public string Email { get; set; } = string.Empty;

        public List<string> Roles { get; set; } = [];
    }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var input = new NewUser(Input.DisplayName ?? string.Empty, Input.Email ?? string.Empty, Input.Roles);
        (await rules.ValidateAsync(input)).AddTo(ModelState, "Input.", l);
        if (!ModelState.IsValid)
        {
            return Page();
        }

        var result = await addUser.HandleAsync(User, input);

        // An address already in use is the field to change.
        if (this.Failure(result, l, kind => kind == PortalRefusals.Users.AlreadyUser || kind == PortalRefusals.Entra.AddressNotUsable ? "Input.Email" : null) is { } failure)
        {
            return failure;
        }

        CreatedPassword = result.Value!.TemporaryPassword;
        return Page();
    }
}
