using ExchangePortal.Core.Notifications;

namespace ExchangePortal.Core.Applications;

/// <summary>The emails a change of status owes the applicant; written to the outbox with the change itself.</summary>
public static class ApplicationEmails
{
    public static Notification StatusChanged(ExchangeApplication application, DateTimeOffset now)
    {
        var last = application.History[^1];
        var (subject, lead) = application.Status switch
        {
            ApplicationStatus.Endorsed => ("was endorsed by your hospital", "Your hospital has endorsed your application; the university will now review it."),
            ApplicationStatus.NotEndorsed => ("was not endorsed", "Your hospital has decided not to endorse your application:"),
            ApplicationStatus.UnderReview => ("is under review", "The university has started reviewing your application."),
            ApplicationStatus.ChangesRequested => ("needs changes", "The university asks you to change your application, then resubmit it:"),
            ApplicationStatus.Offered => ("has an offer", $"You are offered a place in {application.Placement?.CohortLab.HostLab.Name}. Please accept or decline it by {application.OfferRespondBy:d MMM yyyy HH:mm} UTC."),
            ApplicationStatus.Waitlisted => ("is on the waitlist", "The lab you were considered for is full. You are on its waitlist and will be offered a seat if one frees up."),
            ApplicationStatus.Rejected => ("was not successful", "The university has decided not to offer you a place:"),
            ApplicationStatus.Confirmed => ("is confirmed", "You accepted the offer. The exchange office will contact you about your arrival."),
            ApplicationStatus.Declined => ("offer declined", "The offer has been declined and the seat released."),
            ApplicationStatus.InProgress => ("stay has started", "Welcome: your arrival has been recorded."),
            ApplicationStatus.Completed => ("stay completed", "Your stay is complete. Thank you for filing your end-of-stay report."),
            ApplicationStatus.Withdrawn => ("withdrawn", "Your application has been withdrawn."),
            ApplicationStatus.Cancelled => ("was cancelled", "The programme office has cancelled your exchange:"),
            _ => ("status changed", $"Your application is now {application.Status.Describe()}."),
        };
        var body = $"Dear {application.Doctor.FullName},\n\n{lead}\n"
            + (string.IsNullOrWhiteSpace(last.Comment) ? "" : $"\n{last.Comment}\n")
            + $"\nSee your application: /Applicant/Applications/{application.Id}\n\nExchange Portal";
        return new Notification($"application.{application.Status}", application.Doctor.Email,
            $"Your application to {application.Cohort.Name} {subject}", body, now);
    }

    public static Notification SeatOfferedFromWaitlist(string coordinatorEmail, ExchangeApplication application, DateTimeOffset now) =>
        new("waitlist.offered", coordinatorEmail,
            $"A freed seat in {application.Placement?.CohortLab.HostLab.Name} was offered to the waitlist",
            $"A seat in {application.Placement?.CohortLab.HostLab.Name} ({application.Cohort.Name}) freed up and was offered "
            + $"automatically to the first waitlisted application (#{application.Id}).\n\nReview it: /Coordinator/Applications/{application.Id}\n\nExchange Portal",
            now);
}
