using ExchangePortal.Core.Applications;
using ExchangePortal.Core.Notifications;

namespace ExchangePortal.Core.Cohorts;

/// <summary>The emails a cohort's cancellation owes its applicants and their hospitals' coordinators, in each one's language, with the reason.</summary>
internal static class CohortCancellationEmails
{
    private const int MaxSubject = 300;

    public static Notification ToApplicant(ExchangeCohort cohort, ExchangeApplication application, PublicLinks links, DateTimeOffset now)
    {
        var link = links.To($"/Applicant/Applications/{application.Id}");
        var name = application.Doctor.FullName;
        var cancelled = application.Status == ApplicationStatus.Cancelled;
        var (subject, body) = ApplicationEmails.IsChinese(application.Doctor.User?.PreferredCulture)
            ? ($"{cohort.Name}交流项目已取消",
                $"{name}，您好：\n\n交流办公室已取消{cohort.Name}交流项目。" + (cancelled ? "您已确认的交流已取消" : "您的申请已撤回")
                + $"，所占名额（如有）已释放。\n\n原因：{cohort.CancellationReason}\n\n查看申请：{link}\n\n学术交流平台")
            : ($"The {cohort.Name} exchange has been cancelled",
                $"Dear {name},\n\nThe exchange office has cancelled the {cohort.Name} exchange. "
                + (cancelled ? "Your confirmed stay has been cancelled" : "Your application has been withdrawn")
                + $" and any seat it held has been released.\n\nReason: {cohort.CancellationReason}\n\nSee your application: {link}\n\nExchange Portal");
        return new Notification("cohort.cancelled", application.Doctor.Email, Cut(subject), body, now);
    }

    public static Notification ToHospitalCoordinator(ExchangeCohort cohort, ReminderRecipient to, IReadOnlyList<string> doctors,
        PublicLinks links, DateTimeOffset now)
    {
        var link = links.To("/Hospital");
        var list = string.Join("\n", doctors.Select(d => $"- {d}"));
        var (subject, body) = ApplicationEmails.IsChinese(to.Culture)
            ? ($"{cohort.Name}交流项目已取消",
                $"{to.Name}，您好：\n\n交流办公室已取消{cohort.Name}交流项目。贵院以下医生的申请已撤回或取消，所占名额已释放：\n{list}\n\n"
                + $"原因：{cohort.CancellationReason}\n\n查看贵院的申请：{link}\n\n学术交流平台")
            : ($"The {cohort.Name} exchange has been cancelled",
                $"Dear {to.Name},\n\nThe exchange office has cancelled the {cohort.Name} exchange. The applications of these doctors from your "
                + $"hospital were withdrawn or cancelled and their seats released:\n{list}\n\nReason: {cohort.CancellationReason}\n\n"
                + $"See your hospital's applications: {link}\n\nExchange Portal");
        return new Notification("cohort.cancelled.hospital", to.Email, Cut(subject), body, now);
    }

    private static string Cut(string subject) => subject.Length > MaxSubject ? subject[..MaxSubject] : subject;
}
