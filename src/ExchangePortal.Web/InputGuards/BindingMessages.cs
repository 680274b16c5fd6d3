using Microsoft.AspNetCore.Mvc.ModelBinding.Metadata;
using Microsoft.Extensions.Localization;

namespace ExchangePortal.Web.InputGuards;

/// <summary>
/// Model binding's own messages (a number that is not one, a missing value) in the user's language, the English text being
/// the key like every other text. They never repeat what was sent: a crafted value is not worth showing back.
/// </summary>
public static class BindingMessages
{
    public const string NotValid = "The value entered is not valid.";
    public const string NotValidFor = "The value entered for {0} is not valid.";
    public const string NumberFor = "{0} must be a number.";
    public const string Number = "Enter a number.";
    public const string Missing = "A value is required.";
    public const string MissingFor = "A value for {0} is required.";

    public static void Localize(DefaultModelBindingMessageProvider messages, IStringLocalizer l)
    {
        messages.SetAttemptedValueIsInvalidAccessor((_, field) => l[NotValidFor, field]);
        messages.SetUnknownValueIsInvalidAccessor(field => l[NotValidFor, field]);
        messages.SetNonPropertyAttemptedValueIsInvalidAccessor(_ => l[NotValid]);
        messages.SetNonPropertyUnknownValueIsInvalidAccessor(() => l[NotValid]);
        messages.SetValueIsInvalidAccessor(_ => l[NotValid]);
        messages.SetValueMustNotBeNullAccessor(_ => l[Missing]);
        messages.SetValueMustBeANumberAccessor(field => l[NumberFor, field]);
        messages.SetNonPropertyValueMustBeANumberAccessor(() => l[Number]);
        messages.SetMissingBindRequiredValueAccessor(field => l[MissingFor, field]);
        messages.SetMissingKeyOrValueAccessor(() => l[Missing]);
        messages.SetMissingRequestBodyRequiredValueAccessor(() => l[Missing]);
    }
}
