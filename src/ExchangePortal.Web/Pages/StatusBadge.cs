using System.Text.RegularExpressions;
using ExchangePortal.Core.Applications;

namespace ExchangePortal.Web.Pages;

public static partial class StatusBadge
{
    /// <summary>Bootstrap colour of a status badge; each keeps text contrast above 4.5:1 for axe.</summary>
    public static string CssFor(ApplicationStatus status) => status switch
    {
        ApplicationStatus.Offered or ApplicationStatus.Confirmed or ApplicationStatus.InProgress or ApplicationStatus.Completed => "text-bg-success",
        ApplicationStatus.Rejected or ApplicationStatus.NotEndorsed or ApplicationStatus.Cancelled => "text-bg-danger",
        ApplicationStatus.ChangesRequested or ApplicationStatus.Waitlisted => "text-bg-warning",
        ApplicationStatus.Draft or ApplicationStatus.Withdrawn or ApplicationStatus.Declined => "text-bg-secondary",
        _ => "text-bg-primary",
    };

    public static string Text(ApplicationStatus status) => Words(status);

    /// <summary>An enum value in plain words: InProgress → "In progress".</summary>
    public static string Words(Enum value)
    {
        var words = CapitalLetter().Replace(value.ToString(), " $1").Trim();
        return words[..1] + words[1..].ToLowerInvariant();
    }

    [GeneratedRegex("([A-Z])")]
    private static partial Regex CapitalLetter();
}
