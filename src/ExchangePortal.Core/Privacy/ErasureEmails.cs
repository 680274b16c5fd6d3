using System.Globalization;
using ExchangePortal.Core.Applications;
using ExchangePortal.Core.Notifications;

namespace ExchangePortal.Core.Privacy;

internal static class ErasureEmails
{
    /// <summary>To an administrator: a request arrived, with its due date and where to decide it (no name: the page shows who).</summary>
    public static Notification Requested(string email, string? culture, ErasureRequest request, PublicLinks links, DateTimeOffset now)
    {
        var link = links.To($"/Admin/Privacy/Request/{request.Id}");
        if (ApplicationEmails.IsChinese(culture))
        {
            var dueZh = request.DueOn.ToString("yyyy年M月d日", CultureInfo.InvariantCulture);
            return new Notification("erasure.requested", email, $"新的数据删除请求，须于{dueZh}前处理",
                $"您好：\n\n有人请求删除其个人数据。请于{dueZh}前执行，或说明理由拒绝。\n\n打开请求：{link}\n\n学术交流平台", now);
        }
        var due = request.DueOn.ToString("d MMM yyyy", CultureInfo.InvariantCulture);
        return new Notification("erasure.requested", email, $"New erasure request, due {due}",
            $"Hello,\n\nA person has asked for their personal data to be erased. Carry the request out, or refuse it with a reason, by {due}.\n\nOpen the request: {link}\n\nExchange Portal", now);
    }

    public static Notification Refused(string email, string? culture, string reason, ProgrammeClock clock, PublicLinks links)
    {
        var link = links.To("/Account/Erasure");
        return ApplicationEmails.IsChinese(culture)
            ? new Notification("erasure.refused", email, "您的数据删除请求未获执行",
                $"您好：\n\n项目办公室未执行您的数据删除请求，原因如下：\n\n{reason}\n\n查看请求：{link}\n\n学术交流平台", clock.Now)
            : new Notification("erasure.refused", email, "Your erasure request was refused",
                $"Hello,\n\nThe programme office did not carry out your request to erase your data, for this reason:\n\n{reason}\n\nSee your request: {link}\n\nExchange Portal", clock.Now);
    }
}
