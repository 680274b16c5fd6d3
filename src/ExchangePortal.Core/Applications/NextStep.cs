namespace ExchangePortal.Core.Applications;

/// <summary>Who an application is waiting for, derived from the same state machine the staff use.</summary>
public enum WaitingFor
{
    Applicant,
    Hospital,
    University,
    Nobody,
}

public static class NextStep
{
    public static (WaitingFor Who, string What) For(ApplicationStatus status, bool endorsementRequired) => status switch
    {
        ApplicationStatus.Draft => (WaitingFor.Applicant, "Complete and submit your application."),
        ApplicationStatus.Submitted when endorsementRequired => (WaitingFor.Hospital, "Waiting for your hospital's endorsement."),
        ApplicationStatus.Submitted => (WaitingFor.University, "Waiting for the university to start its review."),
        ApplicationStatus.Endorsed => (WaitingFor.University, "Endorsed by your hospital; waiting for the university's review."),
        ApplicationStatus.UnderReview => (WaitingFor.University, "The university is reviewing your application."),
        ApplicationStatus.ChangesRequested => (WaitingFor.Applicant, "Make the changes the university asked for, then resubmit."),
        ApplicationStatus.Waitlisted => (WaitingFor.University, "On the waitlist: you will be offered a seat if one frees up."),
        ApplicationStatus.Offered => (WaitingFor.Applicant, "Accept or decline the offer before its deadline."),
        ApplicationStatus.Confirmed => (WaitingFor.University, "Confirmed: the university will record your arrival."),
        ApplicationStatus.InProgress => (WaitingFor.Applicant, "File your end-of-stay report before the stay ends."),
        _ => (WaitingFor.Nobody, "Nothing more to do."),
    };
}
