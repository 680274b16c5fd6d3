using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc.ModelBinding.Metadata;

namespace ExchangePortal.Web.InputGuards;

/// <summary>
/// A length limit written without a message of its own ([StringLength(200)]) gets one the shared localizer translates,
/// instead of the framework's English-only text: a field too long for its column is explained in the user's language.
/// </summary>
public sealed class LengthMessageProvider : IValidationMetadataProvider
{
    public const string TooLong = "{0} can be at most {1} characters long.";

    public void CreateValidationMetadata(ValidationMetadataProviderContext context)
    {
        foreach (var attribute in context.Attributes.OfType<ValidationAttribute>())
        {
            if (attribute is StringLengthAttribute or MaxLengthAttribute && attribute.ErrorMessage is null
                && attribute.ErrorMessageResourceName is null && (attribute as StringLengthAttribute)?.MinimumLength is null or 0)
                attribute.ErrorMessage = TooLong;
        }
    }
}
