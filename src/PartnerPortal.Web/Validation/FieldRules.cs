using System.Globalization;
using System.Net.Mail;
using FluentValidation;
using Microsoft.Extensions.Localization;

namespace PartnerPortal.Web.Validation;

/// <summary>
/// The rules for each kind of field, the same on every form (FluentValidation). Names and addresses must be readable text:
/// no control characters (CR/LF, ESC, DEL, NUL), no invisible formatting (zero-width or bidi override characters), at least
/// one letter or digit. Email addresses need a dotted domain; phone numbers take ASCII digits and the usual separators.
/// </summary>
public static class FieldRules
{
    public static bool IsReadableText(string? value) =>
        string.IsNullOrEmpty(value)
        || (value.All(c => CharUnicodeInfo.GetUnicodeCategory(c) is not (UnicodeCategory.Control or UnicodeCategory.Format or UnicodeCategory.Surrogate or UnicodeCategory.PrivateUse or UnicodeCategory.OtherNotAssigned)
               || char.IsSurrogate(c))
            && value.Any(char.IsLetterOrDigit));

    public static bool IsEmailAddress(string? value) =>
        string.IsNullOrEmpty(value)
        || (value.Length <= 254
            && IsReadableText(value)
            && !value.Any(char.IsWhiteSpace)
            && MailAddress.TryCreate(value, out var parsed)
            && parsed.Address == value
            && parsed.Host.Contains('.', StringComparison.Ordinal)
            && !parsed.Host.StartsWith('.') && !parsed.Host.EndsWith('.'));

    public static bool IsPhoneNumber(string? value) =>
        string.IsNullOrEmpty(value)
        || (value.All(c => char.IsAsciiDigit(c) || c is ' ' or '+' or '-' or '(' or ')' or '.')
            && value.Count(char.IsAsciiDigit) is >= 4 and <= 20);

    public static IRuleBuilderOptions<T, string?> ReadableText<T>(this IRuleBuilder<T, string?> rule, IStringLocalizer l) =>
        rule.Must(IsReadableText).WithMessage(_ => l["Use letters, digits and punctuation only: no control characters or invisible formatting."]);

    public static IRuleBuilderOptions<T, string?> EmailAddress<T>(this IRuleBuilder<T, string?> rule, IStringLocalizer l) =>
        rule.Must(IsEmailAddress).WithMessage(_ => l["Enter a valid email address."]);

    public static IRuleBuilderOptions<T, string?> PhoneNumber<T>(this IRuleBuilder<T, string?> rule, IStringLocalizer l) =>
        rule.Must(IsPhoneNumber).WithMessage(_ => l["Enter a valid phone number."]);
}

/// <summary>The company fields every new-customer form shares (sign-up and Add new customer).</summary>
public sealed class CustomerDetailsRules : AbstractValidator<Pages.Shared.CustomerDetailsInput>
{
    public CustomerDetailsRules(IStringLocalizer<SharedResource> l)
    {
        RuleFor(x => x.CompanyName).ReadableText(l);
        RuleFor(x => x.AddressLine1).ReadableText(l);
        RuleFor(x => x.City).ReadableText(l);
        RuleFor(x => x.State).ReadableText(l);
        RuleFor(x => x.PostalCode).ReadableText(l);
        RuleFor(x => x.Phone).PhoneNumber(l);
    }
}

public sealed class AddCustomerRules : AbstractValidator<Pages.IndirectResellers.AddCustomerModel.InputModel>
{
    public AddCustomerRules(IStringLocalizer<SharedResource> l)
    {
        Include(new CustomerDetailsRules(l));
        RuleFor(x => x.ContactName).ReadableText(l);
        RuleFor(x => x.ContactEmail).EmailAddress(l);
    }
}

public sealed class CreateOrganizationRules : AbstractValidator<Pages.AdminCenter.CreateOrganizationModel.InputModel>
{
    public CreateOrganizationRules(IStringLocalizer<SharedResource> l)
    {
        Include(new CustomerDetailsRules(l));
        RuleFor(x => x.AdminName).ReadableText(l);
    }
}

public sealed class NewUserRules : AbstractValidator<Pages.Users.CreateModel.InputModel>
{
    public NewUserRules(IStringLocalizer<SharedResource> l)
    {
        RuleFor(x => x.DisplayName).ReadableText(l);
        RuleFor(x => x.Email).EmailAddress(l);
    }
}
