namespace ExchangePortal.Core.Applications;

public enum ApplicationStatus
{
    Draft,
    Submitted,
    Endorsed,
    NotEndorsed,
    UnderReview,
    ChangesRequested,
    Waitlisted,
    Offered,
    Confirmed,
    Declined,
    InProgress,
    Completed,
    Rejected,
    Withdrawn,
    Cancelled,
}

public static class ApplicationStatusText
{
    /// <summary>The status in plain words, for messages ("under review", "waitlisted").</summary>
    public static string Describe(this ApplicationStatus status) => status switch
    {
        ApplicationStatus.Draft => "a draft",
        ApplicationStatus.NotEndorsed => "not endorsed",
        ApplicationStatus.UnderReview => "under review",
        ApplicationStatus.ChangesRequested => "waiting for changes",
        ApplicationStatus.InProgress => "in progress",
        _ => status.ToString().ToLowerInvariant(),
    };

    /// <summary>True when nothing more can happen to the application.</summary>
    public static bool IsFinal(this ApplicationStatus status) => status is ApplicationStatus.NotEndorsed
        or ApplicationStatus.Declined or ApplicationStatus.Completed or ApplicationStatus.Rejected
        or ApplicationStatus.Withdrawn or ApplicationStatus.Cancelled;
}
