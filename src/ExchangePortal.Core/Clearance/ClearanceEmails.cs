using ExchangePortal.Core.Applications;
using ExchangePortal.Core.Documents;
using ExchangePortal.Core.Notifications;

namespace ExchangePortal.Core.Clearance;

/// <summary>A pre-arrival item still owed before arrival, as the reminder job reads it.</summary>
internal sealed record ClearanceReminder(int ApplicationId, string Cohort, DateOnly ArrivesOn, string DoctorUserId, string DoctorName,
    string DoctorEmail, string? DoctorCulture, ClearanceItemState Item);

/// <summary>The clearance emails to the applicant, in their language, with an absolute link to their documents.</summary>
internal static class ClearanceEmails
{
    public static Notification Returned(ExchangeApplication application, StoredDocument document, PublicLinks links, DateTimeOffset now)
    {
        var link = links.To($"/Applicant/Applications/{application.Id}/Documents");
        var name = application.Doctor.FullName;
        return ApplicationEmails.IsChinese(application.Doctor.User?.PreferredCulture)
            ? new("document.returned", application.Doctor.Email, $"您的{ReminderEmails.KindZh(document.Kind)}已退回，请重新上传",
                $"{name}，您好：\n\n交流办公室退回了您为{application.Cohort.Name}上传的{ReminderEmails.KindZh(document.Kind)}，原因如下：\n\n"
                + $"{document.ReturnReason}\n\n请上传新的文件：{link}\n\n学术交流平台", now)
            : new("document.returned", application.Doctor.Email, $"Your {document.Kind.InSentence()} was returned: please upload a new one",
                $"Dear {name},\n\nThe exchange office returned the {document.Kind.InSentence()} you uploaded for {application.Cohort.Name}, "
                + $"for this reason:\n\n{document.ReturnReason}\n\nUpload a new one: {link}\n\nExchange Portal", now);
    }

    public static Notification Reminder(ClearanceReminder r, int window, PublicLinks links, DateTimeOffset now)
    {
        var link = links.To($"/Applicant/Applications/{r.ApplicationId}/Documents");
        var arrives = r.ArrivesOn.ToString("yyyy-MM-dd");
        var returned = r.Item.State == ClearanceState.Returned;
        return ApplicationEmails.IsChinese(r.DoctorCulture)
            ? new($"reminder.clearance.{window}", r.DoctorEmail, $"抵港前{window}天：请上传您的{ReminderEmails.KindZh(r.Item.Kind)}",
                $"{r.DoctorName}，您好：\n\n您将于{arrives}开始{r.Cohort}的交流。您的{ReminderEmails.KindZh(r.Item.Kind)}"
                + (returned ? $"已被退回（{r.Item.ReturnReason}），" : "尚未上传，") + $"请在抵港前上传有效至交流结束的文件。\n\n上传：{link}\n\n学术交流平台", now)
            : new($"reminder.clearance.{window}", r.DoctorEmail, $"{window} days before arrival: please upload your {r.Item.Kind.InSentence()}",
                $"Dear {r.DoctorName},\n\nYour stay in {r.Cohort} starts on {arrives}. Your {r.Item.Kind.InSentence()} "
                + (returned ? $"was returned ({r.Item.ReturnReason})" : "is still missing")
                + $": please upload one valid until the end of your stay before you arrive.\n\nUpload it: {link}\n\nExchange Portal", now);
    }
}
