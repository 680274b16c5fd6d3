using ExchangePortal.Core.Applications;
using ExchangePortal.Core.Notifications;

namespace ExchangePortal.Core.Messages;

/// <summary>The email that tells the other side of a thread about a new message, in the reader's language, with the message
/// and an absolute link to the thread.</summary>
internal static class MessageEmails
{
    /// <summary>Someone a message is emailed to: the applicant, or a university coordinator.</summary>
    public sealed record Reader(string Email, string? Culture, bool IsApplicant);

    public static Notification For(Reader reader, MessageTarget target, ApplicationMessage message, PublicLinks links)
    {
        var zh = ApplicationEmails.IsChinese(reader.Culture);
        if (reader.IsApplicant)
        {
            var link = links.To($"/Applicant/Applications/{target.Id}/Messages");
            return zh
                ? new("message.ToApplicant", reader.Email, $"交流办公室就您申请的{target.Cohort}给您发来留言",
                    $"{target.Applicant}，您好：\n\n交流办公室给您发来留言：\n\n{message.Text}\n\n阅读并回复：{link}\n\n学术交流平台", message.SentAt)
                : new("message.ToApplicant", reader.Email, $"A message about your application to {target.Cohort}",
                    $"Dear {target.Applicant},\n\nThe exchange office has sent you a message:\n\n{message.Text}\n\nRead and reply: {link}\n\nExchange Portal",
                    message.SentAt);
        }
        var thread = links.To($"/Coordinator/Applications/{target.Id}/Messages");
        return zh
            ? new("message.ToUniversity", reader.Email, $"{target.Applicant}就其申请的{target.Cohort}发来留言",
                $"{target.Applicant}发来留言：\n\n{message.Text}\n\n阅读并回复：{thread}\n\n学术交流平台", message.SentAt)
            : new("message.ToUniversity", reader.Email, $"{target.Applicant} sent a message about their application to {target.Cohort}",
                $"{target.Applicant} wrote:\n\n{message.Text}\n\nRead and reply: {thread}\n\nExchange Portal", message.SentAt);
    }
}
