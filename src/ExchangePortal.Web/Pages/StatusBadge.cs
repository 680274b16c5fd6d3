using ExchangePortal.Core.Applications;

namespace ExchangePortal.Web.Pages;

public static class StatusBadge
{
    /// <summary>Bootstrap colour of a status badge; dark text on light colours keeps contrast for axe.</summary>
    public static string CssFor(ApplicationStatus status) => status switch
    {
        ApplicationStatus.Offered or ApplicationStatus.Confirmed or ApplicationStatus.InProgress or ApplicationStatus.Completed => "text-bg-success",
        ApplicationStatus.Rejected or ApplicationStatus.NotEndorsed or ApplicationStatus.Cancelled => "text-bg-danger",
        ApplicationStatus.ChangesRequested or ApplicationStatus.Waitlisted => "text-bg-warning",
        ApplicationStatus.Draft or ApplicationStatus.Withdrawn or ApplicationStatus.Declined => "text-bg-secondary",
        _ => "text-bg-primary",
    };

    public static string Text(ApplicationStatus status) => status switch
    {
        ApplicationStatus.NotEndorsed => "Not endorsed",
        ApplicationStatus.UnderReview => "Under review",
        ApplicationStatus.ChangesRequested => "Changes requested",
        ApplicationStatus.InProgress => "In progress",
        _ => status.ToString(),
    };
}
