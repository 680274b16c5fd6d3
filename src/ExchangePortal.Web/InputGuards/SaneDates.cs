using System.ComponentModel.DataAnnotations;
using ExchangePortal.Core;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Mvc.ModelBinding.Metadata;

namespace ExchangePortal.Web.InputGuards;

/// <summary>A date between <see cref="InputLimits.EarliestDate"/> and <see cref="InputLimits.LatestDate"/>; an empty value passes.</summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Parameter)]
public sealed class SaneDateAttribute : ValidationAttribute
{
    public const string Message = "Enter a date between 1 January 1900 and 31 December 2200.";

    public SaneDateAttribute() => ErrorMessage = Message;

    public override bool IsValid(object? value) => value switch
    {
        DateOnly date => InputLimits.IsSaneDate(date),
        DateTime time => InputLimits.IsSaneDate(DateOnly.FromDateTime(time)),
        DateTimeOffset instant => InputLimits.IsSaneDate(DateOnly.FromDateTime(instant.UtcDateTime)),
        _ => true,
    };
}

/// <summary>
/// Gives every date-typed property and handler parameter a page binds (DateOnly, DateTime, DateTimeOffset, nullable or not)
/// the <see cref="SaneDateAttribute"/>, so no form or filter needs to remember it: 9999-12-31 is refused with a message
/// before it can reach a cohort, a milestone or the date arithmetic of a query.
/// </summary>
public sealed class SaneDateMetadataProvider : IValidationMetadataProvider
{
    private static readonly Type[] DateTypes = [typeof(DateOnly), typeof(DateTime), typeof(DateTimeOffset)];

    public void CreateValidationMetadata(ValidationMetadataProviderContext context)
    {
        if (context.Key.MetadataKind == ModelMetadataKind.Type)
            return;
        var type = Nullable.GetUnderlyingType(context.Key.ModelType) ?? context.Key.ModelType;
        if (DateTypes.Contains(type) && !context.ValidationMetadata.ValidatorMetadata.OfType<SaneDateAttribute>().Any())
            context.ValidationMetadata.ValidatorMetadata.Add(new SaneDateAttribute());
    }
}
