using ExchangePortal.Core.Applications;

namespace ExchangePortal.Core.Notifications;

/// <summary>An unanswered offer: its deadline (<see cref="Deadline"/>, the end of the respond-by day in the programme's
/// time zone) and the reminder window (3 or 1 days) it is owed.</summary>
internal sealed record OfferReminder(int ApplicationId, string Cohort, string Lab, DateTimeOffset Deadline, DateOnly RespondBy, int Window,
    string DoctorUserId, string DoctorName, string DoctorEmail, string? DoctorCulture);

/// <summary>The applicant's reminder that their offer lapses soon, in their language, with the link to answer it.</summary>
internal static class OfferReminderEmails
{
    public static Notification Lapsing(OfferReminder o, PublicLinks links, DateTimeOffset now)
    {
        var link = links.To($"/Applicant/Applications/{o.ApplicationId}");
        var by = o.RespondBy.ToString("yyyy-MM-dd");
        var (subject, body) = ApplicationEmails.IsChinese(o.DoctorCulture)
            ? ($"请在{by}之前答复您的录取：{o.Cohort}",
                $"{o.DoctorName}，您好：\n\n您获得了{o.Cohort}（{o.Lab}）的交流名额，尚未答复。请在{by}（香港时间）当天结束前接受或拒绝；"
                + $"逾期未答复，录取将自动失效，名额将让给候补申请人。\n\n答复录取：{link}\n\n学术交流平台")
            : ($"Please answer your offer by {by}: {o.Cohort}",
                $"Dear {o.DoctorName},\n\nYou have been offered a place in {o.Lab} for {o.Cohort} and have not answered yet. Please accept or "
                + $"decline it by the end of {by} (Hong Kong time); after that the offer lapses and the seat goes to the waitlist.\n\n"
                + $"Answer the offer: {link}\n\nExchange Portal");
        return new Notification($"reminder.offer.lapses-{o.Window}", o.DoctorEmail, subject.Length > 300 ? subject[..300] : subject, body, now);
    }
}
