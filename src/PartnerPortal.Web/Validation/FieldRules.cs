using FluentValidation;
using FluentValidation.Results;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.Extensions.Localization;
using PartnerPortal.Domain.Common;
using PartnerPortal.Web.Infrastructure;

namespace PartnerPortal.Web.Validation;

/// <summary>
/// The rules for each kind of field as FluentValidation rules over <see cref="TextRules"/>, the same on every form and in the
/// API. Each failure carries its <see cref="Refusal"/> (code and message key) as its state, so a page shows it in the
/// viewer's language and the API answers its code.
/// </summary>
public static class FieldRules
{
    /// <summary>
    /// The failure is <paramref name="kind"/>: its code, its English message, and the error with arguments as the state. With
    /// <paramref name="l"/> (a form model MVC validates itself) the message is already in the viewer's language.
    /// </summary>
    public static IRuleBuilderOptions<T, TProperty> Refuse<T, TProperty>(this IRuleBuilderOptions<T, TProperty> rule, Refusal kind, IStringLocalizer? l = null, params object[] arguments) =>
        rule.WithErrorCode(kind.Code)
            .WithMessage(_ => l is null ? kind.With(arguments).ToString() : l.Localize(kind.With(arguments)))
            .WithState(_ => kind.With(arguments));

    public static IRuleBuilderOptions<T, string?> ReadableText<T>(this IRuleBuilder<T, string?> rule, IStringLocalizer? l = null) =>
        rule.Must(TextRules.IsReadableText).Refuse(Refusals.Fields.Unreadable, l);

    public static IRuleBuilderOptions<T, string?> ValidEmail<T>(this IRuleBuilder<T, string?> rule, IStringLocalizer? l = null) =>
        rule.Must(TextRules.IsEmailAddress).Refuse(Refusals.Fields.InvalidEmail, l);

    public static IRuleBuilderOptions<T, string?> PhoneNumber<T>(this IRuleBuilder<T, string?> rule, IStringLocalizer? l = null) =>
        rule.Must(TextRules.IsPhoneNumber).Refuse(Refusals.Fields.InvalidPhone, l);

    /// <summary>
    /// Required (not empty, not only white space), at most <paramref name="maximum"/> characters, readable text. A validator that
    /// uses it sets <c>RuleLevelCascadeMode = CascadeMode.Stop</c>, so a field gets its first failure only.
    /// </summary>
    public static IRuleBuilderOptions<T, string?> RequiredText<T>(this IRuleBuilder<T, string?> rule, Refusal whenMissing, int maximum, IStringLocalizer? l = null) =>
        rule.NotEmpty().Refuse(whenMissing, l).OptionalText(maximum, l);

    /// <summary>At most <paramref name="maximum"/> characters of readable text, or nothing.</summary>
    public static IRuleBuilderOptions<T, string?> OptionalText<T>(this IRuleBuilder<T, string?> rule, int maximum, IStringLocalizer? l = null) =>
        rule.MaximumLength(maximum).Refuse(Refusals.Fields.TooLong, l, maximum).ReadableText(l);

    /// <summary>The first failure as the refusal a handler returns (the API answers its code).</summary>
    public static DomainError FirstRefusal(this ValidationResult result) =>
        result.Errors[0].CustomState as DomainError ?? Refusals.Fields.Unreadable;

    /// <summary>
    /// A failure a handler adds beside its validator's (a rule that needs the database or the signed-in partner), carrying its
    /// refusal as every rule's failure does; on no property (<paramref name="property"/> empty) it belongs to the whole form.
    /// </summary>
    public static ValidationFailure Failure(string property, DomainError error) =>
        new(property, error.ToString()) { ErrorCode = error.Code, CustomState = error };

    /// <summary>
    /// Each failure on the form's field: <paramref name="prefix"/> and the property's own name (the last part of a nested
    /// path such as <c>Details.City</c>), in the viewer's language; a failure on no property goes to the whole form.
    /// </summary>
    public static void AddTo(this ValidationResult result, ModelStateDictionary modelState, string prefix, IStringLocalizer l)
    {
        foreach (var failure in result.Errors)
        {
            var field = failure.PropertyName[(failure.PropertyName.LastIndexOf('.') + 1)..];
            var message = failure.CustomState is DomainError error ? l.Localize(error) : failure.ErrorMessage;
            modelState.AddModelError(field.Length == 0 ? string.Empty : prefix + field, message);
        }
    }
}
