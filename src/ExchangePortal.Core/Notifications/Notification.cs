namespace ExchangePortal.Core.Notifications;

/// <summary>An email the portal owes someone: written with the change that causes it, sent afterwards with retries.</summary>
public class Notification
{
    public long Id { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }
    public string Kind { get; private set; } = "";
    public string ToAddress { get; private set; } = "";
    public string Subject { get; private set; } = "";
    public string Body { get; private set; } = "";
    public int Attempts { get; private set; }
    public DateTimeOffset NextAttemptAt { get; private set; }
    public DateTimeOffset? SentAt { get; private set; }
    public string? LastError { get; private set; }

    private Notification() { }

    public Notification(string kind, string toAddress, string subject, string body, DateTimeOffset now)
    {
        Kind = kind;
        ToAddress = toAddress;
        Subject = subject;
        Body = body;
        CreatedAt = now;
        NextAttemptAt = now;
    }

    public void MarkSent(DateTimeOffset now)
    {
        SentAt = now;
        LastError = null;
    }

    /// <summary>Schedules the next try with exponential backoff, capped at six hours.</summary>
    public void MarkFailed(string error, DateTimeOffset now)
    {
        Attempts++;
        LastError = error.Length > 500 ? error[..500] : error;
        var delay = TimeSpan.FromSeconds(Math.Min(30 * Math.Pow(2, Attempts - 1), TimeSpan.FromHours(6).TotalSeconds));
        NextAttemptAt = now + delay;
    }
}
