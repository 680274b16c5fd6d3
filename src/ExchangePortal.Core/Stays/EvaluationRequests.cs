using System.Security.Cryptography;
using System.Text;
using ExchangePortal.Core.Data;
using ExchangePortal.Core.Notifications;

namespace ExchangePortal.Core.Stays;

/// <summary>What the evaluation email says about the stay.</summary>
internal sealed record EvaluationStay(int ApplicationId, string Supervisor, string SupervisorEmail, string Doctor, string Lab,
    DateOnly StartsOn, DateOnly EndsOn);

/// <summary>
/// Asks the host supervisor for the evaluation: a new single-use link (only its hash is stored) and one email in English and
/// Chinese (the supervisor has no account, so no language of their own), both added to the caller's unit of work.
/// </summary>
internal static class EvaluationRequests
{
    public static Notification Add(PortalDbContext db, EvaluationStay stay, string kind, PublicLinks links, DateTimeOffset now)
    {
        var token = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        db.EvaluationLinks.Add(new EvaluationLink(stay.ApplicationId, Hash(token), stay.SupervisorEmail, now));
        var link = links.To($"/Evaluation/{token}");
        var (from, to, expires) = (stay.StartsOn.ToString("yyyy-MM-dd"), stay.EndsOn.ToString("yyyy-MM-dd"),
            (now + EvaluationLink.Lifetime).ToString("yyyy-MM-dd"));
        var body = $"Dear {stay.Supervisor},\n\n{stay.Doctor} is on an academic exchange in {stay.Lab} under your supervision "
            + $"({from} to {to}). Please evaluate the stay: it takes five minutes and needs no account.\n\n{link}\n\n"
            + $"The link works once, until {expires}.\n\nExchange Portal\n\n"
            + $"—\n\n{stay.Supervisor}，您好：\n\n{stay.Doctor}正在您指导的{stay.Lab}进行学术交流（{from}至{to}）。"
            + $"请评价本次交流：约需五分钟，无需注册账户。\n\n{link}\n\n该链接仅可使用一次，有效期至{expires}。\n\n学术交流平台";
        var subject = $"Please evaluate {stay.Doctor}'s stay / 请评价{stay.Doctor}的交流";
        return new Notification($"evaluation.{kind}", stay.SupervisorEmail, subject.Length > 300 ? subject[..300] : subject, body, now);
    }

    /// <summary>The stored form of a token: its SHA-256 in hex.</summary>
    public static string Hash(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));
}
