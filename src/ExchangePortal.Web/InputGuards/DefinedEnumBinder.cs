using System.Globalization;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Mvc.ModelBinding.Metadata;
using Microsoft.Extensions.Localization;

namespace ExchangePortal.Web.InputGuards;

/// <summary>
/// Binds every enum (and nullable enum) a form or query sends, in place of the framework's binder: a value is accepted
/// only when it names one member (or is one member's number) — <c>Enum.IsDefined</c> — never a comma-joined combination
/// ("Open,Cancel" would otherwise bind to Cancel). A handler parameter that is a non-nullable enum and is missing is an
/// error too, rather than the enum's first member (the cohort status form would otherwise open a cohort). A missing
/// property keeps its default: GET filters leave most fields out.
/// </summary>
public sealed class DefinedEnumBinderProvider : IModelBinderProvider
{
    public IModelBinder? GetBinder(ModelBinderProviderContext context)
    {
        var type = Nullable.GetUnderlyingType(context.Metadata.ModelType) ?? context.Metadata.ModelType;
        if (!type.IsEnum || type.IsDefined(typeof(FlagsAttribute), false))
            return null;
        var l = context.Services.GetRequiredService<IStringLocalizer<SharedResource>>();
        return new DefinedEnumBinder(type, l);
    }
}

public sealed class DefinedEnumBinder(Type enumType, IStringLocalizer l) : IModelBinder
{
    public const string ChooseAnOption = "Choose one of the options offered.";

    public Task BindModelAsync(ModelBindingContext context)
    {
        var metadata = context.ModelMetadata;
        var sent = context.ValueProvider.GetValue(context.ModelName);
        if (sent == ValueProviderResult.None)
        {
            if (metadata.MetadataKind == ModelMetadataKind.Parameter && !metadata.IsReferenceOrNullableType)
                context.ModelState.TryAddModelError(context.ModelName, l[ChooseAnOption]);
            return Task.CompletedTask;
        }
        context.ModelState.SetModelValue(context.ModelName, sent);
        var text = sent.FirstValue?.Trim();
        if (string.IsNullOrEmpty(text))
        {
            if (metadata.IsReferenceOrNullableType)
                context.Result = ModelBindingResult.Success(null);
            else
                context.ModelState.TryAddModelError(context.ModelName, l[ChooseAnOption]);
            return Task.CompletedTask;
        }
        if (TryParse(enumType, text, out var value))
            context.Result = ModelBindingResult.Success(value);
        else
            context.ModelState.TryAddModelError(context.ModelName, l[ChooseAnOption]);
        return Task.CompletedTask;
    }

    /// <summary>One member by its name (any case) or its number; nothing else.</summary>
    public static bool TryParse(Type enumType, string text, out object? value)
    {
        value = null;
        if (text.Contains(','))
            return false;
        if (long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number))
        {
            var underlying = Enum.GetUnderlyingType(enumType);
            try
            {
                value = Enum.ToObject(enumType, Convert.ChangeType(number, underlying, CultureInfo.InvariantCulture));
            }
            catch (OverflowException)
            {
                return false;
            }
            return Enum.IsDefined(enumType, value);
        }
        var name = Enum.GetNames(enumType).FirstOrDefault(n => string.Equals(n, text, StringComparison.OrdinalIgnoreCase));
        if (name is null)
            return false;
        value = Enum.Parse(enumType, name);
        return true;
    }
}
