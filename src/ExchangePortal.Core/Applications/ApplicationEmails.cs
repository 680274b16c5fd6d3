using ExchangePortal.Core.Notifications;

namespace ExchangePortal.Core.Applications;

/// <summary>
/// The emails an application's changes owe people, in each recipient's language (English or Simplified Chinese),
/// written to the outbox in the same transaction as the change.
/// </summary>
public static class ApplicationEmails
{
    public static bool IsChinese(string? culture) => culture?.StartsWith("zh", StringComparison.OrdinalIgnoreCase) == true;

    public static Notification StatusChanged(ExchangeApplication application, ProgrammeClock clock, PublicLinks links)
    {
        var zh = IsChinese(application.Doctor.User?.PreferredCulture);
        var lab = application.Placement?.CohortLab.HostLab.Name;
        var respondBy = application.OfferRespondBy is { } deadline ? clock.ToLocal(deadline).ToString("yyyy-MM-dd HH:mm") : "";
        var (subject, lead) = (application.Status, zh) switch
        {
            (ApplicationStatus.Submitted, false) => ("was submitted", application.EndorsementRequired
                ? "Your application has been submitted. Your hospital's exchange office will now review it for endorsement."
                : "Your application has been submitted. The university will review it."),
            (ApplicationStatus.Submitted, true) => ("已提交", application.EndorsementRequired ? "您的申请已提交，将由您所在医院的交流办公室审核推荐。" : "您的申请已提交，将由大学审核。"),
            (ApplicationStatus.Endorsed, false) => ("was endorsed by your hospital", "Your hospital has endorsed your application; the university will now review it."),
            (ApplicationStatus.Endorsed, true) => ("已获医院推荐", "您所在的医院已推荐您的申请，大学将进行审核。"),
            (ApplicationStatus.NotEndorsed, false) => ("was not endorsed", "Your hospital has decided not to endorse your application:"),
            (ApplicationStatus.NotEndorsed, true) => ("未获医院推荐", "您所在的医院决定不推荐您的申请："),
            (ApplicationStatus.UnderReview, false) => ("is under review", "The university is reviewing your application."),
            (ApplicationStatus.UnderReview, true) => ("正在审核", "大学正在审核您的申请。"),
            (ApplicationStatus.ChangesRequested, false) => ("needs changes", "The university asks you to change your application, then resubmit it:"),
            (ApplicationStatus.ChangesRequested, true) => ("需要修改", "大学请您修改申请后重新提交："),
            (ApplicationStatus.Offered, false) => ("has an offer", $"You are offered a place in {lab}. Please accept or decline it by {respondBy} (Hong Kong time)."),
            (ApplicationStatus.Offered, true) => ("获得录取", $"您获得了{lab}的交流名额。请在{respondBy}（香港时间）之前接受或拒绝。"),
            (ApplicationStatus.Waitlisted, false) => ("is on the waitlist", "The lab you were considered for is full. You are on its waitlist and will be offered a seat if one frees up."),
            (ApplicationStatus.Waitlisted, true) => ("已列入候补名单", "您申请的实验室名额已满。您已列入候补名单，如有空缺将为您提供名额。"),
            (ApplicationStatus.Rejected, false) => ("was not successful", "The university has decided not to offer you a place:"),
            (ApplicationStatus.Rejected, true) => ("未获录取", "大学决定不向您提供交流名额："),
            (ApplicationStatus.Confirmed, false) => ("is confirmed", "You accepted the offer. The exchange office will contact you about your arrival."),
            (ApplicationStatus.Confirmed, true) => ("已确认", "您已接受录取。交流办公室将与您联系安排报到事宜。"),
            (ApplicationStatus.Declined, false) => ("offer declined", "The offer has been declined and the seat released."),
            (ApplicationStatus.Declined, true) => ("已放弃录取", "该录取已放弃，名额已释放。"),
            (ApplicationStatus.InProgress, false) => ("stay has started", "Welcome: your arrival has been recorded."),
            (ApplicationStatus.InProgress, true) => ("交流已开始", "欢迎！您的报到已登记。"),
            (ApplicationStatus.Completed, false) => ("stay completed", "Your stay is complete. Thank you for filing your end-of-stay report."),
            (ApplicationStatus.Completed, true) => ("交流已完成", "您的交流已完成，感谢您提交交流总结报告。"),
            (ApplicationStatus.Withdrawn, false) => ("withdrawn", "Your application has been withdrawn."),
            (ApplicationStatus.Withdrawn, true) => ("已撤回", "您的申请已撤回。"),
            (ApplicationStatus.Cancelled, false) => ("was cancelled", "The programme office has cancelled your exchange:"),
            (ApplicationStatus.Cancelled, true) => ("已取消", "项目办公室已取消您的交流："),
            (_, false) => ("status changed", $"Your application is now {application.Status.Describe()}."),
            (_, true) => ("状态已更新", "您的申请状态已更新。"),
        };
        var comment = application.History[^1].Comment;
        var link = links.To($"/Applicant/Applications/{application.Id}");
        var body = zh
            ? $"{application.Doctor.FullName}，您好：\n\n{lead}\n" + (string.IsNullOrWhiteSpace(comment) ? "" : $"\n{comment}\n") + $"\n查看申请：{link}\n\n学术交流平台"
            : $"Dear {application.Doctor.FullName},\n\n{lead}\n" + (string.IsNullOrWhiteSpace(comment) ? "" : $"\n{comment}\n") + $"\nSee your application: {link}\n\nExchange Portal";
        return new Notification($"application.{application.Status}", application.Doctor.Email,
            zh ? $"您申请的{application.Cohort.Name}：{subject}" : $"Your application to {application.Cohort.Name} {subject}", body, clock.Now);
    }

    public static Notification AwaitingEndorsement(string coordinatorEmail, string? coordinatorCulture, ExchangeApplication application, PublicLinks links,
        DateTimeOffset now) =>
        IsChinese(coordinatorCulture)
            ? new("endorsement.Awaiting", coordinatorEmail, $"{application.Cohort.Name}：有一份申请等待您推荐",
                $"贵院一名员工已申请{application.Cohort.Name}。\n\n推荐或不予推荐：{links.To($"/Hospital/Applications/{application.Id}")}\n\n学术交流平台", now)
            : new("endorsement.Awaiting", coordinatorEmail, $"An application to {application.Cohort.Name} awaits your endorsement",
                $"A member of your hospital's staff has applied to {application.Cohort.Name}.\n\nEndorse or decline it: {links.To($"/Hospital/Applications/{application.Id}")}\n\nExchange Portal", now);

    public static Notification SeatOfferedFromWaitlist(string coordinatorEmail, ExchangeApplication application, PublicLinks links, DateTimeOffset now) =>
        new("waitlist.offered", coordinatorEmail,
            $"A freed seat in {application.Placement?.CohortLab.HostLab.Name} was offered to the waitlist",
            $"A seat in {application.Placement?.CohortLab.HostLab.Name} ({application.Cohort.Name}) freed up and was offered "
            + $"automatically to the first waitlisted application (#{application.Id}).\n\nReview it: {links.To($"/Coordinator/Applications/{application.Id}")}\n\nExchange Portal",
            now);
}
