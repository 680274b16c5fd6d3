using ExchangePortal.Core;
using ExchangePortal.Core.Agreements;
using ExchangePortal.Core.Applications;
using ExchangePortal.Core.Data;
using ExchangePortal.Core.Documents;
using ExchangePortal.Core.Notifications;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace ExchangePortal.IntegrationTests;

[Collection(PostgresCollection.Name)]
public class ReminderTests(PortalFactory portal) : IClassFixture<PortalFactory>
{
    // Whole seconds, 09:00 in Hong Kong today: the demo data is dated around the real today.
    private readonly FakeTimeProvider _time = new(NineInHongKong(DateTimeOffset.UtcNow));

    [Fact]
    public async Task Milestone_owners_are_reminded_14_days_and_1_day_before_and_on_the_day_it_is_overdue()
    {
        await using var db = portal.NewDbContext();
        var title = $"Reminded milestone {Guid.NewGuid():N}";
        var milestoneId = await AddMilestoneAsync(db, title, Today.AddDays(15));

        var kindsByDay = new List<string[]>();
        foreach (var advance in new[] { 0, 1, 1, 12, 1, 1, 1 })
        {
            _time.Advance(TimeSpan.FromDays(advance));
            await RunAsync(db);
            kindsByDay.Add(await db.Notifications.Where(n => n.Subject.Contains(title)).OrderBy(n => n.Id).Select(n => n.Kind).ToArrayAsync());
        }

        // 15 days left: nothing; 14: due-14; 13: nothing new; 1: due-1; 0 (due today): nothing new; overdue: overdue; next day: nothing new.
        Assert.Equal([0, 1, 1, 2, 2, 3, 3], kindsByDay.Select(k => k.Length));
        Assert.Equal(["reminder.milestone.due-14", "reminder.milestone.due-1", "reminder.milestone.overdue"], kindsByDay[^1]);
        var emails = await db.Notifications.Where(n => n.Subject.Contains(title)).OrderBy(n => n.Id).ToListAsync();
        Assert.All(emails, n => Assert.Equal("coordinator@demo.local", n.ToAddress));
        Assert.StartsWith("Milestone due in 14 days", emails[0].Subject);
        Assert.StartsWith("Milestone due tomorrow", emails[1].Subject);
        Assert.StartsWith("Milestone overdue", emails[2].Subject);
        var agreementId = await db.Milestones.Where(m => m.Id == milestoneId).Select(m => m.AgreementId).SingleAsync();
        Assert.All(emails, n => Assert.Contains($"/Admin/Agreements/{agreementId}", n.Body));
    }

    [Fact]
    public async Task A_missed_day_is_caught_up_a_done_milestone_is_not_reminded_and_a_rescheduled_one_is_reminded_again()
    {
        await using var db = portal.NewDbContext();
        var late = $"Caught up {Guid.NewGuid():N}";
        var done = $"Done already {Guid.NewGuid():N}";
        var lateId = await AddMilestoneAsync(db, late, Today.AddDays(9));
        var doneId = await AddMilestoneAsync(db, done, Today.AddDays(9));
        await db.Milestones.Where(m => m.Id == doneId).ExecuteUpdateAsync(s => s.SetProperty(m => m.Status, MilestoneStatus.Done));

        await RunAsync(db);
        await db.Milestones.Where(m => m.Id == lateId).ExecuteUpdateAsync(s => s.SetProperty(m => m.DueOn, Today.AddDays(12)));
        await RunAsync(db);

        Assert.Equal(2, await db.Notifications.CountAsync(n => n.Subject.Contains(late) && n.Kind == "reminder.milestone.due-14"));
        Assert.Equal(0, await db.Notifications.CountAsync(n => n.Subject.Contains(done)));
        Assert.StartsWith("Milestone due in 9 days", (await db.Notifications.FirstAsync(n => n.Subject.Contains(late))).Subject);
    }

    [Fact]
    public async Task Running_twice_on_the_same_day_queues_each_reminder_once()
    {
        await using var db = portal.NewDbContext();
        var title = $"Twice {Guid.NewGuid():N}";
        var id = await AddMilestoneAsync(db, title, Today.AddDays(5));

        var first = await RunAsync(db);
        var second = await RunAsync(db);

        Assert.True(first >= 1);
        Assert.Equal(0, second);
        Assert.Equal(1, await db.Notifications.CountAsync(n => n.Subject.Contains(title)));
        Assert.Equal(1, await db.SentReminders.CountAsync(r => r.Key.StartsWith($"milestone:{id}:due-14:{Today.AddDays(5):yyyy-MM-dd}:")));
    }

    [Fact]
    public async Task Two_instances_running_at_the_same_moment_queue_each_reminder_once()
    {
        await using var db = portal.NewDbContext();
        var titles = Enumerable.Range(0, 5).Select(i => $"Concurrent {i} {Guid.NewGuid():N}").ToList();
        foreach (var title in titles)
            await AddMilestoneAsync(db, title, Today.AddDays(3));
        await using var one = portal.NewDbContext();
        await using var other = portal.NewDbContext();

        var counts = await Task.WhenAll(Reminders(one).SendDueAsync(), Reminders(other).SendDueAsync());

        foreach (var title in titles)
            Assert.Equal(1, await db.Notifications.CountAsync(n => n.Subject.Contains(title)));
        var queuedForThem = await db.Notifications.CountAsync(n => titles.Any(t => n.Subject.Contains(t)));
        Assert.True(counts.Sum() >= queuedForThem);
        Assert.Equal(0, await RunAsync(db));
    }

    [Fact]
    public async Task Applicants_and_their_hospital_coordinator_are_reminded_60_30_and_7_days_before_a_document_expires_within_the_stay()
    {
        await using var db = portal.NewDbContext();
        var confirmed = await db.Applications.Include(a => a.Doctor).ThenInclude(d => d.User)
            .SingleAsync(a => a.Status == ApplicationStatus.Confirmed && a.Doctor.Hospital.ShortName == "BCTH");
        confirmed.Doctor.User.PreferredCulture = "zh-Hans";
        var expiring = AddDocument(confirmed, DocumentKind.Insurance, Today.AddDays(61));
        var running = await db.Applications.Include(a => a.Doctor)
            .FirstAsync(a => a.Status == ApplicationStatus.InProgress && a.Doctor.Hospital.ShortName == "BCTH");
        var afterStay = AddDocument(running, DocumentKind.VisaOrEntryPermit, Today.AddDays(58));
        db.Documents.AddRange(expiring, afterStay);
        await db.SaveChangesAsync();
        await db.Placements.Where(p => p.ApplicationId == confirmed.Id).ExecuteUpdateAsync(s => s.SetProperty(p => p.EndsOn, Today.AddDays(200)));
        await db.Placements.Where(p => p.ApplicationId == running.Id).ExecuteUpdateAsync(s => s.SetProperty(p => p.EndsOn, Today.AddDays(40)));

        var windows = new List<string[]>();
        foreach (var advance in new[] { 0, 1, 30, 1, 22, 7, 1 })
        {
            _time.Advance(TimeSpan.FromDays(advance));
            await RunAsync(db);
            windows.Add(await db.SentReminders.Where(r => r.Key.StartsWith($"document:{expiring.Id}:")).OrderBy(r => r.Id)
                .Select(r => r.Key).ToArrayAsync());
        }

        // 61 days left: nothing; 60: the 60-day one; 30: the 30-day one; 29: nothing new; 7: the 7-day one; expiry day and after: nothing new.
        Assert.Equal([0, 2, 4, 4, 6, 6, 6], windows.Select(w => w.Length));
        var keys = windows[^1];
        foreach (var window in new[] { 60, 30, 7 })
        {
            Assert.Contains($"document:{expiring.Id}:expires-{window}:{expiring.ExpiresOn:yyyy-MM-dd}:{confirmed.Doctor.UserId}", keys);
            Assert.Single(keys, k => k.Contains($"expires-{window}:") && !k.EndsWith(confirmed.Doctor.UserId));
        }
        var coordinatorId = await db.Users.Where(u => u.Email == "hospital@demo.local").Select(u => u.Id).SingleAsync();
        Assert.All(keys.Where(k => !k.EndsWith(confirmed.Doctor.UserId)), k => Assert.EndsWith(coordinatorId, k));
        var toApplicant = await db.Notifications.Where(n => n.ToAddress == confirmed.Doctor.Email && n.Kind.StartsWith("reminder.document"))
            .OrderBy(n => n.Id).ToListAsync();
        Assert.Equal(["reminder.document.expires-60", "reminder.document.expires-30", "reminder.document.expires-7"], toApplicant.Select(n => n.Kind));
        Assert.StartsWith("您的保险将于", toApplicant[0].Subject);
        Assert.Contains($"/Applicant/Applications/{confirmed.Id}/Documents", toApplicant[0].Body);
        var toCoordinator = await db.Notifications.Where(n => n.ToAddress == "hospital@demo.local" && n.Kind == "reminder.document.expires-60")
            .ToListAsync();
        var english = Assert.Single(toCoordinator, n => n.Body.Contains($"/Hospital/Applications/{confirmed.Id}"));
        Assert.Equal($"{confirmed.Doctor.FullName}'s insurance expires on {expiring.ExpiresOn:yyyy-MM-dd}, before their stay ends", english.Subject);
        Assert.Equal(0, await db.SentReminders.CountAsync(r => r.Key.StartsWith($"document:{afterStay.Id}:")));
    }

    [Fact]
    public async Task The_selection_runs_a_fixed_number_of_statements_whatever_the_number_of_candidates()
    {
        var sql = new SqlStatementCounter();
        await using var db = portal.NewDbContext();
        var one = $"Counted {Guid.NewGuid():N}";
        await AddMilestoneAsync(db, one, Today.AddDays(4));
        await RunAsync(db);

        await using var counted = new PortalDbContext(new DbContextOptionsBuilder<PortalDbContext>().UseNpgsql(portal.ConnectionString)
            .AddInterceptors(sql).Options);
        await Reminders(counted).SendDueAsync();
        var withFew = sql.Count;
        for (var i = 0; i < 20; i++)
            await AddMilestoneAsync(db, $"{one} more {i}", Today.AddDays(4));
        await using (var seed = portal.NewDbContext())
            await Reminders(seed).SendDueAsync();
        sql.Reset();
        await Reminders(counted).SendDueAsync();

        Assert.Equal(withFew, sql.Count);
    }

    [Fact]
    public async Task A_queued_reminder_reaches_the_mail_server()
    {
        await using var smtp = SmtpTestServer.Start();
        await using var emailPortal = new EmailPortalFactory(smtp.Port, time: _time);
        await using (var db = emailPortal.NewDbContext())
            await AddMilestoneAsync(db, "Joint imaging workshop", Today.AddDays(14));

        await using (var scope = emailPortal.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<Reminders>().RunDailyAsync(hour: 8);
            await scope.ServiceProvider.GetRequiredService<OutboxDispatcher>().DispatchDueAsync(CancellationToken.None);
        }

        var message = await smtp.WaitForAsync(m => m.Subject == "Milestone due in 14 days: Joint imaging workshop", TimeSpan.FromSeconds(10));
        Assert.Equal("coordinator@demo.local", Assert.Single(message.To.Mailboxes).Address);
        Assert.Contains("/Admin/Agreements/", message.TextBody);
    }

    [Fact]
    public async Task Before_the_configured_hour_the_daily_run_queues_nothing()
    {
        await using var db = portal.NewDbContext();
        var title = $"Too early {Guid.NewGuid():N}";
        await AddMilestoneAsync(db, title, Today.AddDays(2));

        Assert.Equal(0, await Reminders(db).RunDailyAsync(hour: 10));
        Assert.Equal(0, await db.Notifications.CountAsync(n => n.Subject.Contains(title)));
    }

    private DateOnly Today => new ProgrammeClock(_time, ProgrammeClock.DefaultTimeZone).Today;

    private Reminders Reminders(PortalDbContext db) =>
        new(db, new ProgrammeClock(_time, ProgrammeClock.DefaultTimeZone), new PublicLinks(new Uri(PortalFactory.PublicUrl)), NullLogger<Reminders>.Instance);

    private async Task<int> RunAsync(PortalDbContext db)
    {
        db.ChangeTracker.Clear();
        return await Reminders(db).SendDueAsync();
    }

    private static async Task<int> AddMilestoneAsync(PortalDbContext db, string title, DateOnly dueOn)
    {
        var agreement = await db.Agreements.OrderBy(a => a.Id).FirstAsync();
        var owner = await db.Users.SingleAsync(u => u.Email == "coordinator@demo.local");
        var milestone = new AgreementMilestone(agreement, title, dueOn, owner: owner);
        db.Milestones.Add(milestone);
        await db.SaveChangesAsync();
        db.ChangeTracker.Clear();
        return milestone.Id;
    }

    private StoredDocument AddDocument(ExchangeApplication application, DocumentKind kind, DateOnly expiresOn)
    {
        var document = new StoredDocument(kind, $"{kind}.pdf", "application/pdf", "%PDF-1.4 test"u8.ToArray(), application.Doctor.UserId,
            _time.GetUtcNow(), expiresOn);
        document.AttachTo(application);
        return document;
    }

    private static DateTimeOffset NineInHongKong(DateTimeOffset now)
    {
        var zone = TimeZoneInfo.FindSystemTimeZoneById(ProgrammeClock.DefaultTimeZone);
        var local = TimeZoneInfo.ConvertTime(now, zone).Date.AddHours(9);
        return new DateTimeOffset(local, zone.GetUtcOffset(local)).ToUniversalTime();
    }
}
