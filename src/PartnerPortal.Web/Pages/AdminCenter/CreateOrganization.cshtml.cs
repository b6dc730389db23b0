using System.ComponentModel.DataAnnotations;
using FluentValidation;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Npgsql;
using PartnerPortal.Domain.Access;
using PartnerPortal.Domain.Clouds;
using PartnerPortal.Domain.Invitations;
using PartnerPortal.Web.Data;
using PartnerPortal.Web.Features.Customers;
using PartnerPortal.Web.Identity;
using PartnerPortal.Web.Infrastructure;
using PartnerPortal.Web.Localization;
using PartnerPortal.Web.Pages.Shared;
using PartnerPortal.Web.Validation;

namespace PartnerPortal.Web.Pages.AdminCenter;

/// <summary>
/// A customer that is new to the cloud creates its organization and first admin account from the invitation link
/// (issue 3, item 7), in the inviting partner's cloud, then returns to the invitation signed in.
/// </summary>
[AllowAnonymous]
[EnableRateLimiting(PartnerPortal.Web.Security.RateLimiting.SignUp)]
public class CreateOrganizationModel(
    PortalDbContext db,
    CrossOrganizationLookups lookups,
    FormSubmissions forms,
    UserManager<ApplicationUser> users,
    SignInManager<ApplicationUser> signIn,
    AuditTrail audit,
    IValidator<CustomerDetails> detailsRules,
    TimeProvider clock,
    IStringLocalizer<SharedResource> l) : PageModel
{
    private const string FormName = "CreateOrganization";

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

        var details = Input.ToDetails();
        var shape = await detailsRules.ValidateAsync(details);
        shape.AddTo(ModelState, "Input.", l);
        if (shape.IsValid && CountryOptions.All(c => c.Code != Input.Country))
        {
            ModelState.AddModelError("Input.Country", l["Choose a country from the list."]);
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        var now = clock.GetUtcNow();
        var adminEmail = $"{Input.AdminUserName}@{details.DomainIn(_policy.Cloud)}";
        var created = details.ToCustomer(_policy.Cloud, Input.AdminName, adminEmail, now);
        if (!created.Succeeded)
        {
            ModelState.AddModelError(string.Empty, l.Localize(created.Error!));
            return Page();
        }

        var customer = created.Value;
        await using var transaction = await db.Database.BeginTransactionAsync();
        var claim = await forms.ClaimAsync(Input.FormToken, FormName, customer.Domain);
        if (!claim.IsFirst)
        {
            // The same form again (a second click): sign in as the admin the first one created, if this is its password.
            return await SignInAsEarlierAdminAsync(adminEmail);
        }

        db.Customers.Add(customer);
        try
        {
            await db.SaveChangesAsync();
        }
        catch (DbUpdateException e) when (e.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
        {
            await transaction.RollbackAsync();
            db.ChangeTracker.Clear();
            ModelState.AddModelError("Input.DomainPrefix", l["The domain {0} is already taken. Choose another name.", customer.Domain]);
            return Page();
        }

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
        claim.Claimed?.Complete(customer.Id);
        await db.SaveChangesAsync();
        await transaction.CommitAsync();

        await signIn.SignInAsync(admin, isPersistent: false);
        return Redirect(InvitationPath);
    }

    private string InvitationPath => $"/AdminCenter/Invitation/{Code}" + (Ref is null ? string.Empty : $"?ref={Ref}");

    private async Task<IActionResult> SignInAsEarlierAdminAsync(string adminEmail)
    {
        var admin = await users.FindByEmailAsync(adminEmail);
        if (admin is null || !await users.CheckPasswordAsync(admin, Input.Password))
        {
            ModelState.AddModelError(string.Empty, l["This form was already submitted. Sign in with the administrator account it created."]);
            return Page();
        }

        await signIn.SignInAsync(admin, isPersistent: false);
        return Redirect(InvitationPath);
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

        // Only countries the billing partner may serve (its cloud, its country or region): another could not accept the link.
        var billingPartner = link.IndirectProviderId is { } providerId ? await lookups.FindPartnerAsync(providerId) ?? inviter : inviter;
        CountryOptions = CountryNames.All().Where(c => billingPartner.MayServe(c.Code)).ToList();
        return true;
    }
}
