using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.Extensions.Localization;
using PartnerPortal.Domain.Catalog;
using PartnerPortal.Web.Infrastructure;

namespace PartnerPortal.Web.Pages.Shared;

/// <summary>The "New subscription" form's offers and license counts, shared by Add new customer and Add subscription (seed 004).</summary>
public static class OrderForm
{
    /// <summary>The offers given a non-zero license count, in catalog order.</summary>
    public static IReadOnlyList<(Offer Offer, int Quantity)> Lines(IEnumerable<Offer> catalog, IReadOnlyDictionary<Guid, int> quantities) =>
        catalog.Select(o => (o, quantities.GetValueOrDefault(o.Id))).Where(x => x.Item2 != 0).ToList();

    /// <summary>Adds a message for each problem; true when every offer is from the catalog, one is chosen and every count is valid.</summary>
    public static bool Check(ModelStateDictionary modelState, IStringLocalizer l, IReadOnlyList<Offer> catalog, IReadOnlyDictionary<Guid, int> quantities)
    {
        if (quantities.Keys.Any(id => catalog.All(o => o.Id != id)))
        {
            modelState.AddModelError(string.Empty, l["Choose subscriptions from the list."]);
            return false;
        }

        var lines = Lines(catalog, quantities);
        if (lines.Count == 0)
        {
            modelState.AddModelError(string.Empty, l["Select at least one subscription and enter the number of licenses."]);
            return false;
        }

        var valid = true;
        foreach (var (offer, quantity) in lines)
        {
            var result = Subscription.ValidateQuantity(offer, quantity);
            if (!result.Succeeded)
            {
                modelState.AddModelError(string.Empty, l.Localize(result.Error!));
                valid = false;
            }
        }

        return valid;
    }
}

/// <summary>
/// Binds the order form's license counts from fields named <c>Quantities[&lt;offer id&gt;]</c> only. MVC's dictionary binder
/// also takes the index format (<c>Quantities[0].Key</c>) and throws when two entries carry the same key; a form cannot post
/// that, so it is not read at all. A count that is not a whole number is a field error, not a lost value.
/// </summary>
public sealed class LicenseQuantitiesBinder : IModelBinder
{
    public Task BindModelAsync(ModelBindingContext bindingContext)
    {
        var prefix = bindingContext.ModelName + "[";
        var quantities = new Dictionary<Guid, int>();
        if (bindingContext.HttpContext.Request.HasFormContentType)
        {
            foreach (var (key, values) in bindingContext.HttpContext.Request.Form)
            {
                if (!key.StartsWith(prefix, StringComparison.OrdinalIgnoreCase) || !key.EndsWith(']')
                    || !Guid.TryParse(key.AsSpan(prefix.Length, key.Length - prefix.Length - 1), out var offerId))
                {
                    continue;
                }

                var text = values.LastOrDefault();
                if (string.IsNullOrWhiteSpace(text))
                {
                    continue;
                }

                if (int.TryParse(text, System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out var quantity))
                {
                    quantities[offerId] = quantity;
                }
                else
                {
                    var l = bindingContext.HttpContext.RequestServices.GetRequiredService<IStringLocalizer<SharedResource>>();
                    bindingContext.ModelState.AddModelError(key, l["Enter a whole number of licenses."]);
                }
            }
        }

        bindingContext.Result = ModelBindingResult.Success(quantities);
        return Task.CompletedTask;
    }
}
