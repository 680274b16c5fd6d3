using ExchangePortal.Core.Notifications;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using MimeKit;

namespace ExchangePortal.IntegrationTests;

[Collection(PostgresCollection.Name)]
public class OutboxTests
{
    // Whole seconds, so times read back from PostgreSQL (microseconds) compare equal.
    private readonly FakeTimeProvider _time = new(DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.ToUnixTimeSeconds()));

    [Fact]
    public async Task Due_notifications_reach_the_mail_server_once_and_are_marked_sent()
    {
        await using var smtp = SmtpTestServer.Start();
        await using var portal = new EmailPortalFactory(smtp.Port, time: _time);
        var ids = await WriteAsync(portal, 2);

        Assert.Equal(2, await DispatchAsync(portal));
        Assert.Equal(0, await DispatchAsync(portal));

        Assert.Equal(2, smtp.Messages.Count);
        var message = Assert.Single(smtp.Messages, m => m.Subject == "Subject 0");
        Assert.Equal("person0@hospital.test", Assert.Single(message.To.Mailboxes).Address);
        Assert.Equal("exchange@university.test", Assert.Single(message.From.Mailboxes).Address);
        Assert.Equal("Dear person 0,\nyour application moved on.", message.TextBody!.ReplaceLineEndings("\n"));
        await using var db = portal.NewDbContext();
        var sent = await db.Notifications.Where(n => ids.Contains(n.Id)).ToListAsync();
        Assert.All(sent, n => Assert.Equal(_time.GetUtcNow(), n.SentAt));
        Assert.All(sent, n => Assert.Equal(0, n.Attempts));
    }

    [Fact]
    public async Task A_notification_waits_out_a_mail_server_outage_and_is_sent_after_its_backoff()
    {
        var port = SmtpTestServer.FreePort();
        await using var portal = new EmailPortalFactory(port, time: _time);
        var id = (await WriteAsync(portal, 1))[0];

        Assert.Equal(0, await DispatchAsync(portal));

        await using (var db = portal.NewDbContext())
        {
            var failed = await db.Notifications.SingleAsync(n => n.Id == id);
            Assert.Null(failed.SentAt);
            Assert.Equal(1, failed.Attempts);
            Assert.False(string.IsNullOrEmpty(failed.LastError));
            Assert.True(failed.NextAttemptAt > _time.GetUtcNow());
        }

        await using var smtp = SmtpTestServer.Start(port);
        Assert.Equal(0, await DispatchAsync(portal));
        _time.Advance(TimeSpan.FromSeconds(31));
        Assert.Equal(1, await DispatchAsync(portal));

        Assert.Equal("Subject 0", Assert.Single(smtp.Messages).Subject);
        await using (var db = portal.NewDbContext())
        {
            var sent = await db.Notifications.SingleAsync(n => n.Id == id);
            Assert.Equal(_time.GetUtcNow(), sent.SentAt);
            Assert.Null(sent.LastError);
        }
    }

    [Fact]
    public async Task Two_dispatchers_at_once_send_each_notification_exactly_once()
    {
        await using var smtp = SmtpTestServer.Start();
        await using var portal = new EmailPortalFactory(smtp.Port, time: _time);
        var ids = await WriteAsync(portal, 30);

        var counts = await Task.WhenAll(DispatchAsync(portal), DispatchAsync(portal));

        Assert.Equal(30, counts.Sum());
        Assert.Equal(ids.Select(id => $"notification-{id}@university.test").Order(),
            smtp.Messages.Select(m => m.MessageId).Order());
        await using var db = portal.NewDbContext();
        Assert.Equal(0, await db.Notifications.CountAsync(n => n.SentAt == null));
    }

    [Fact]
    public async Task The_background_worker_sends_the_email_a_coordinator_decision_writes()
    {
        await using var smtp = SmtpTestServer.Start();
        await using var portal = new EmailPortalFactory(smtp.Port, worker: true);
        var client = await portal.SignInAsync("coordinator@demo.local");
        int id;
        string doctorEmail;
        await using (var db = portal.NewDbContext())
        {
            var application = await db.Applications.Include(a => a.Doctor).SingleAsync(a => a.Doctor.FullName == "Zhao Li");
            (id, doctorEmail) = (application.Id, application.Doctor.Email);
        }
        var page = await client.GetPageAsync($"/Coordinator/Applications/{id}");

        await client.SubmitAsync(page, "#request-changes-form", new Dictionary<string, string> { ["changes.Text"] = "Add a weekly plan." });

        var message = await smtp.WaitForAsync(m => m.To.Mailboxes.Any(to => to.Address == doctorEmail), TimeSpan.FromSeconds(20));
        Assert.EndsWith("needs changes", message.Subject);
        Assert.Contains("Add a weekly plan.", message.TextBody);
        await using (var db = portal.NewDbContext())
        {
            var deadline = DateTime.UtcNow.AddSeconds(20);
            while (await db.Notifications.AnyAsync(n => n.SentAt == null) && DateTime.UtcNow < deadline)
                await Task.Delay(50);
            Assert.Equal(0, await db.Notifications.CountAsync(n => n.SentAt == null));
        }
    }

    private async Task<List<long>> WriteAsync(PortalFactory portal, int count)
    {
        await using var db = portal.NewDbContext();
        var notifications = Enumerable.Range(0, count)
            .Select(i => new Notification("test.kind", $"person{i}@hospital.test", $"Subject {i}",
                $"Dear person {i},\nyour application moved on.", _time.GetUtcNow()))
            .ToList();
        db.Notifications.AddRange(notifications);
        await db.SaveChangesAsync();
        return notifications.Select(n => n.Id).ToList();
    }

    private static async Task<int> DispatchAsync(PortalFactory portal)
    {
        await using var scope = portal.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<OutboxDispatcher>().DispatchDueAsync(CancellationToken.None);
    }
}
