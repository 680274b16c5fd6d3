using System.ComponentModel.DataAnnotations;
using ExchangePortal.Core.Programme;
using Microsoft.Extensions.Localization;

namespace ExchangePortal.Web.Pages.Admin;

/// <summary>The years of the report, by the start of the stays; no year given means no bound (all years by default).</summary>
public class ReportYears : IValidatableObject
{
    public const int Earliest = 1900;
    public const int Latest = 2200;

    [Range(Earliest, Latest, ErrorMessage = "Give years between 1900 and 2200.")]
    [Display(Name = "From year")]
    public int? From { get; set; }

    [Range(Earliest, Latest, ErrorMessage = "Give years between 1900 and 2200.")]
    [Display(Name = "To year")]
    public int? To { get; set; }

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        const string message = "The first year cannot come after the last year.";
        if (From > To)
            yield return new ValidationResult(validationContext.GetService<IStringLocalizer<SharedResource>>()?[message] ?? message, [nameof(To)]);
    }

    /// <summary>The filter as query values, for the export links.</summary>
    public Dictionary<string, string> RouteFor(ReportBreakdown breakdown)
    {
        var values = new Dictionary<string, string> { ["breakdown"] = breakdown.ToString() };
        if (From is { } from)
            values["Years.From"] = from.ToString(System.Globalization.CultureInfo.InvariantCulture);
        if (To is { } to)
            values["Years.To"] = to.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return values;
    }
}
