using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace PartnerPortal.Web.Infrastructure;

/// <summary>MVC's model-binding messages ("The value 'x' is not valid") in the user's language.</summary>
public sealed class LocalizedModelBindingMessages(IStringLocalizerFactory factory) : IConfigureOptions<MvcOptions>
{
    public void Configure(MvcOptions options)
    {
        var l = factory.Create(typeof(SharedResource));
        var messages = options.ModelBindingMessageProvider;
        messages.SetAttemptedValueIsInvalidAccessor((value, _) => l["The value '{0}' is not valid.", value]);
        messages.SetNonPropertyAttemptedValueIsInvalidAccessor(value => l["The value '{0}' is not valid.", value]);
        messages.SetUnknownValueIsInvalidAccessor(_ => l["A value is not valid."]);
        messages.SetNonPropertyUnknownValueIsInvalidAccessor(() => l["A value is not valid."]);
        messages.SetValueIsInvalidAccessor(value => l["The value '{0}' is not valid.", value]);
        messages.SetValueMustBeANumberAccessor(_ => l["Enter a number."]);
        messages.SetNonPropertyValueMustBeANumberAccessor(() => l["Enter a number."]);
        messages.SetMissingBindRequiredValueAccessor(_ => l["A value is required."]);
        messages.SetMissingKeyOrValueAccessor(() => l["A value is required."]);
        messages.SetMissingRequestBodyRequiredValueAccessor(() => l["A value is required."]);
        messages.SetValueMustNotBeNullAccessor(_ => l["A value is required."]);
    }
}
