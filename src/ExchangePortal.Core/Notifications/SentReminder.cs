namespace ExchangePortal.Core.Notifications;

/// <summary>
/// A reminder that has been queued, by a key that names what it reminds of and when ("milestone:42:due-in-14:2026-12-01:{user}").
/// The unique key makes each reminder go out once, however often the job runs and on however many instances.
/// </summary>
public class SentReminder
{
    public long Id { get; private set; }
    public string Key { get; private set; } = "";
    public DateTimeOffset QueuedAt { get; private set; }

    private SentReminder() { }

    public SentReminder(string key, DateTimeOffset queuedAt)
    {
        Key = key;
        QueuedAt = queuedAt;
    }
}
