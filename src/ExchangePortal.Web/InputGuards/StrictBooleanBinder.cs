using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Mvc.ModelBinding.Metadata;
using Microsoft.Extensions.Localization;

namespace ExchangePortal.Web.InputGuards;

/// <summary>
/// Binds every bool (and nullable bool) in place of the framework's binder, so that a value that is not "true" or "false"
/// is a message and not a crash: the framework keeps such a value as the field's raw value, and a checkbox drawn again
/// from it throws while converting it (a 500 on any form with a checkbox). Here the sent text stays only as the attempted
/// value; the checkbox is drawn from the model (unticked).
/// </summary>
public sealed class StrictBooleanBinderProvider : IModelBinderProvider
{
    public IModelBinder? GetBinder(ModelBinderProviderContext context) =>
        context.Metadata.UnderlyingOrModelType == typeof(bool)
            ? new StrictBooleanBinder(context.Services.GetRequiredService<IStringLocalizer<SharedResource>>())
            : null;
}

public sealed class StrictBooleanBinder(IStringLocalizer l) : IModelBinder
{
    public Task BindModelAsync(ModelBindingContext context)
    {
        var sent = context.ValueProvider.GetValue(context.ModelName);
        if (sent == ValueProviderResult.None)
            return Task.CompletedTask;
        var text = sent.FirstValue?.Trim();
        if (string.IsNullOrEmpty(text) && context.ModelMetadata.IsReferenceOrNullableType)
        {
            context.ModelState.SetModelValue(context.ModelName, sent);
            context.Result = ModelBindingResult.Success(null);
        }
        else if (bool.TryParse(text, out var value))
        {
            context.ModelState.SetModelValue(context.ModelName, sent);
            context.Result = ModelBindingResult.Success(value);
        }
        else
        {
            context.ModelState.SetModelValue(context.ModelName, rawValue: null, attemptedValue: sent.FirstValue);
            context.ModelState.TryAddModelError(context.ModelName, context.ModelMetadata.MetadataKind == ModelMetadataKind.Property
                ? l[BindingMessages.NotValidFor, context.ModelMetadata.GetDisplayName()]
                : l[BindingMessages.NotValid]);
        }
        return Task.CompletedTask;
    }
}
