namespace ExchangePortal.Core.Applications;

/// <summary>What people do to an application; each is allowed from the statuses <see cref="ApplicationRules"/> lists.</summary>
public enum ApplicationAction
{
    Edit,
    ChangeDocuments,
    Submit,
    Endorse,
    StartReview,
    RequestChanges,
    Resubmit,
    Approve,
    Waitlist,
    Reject,
    AnswerOffer,
    MarkArrived,
    FileReport,
    Complete,
    Withdraw,
    Cancel,
    NameSupervisor,
    RenewDocuments,
    VerifyDocuments,
}

/// <summary>
/// The application's state machine in one table: the entity's guards and the pages both read it, so a button shows
/// exactly when its transition is allowed.
/// </summary>
public static class ApplicationRules
{
    private static readonly Dictionary<ApplicationAction, ApplicationStatus[]> AllowedFrom = new()
    {
        [ApplicationAction.Edit] = [ApplicationStatus.Draft, ApplicationStatus.ChangesRequested],
        [ApplicationAction.ChangeDocuments] = [ApplicationStatus.Draft, ApplicationStatus.ChangesRequested],
        [ApplicationAction.Submit] = [ApplicationStatus.Draft],
        [ApplicationAction.Endorse] = [ApplicationStatus.Submitted],
        [ApplicationAction.StartReview] = [ApplicationStatus.Endorsed, ApplicationStatus.Submitted],
        [ApplicationAction.RequestChanges] = [ApplicationStatus.UnderReview],
        [ApplicationAction.Resubmit] = [ApplicationStatus.ChangesRequested],
        [ApplicationAction.Approve] = [ApplicationStatus.UnderReview, ApplicationStatus.Waitlisted],
        [ApplicationAction.Waitlist] = [ApplicationStatus.UnderReview],
        [ApplicationAction.Reject] = [ApplicationStatus.UnderReview, ApplicationStatus.Waitlisted],
        [ApplicationAction.AnswerOffer] = [ApplicationStatus.Offered],
        [ApplicationAction.MarkArrived] = [ApplicationStatus.Confirmed],
        [ApplicationAction.FileReport] = [ApplicationStatus.InProgress],
        [ApplicationAction.Complete] = [ApplicationStatus.InProgress],
        [ApplicationAction.Withdraw] =
        [
            ApplicationStatus.Draft, ApplicationStatus.Submitted, ApplicationStatus.Endorsed, ApplicationStatus.UnderReview,
            ApplicationStatus.ChangesRequested, ApplicationStatus.Waitlisted, ApplicationStatus.Offered, ApplicationStatus.Confirmed,
        ],
        [ApplicationAction.Cancel] = [ApplicationStatus.Confirmed, ApplicationStatus.InProgress],
        [ApplicationAction.NameSupervisor] = [ApplicationStatus.Offered, ApplicationStatus.Confirmed, ApplicationStatus.InProgress],
        // From the offer until the stay ends the applicant uploads pre-arrival documents and a coordinator checks them.
        [ApplicationAction.RenewDocuments] = [ApplicationStatus.Offered, ApplicationStatus.Confirmed, ApplicationStatus.InProgress],
        [ApplicationAction.VerifyDocuments] = [ApplicationStatus.Offered, ApplicationStatus.Confirmed, ApplicationStatus.InProgress],
    };

    /// <summary>The statuses <paramref name="action"/> is allowed from.</summary>
    public static IReadOnlyList<ApplicationStatus> From(ApplicationAction action) => AllowedFrom[action];

    /// <summary>Whether <paramref name="action"/> is allowed now; endorsement and review also depend on whether the
    /// application needs its hospital's endorsement.</summary>
    public static bool Allows(ApplicationAction action, ApplicationStatus status, bool endorsementRequired = false) =>
        AllowedFrom[action].Contains(status) && action switch
        {
            ApplicationAction.Endorse => endorsementRequired,
            ApplicationAction.StartReview => status != ApplicationStatus.Submitted || !endorsementRequired,
            _ => true,
        };

    /// <summary>A draft is the applicant's own: staff see an application once it is submitted.</summary>
    public static bool VisibleToStaff(ApplicationStatus status) => status != ApplicationStatus.Draft;
}
