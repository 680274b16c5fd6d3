using ExchangePortal.Core.Agreements;
using ExchangePortal.Core.Applications;
using ExchangePortal.Core.Documents;

namespace ExchangePortal.Core.Notifications;

/// <summary>The reminder emails, in each recipient's language (English or Simplified Chinese), with a link to the record.</summary>
internal static class ReminderEmails
{
    private const int MaxSubject = 300;

    public static Notification Milestone(MilestoneReminder m, string window, int daysLeft, PublicLinks links, DateTimeOffset now)
    {
        var link = links.To($"/Admin/Agreements/{m.AgreementId}");
        var due = m.DueOn.ToString("yyyy-MM-dd");
        var overdue = daysLeft < 0;
        var (subject, body) = ApplicationEmails.IsChinese(m.OwnerCulture)
            ? (overdue ? $"里程碑已逾期：{m.Title}" : $"里程碑{DaysZh(daysLeft)}到期：{m.Title}",
                $"{m.OwnerName}，您好：\n\n您负责的里程碑“{m.Title}”（{m.Agreement}）"
                + (overdue ? $"已于{due}到期，尚未完成。" : $"将于{due}到期。") + $"当前状态：{StatusZh(m.Status)}。\n\n查看：{link}\n\n学术交流平台")
            : (overdue ? $"Milestone overdue: {m.Title}" : $"Milestone due {DaysEn(daysLeft)}: {m.Title}",
                $"Dear {m.OwnerName},\n\nThe milestone \"{m.Title}\" of {m.Agreement}, which you own, "
                + (overdue ? $"was due on {due} and is not done yet." : $"is due on {due}.")
                + $" Its status is {StatusEn(m.Status)}.\n\nSee it: {link}\n\nExchange Portal");
        return new Notification($"reminder.milestone.{window}", m.OwnerEmail, Cut(subject), body, now);
    }

    public static Notification DocumentToApplicant(DocumentReminder d, int window, int daysLeft, PublicLinks links, DateTimeOffset now)
    {
        var link = links.To($"/Applicant/Applications/{d.ApplicationId}/Documents");
        var (expires, ends) = (d.ExpiresOn.ToString("yyyy-MM-dd"), d.StayEndsOn.ToString("yyyy-MM-dd"));
        var (subject, body) = ApplicationEmails.IsChinese(d.DoctorCulture)
            ? ($"您的{KindZh(d.Kind)}将于{expires}到期，早于交流结束日期",
                $"{d.DoctorName}，您好：\n\n您为{d.Cohort}提交的{KindZh(d.Kind)}将于{expires}（{DaysZh(daysLeft)}）到期，早于您的交流结束日期{ends}。"
                + $"请及时办理更新，并将更新后的文件交给交流办公室。\n\n查看申请：{link}\n\n学术交流平台")
            : ($"Your {d.Kind.InSentence()} expires on {expires}, before your stay ends",
                $"Dear {d.DoctorName},\n\nYour {d.Kind.InSentence()} for {d.Cohort} expires on {expires} ({DaysEn(daysLeft)}), before your stay "
                + $"ends on {ends}. Please renew it in time and send the renewed document to the exchange office.\n\nSee your application: {link}\n\nExchange Portal");
        return new Notification($"reminder.document.expires-{window}", d.DoctorEmail, Cut(subject), body, now);
    }

    public static Notification DocumentToCoordinator(DocumentReminder d, ReminderRecipient to, int window, int daysLeft, PublicLinks links,
        DateTimeOffset now)
    {
        var link = links.To($"/Hospital/Applications/{d.ApplicationId}");
        var (expires, ends) = (d.ExpiresOn.ToString("yyyy-MM-dd"), d.StayEndsOn.ToString("yyyy-MM-dd"));
        var (subject, body) = ApplicationEmails.IsChinese(to.Culture)
            ? ($"{d.DoctorName}的{KindZh(d.Kind)}将于{expires}到期，早于交流结束日期",
                $"{to.Name}，您好：\n\n贵院{d.DoctorName}（{d.Cohort}）的{KindZh(d.Kind)}将于{expires}（{DaysZh(daysLeft)}）到期，"
                + $"早于其交流结束日期{ends}。请协助其及时办理更新。\n\n查看申请：{link}\n\n学术交流平台")
            : ($"{d.DoctorName}'s {d.Kind.InSentence()} expires on {expires}, before their stay ends",
                $"Dear {to.Name},\n\nThe {d.Kind.InSentence()} of {d.DoctorName} ({d.Cohort}) expires on {expires} ({DaysEn(daysLeft)}), "
                + $"before their stay ends on {ends}. Please help them renew it in time.\n\nSee the application: {link}\n\nExchange Portal");
        return new Notification($"reminder.document.expires-{window}", to.Email, Cut(subject), body, now);
    }

    public static Notification AgreementEnding(AgreementReminder a, ReminderRecipient to, int window, int daysLeft, PublicLinks links,
        DateTimeOffset now)
    {
        var link = links.To($"/Admin/Agreements/{a.AgreementId}");
        var ends = a.EndsOn.ToString("yyyy-MM-dd");
        var (subject, body) = ApplicationEmails.IsChinese(to.Culture)
            ? ($"协议将于{ends}到期：{a.Title}",
                $"{to.Name}，您好：\n\n{a.University}与{a.Hospital}之间的协议“{a.Title}”将于{ends}（{DaysZh(daysLeft)}）到期。"
                + $"如需续签，请打开该协议，点击“创建续签里程碑”以跟进续签工作。\n\n查看协议：{link}\n\n学术交流平台")
            : ($"Agreement ends on {ends}: {a.Title}",
                $"Dear {to.Name},\n\nThe agreement \"{a.Title}\" between {a.University} and {a.Hospital} ends on {ends} ({DaysEn(daysLeft)}). "
                + $"If it is to be renewed, open it and choose \"Create renewal milestone\" to track the renewal.\n\nSee the agreement: {link}\n\nExchange Portal");
        return new Notification($"reminder.agreement.ends-{window}", to.Email, Cut(subject), body, now);
    }

    private static string DaysEn(int days) => days switch { 0 => "today", 1 => "tomorrow", _ => $"in {days} days" };

    private static string DaysZh(int days) => days switch { 0 => "今天", 1 => "明天", _ => $"{days}天后" };

    private static string StatusEn(MilestoneStatus status) => status == MilestoneStatus.InProgress ? "in progress" : status.ToString().ToLowerInvariant();

    private static string StatusZh(MilestoneStatus status) => status switch
    {
        MilestoneStatus.Planned => "计划中",
        MilestoneStatus.InProgress => "进行中",
        MilestoneStatus.Done => "已完成",
        _ => "未达成",
    };

    internal static string KindZh(DocumentKind kind) => kind switch
    {
        DocumentKind.Cv => "简历",
        DocumentKind.PractisingLicence => "执业证书",
        DocumentKind.NominationLetter => "推荐信",
        DocumentKind.TravelDocument => "护照或通行证",
        DocumentKind.Insurance => "保险",
        DocumentKind.VisaOrEntryPermit => "签证或入境许可",
        DocumentKind.SignedAgreement => "已签署的协议",
        DocumentKind.ExitEntryPermit => "往来港澳通行证",
        _ => "交流总结报告",
    };

    private static string Cut(string subject) => subject.Length > MaxSubject ? subject[..MaxSubject] : subject;
}
