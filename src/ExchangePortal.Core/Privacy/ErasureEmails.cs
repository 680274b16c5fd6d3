using ExchangePortal.Core.Applications;
using ExchangePortal.Core.Notifications;

namespace ExchangePortal.Core.Privacy;

internal static class ErasureEmails
{
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
