using ExchangePortal.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using MimeKit;

namespace ExchangePortal.Core.Notifications;

/// <summary>The sender address and batch size of the outbox.</summary>
public sealed record OutboxSettings(MailboxAddress From)
{
    public const string DefaultFrom = "Exchange Portal <no-reply@exchange-portal.local>";

    public int BatchSize { get; init; } = 20;
}

/// <summary>
/// Sends the notifications that are due. Each one is claimed with FOR UPDATE SKIP LOCKED in a transaction of its own,
/// so several app instances can dispatch at once without sending anything twice, and a failure waits for its backoff.
/// </summary>
public class OutboxDispatcher(PortalDbContext db, IEmailTransport transport, OutboxSettings settings, TimeProvider time,
    ILogger<OutboxDispatcher> logger)
{
    /// <summary>Sends up to a batch of due notifications and returns how many were sent.</summary>
    public async Task<int> DispatchDueAsync(CancellationToken ct)
    {
        var sent = 0;
        for (var i = 0; i < settings.BatchSize; i++)
        {
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            var now = time.GetUtcNow();
            var due = await db.Notifications
                .FromSql($"""
                    SELECT * FROM "Notifications"
                    WHERE "SentAt" IS NULL AND "NextAttemptAt" <= {now}
                    ORDER BY "NextAttemptAt", "Id"
                    LIMIT 1
                    FOR UPDATE SKIP LOCKED
                    """)
                .ToListAsync(ct);
            if (due is not [var notification])
                return sent;

            try
            {
                await transport.SendAsync(ToMessage(notification, settings.From), ct);
                notification.MarkSent(time.GetUtcNow());
                sent++;
                logger.LogInformation("Notification {NotificationId} ({Kind}) sent", notification.Id, notification.Kind);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                notification.MarkFailed(e.Message, time.GetUtcNow());
                // The error text may quote the recipient, so only its type is logged.
                logger.LogWarning("Notification {NotificationId} ({Kind}) failed on attempt {Attempts} with {ErrorType}; next try at {NextAttemptAt}",
                    notification.Id, notification.Kind, notification.Attempts, e.GetType().Name, notification.NextAttemptAt);
            }
            // At least once: a crash between the server accepting the message and this commit sends that one message again.
            // Not cancelled by shutdown: a message that went out is recorded as sent.
            try
            {
                await db.SaveChangesAsync(CancellationToken.None);
                await transaction.CommitAsync(CancellationToken.None);
            }
            catch (Exception e) when (notification.SentAt is { } sentAt && e is not OperationCanceledException)
            {
                // The database went away after the mail server took the message: record it once the database is back,
                // instead of sending it again on the next round.
                await transaction.DisposeAsync();
                await RecordSentAsync(notification.Id, sentAt, ct);
            }
            db.ChangeTracker.Clear();
        }
        return sent;
    }

    private async Task RecordSentAsync(long id, DateTimeOffset sentAt, CancellationToken ct)
    {
        db.ChangeTracker.Clear();
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await db.Notifications.Where(n => n.Id == id && n.SentAt == null)
                    .ExecuteUpdateAsync(n => n.SetProperty(x => x.SentAt, sentAt).SetProperty(x => x.LastError, (string?)null), CancellationToken.None);
                logger.LogInformation("Notification {NotificationId} recorded as sent after {Attempts} attempt(s)", id, attempt);
                return;
            }
            catch (Exception e) when (e is not OperationCanceledException && !ct.IsCancellationRequested)
            {
                logger.LogWarning("Notification {NotificationId} was sent but cannot be recorded yet ({ErrorType}); retrying", id, e.GetType().Name);
                await Task.Delay(TimeSpan.FromMilliseconds(500), time, ct);
            }
        }
    }

    /// <summary>The email for a notification; its Message-Id is stable, so a receiver can spot a resend.</summary>
    public static MimeMessage ToMessage(Notification notification, MailboxAddress from)
    {
        var sender = new MailboxAddress(from.Name, from.Address);
        var message = new MimeMessage
        {
            Subject = notification.Subject,
            Body = new TextPart("plain") { Text = notification.Body },
            MessageId = $"notification-{notification.Id}@{sender.Domain}",
            Date = notification.CreatedAt,
        };
        message.From.Add(sender);
        message.To.Add(MailboxAddress.Parse(notification.ToAddress));
        return message;
    }
}
