using ExchangePortal.Core.Applications;
using ExchangePortal.Core.Auditing;
using ExchangePortal.Core.Documents;
using ExchangePortal.Core.Notifications;
using ExchangePortal.Core.Privacy;
using ExchangePortal.IntegrationTests.Cycle;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ExchangePortal.IntegrationTests.Privacy;

/// <summary>The daily retention purge on a fake clock: past each period nothing eligible is left, what is younger stays.</summary>
[Collection(PostgresCollection.Name)]
public class RetentionTests(FakeClockPortalFactory portal) : IClassFixture<FakeClockPortalFactory>
{
    [Fact]
    public async Task Past_each_period_the_purge_leaves_nothing_eligible_keeps_the_rest_and_a_second_run_changes_nothing()
    {
        var person = await PrivacyWorld.NewDoctorAsync(portal);
        await using var db = portal.NewDbContext();
        var agreement = await db.Agreements.OrderBy(a => a.Id).FirstAsync();
        var lab = await db.HostLabs.OrderBy(l => l.Id).FirstAsync(l => l.IsActive);
        var coordinator = await db.Users.Where(u => u.Email == "coordinator@demo.local").Select(u => u.Id).SingleAsync();
        var doctor = await db.Doctors.Include(d => d.User).SingleAsync(d => d.Id == person.DoctorId);

        // Two years and a month ago: a draft, a withdrawn, a rejected and a completed application with documents; a sent email
        // (and its file), a failed sign-in.
        var old = portal.Clock.Now;
        var oldDraft = PrivacyWorld.Apply(db, PrivacyWorld.Cohort(db, agreement, lab, "Retention 1", 60), doctor, old, "Old draft.");
        PrivacyWorld.AddDocument(db, oldDraft, person.UserId, DocumentKind.Cv, "old draft", old);
        var withdrawn = PrivacyWorld.Apply(db, PrivacyWorld.Cohort(db, agreement, lab, "Retention 2", 60), doctor, old, "Withdrawn.");
        PrivacyWorld.AddDocument(db, withdrawn, person.UserId, DocumentKind.Cv, "withdrawn", old);
        withdrawn.Withdraw(person.UserId, old);
        var rejected = PrivacyWorld.Apply(db, PrivacyWorld.Cohort(db, agreement, lab, "Retention 3", 60), doctor, old, "Rejected.");
        PrivacyWorld.AddDocument(db, rejected, person.UserId, DocumentKind.Cv, "rejected", old);
        rejected.Submit(person.UserId, old);
        rejected.StartReview(coordinator, old);
        rejected.Reject("No seat fits.", coordinator, old);
        var submitted = PrivacyWorld.Apply(db, PrivacyWorld.Cohort(db, agreement, lab, "Retention 4", 60), doctor, old, "Submitted.");
        PrivacyWorld.AddDocument(db, submitted, person.UserId, DocumentKind.Cv, "submitted", old);
        submitted.Submit(person.UserId, old);
        db.Notifications.Add(new Notification("test.old", person.Email, "Old", "An old body.", old));
        db.AuditEntries.Add(new AuditEntry(old, null, AuditTrail.SignInFailed, "PortalUser", person.UserId));
        await db.SaveChangesAsync();
        await PrivacyWorld.DispatchAsync(portal);
        var oldFile = Directory.GetFiles(portal.MailFolder).Single();
        File.SetLastWriteTimeUtc(oldFile, old.UtcDateTime);

        // Thirteen months later: a withdrawn application (its documents are kept 24 months).
        portal.Time.Advance(TimeSpan.FromDays(396));
        var middle = PrivacyWorld.Apply(db, PrivacyWorld.Cohort(db, agreement, lab, "Retention 5", 60), doctor, portal.Clock.Now, "Middle.");
        PrivacyWorld.AddDocument(db, middle, person.UserId, DocumentKind.Cv, "middle", portal.Clock.Now);
        middle.Withdraw(person.UserId, portal.Clock.Now);
        await db.SaveChangesAsync();

        // Now (25 months after the start): a fresh draft, email and failed sign-in.
        portal.Time.Advance(TimeSpan.FromDays(365));
        var now = portal.Clock.Now;
        var fresh = PrivacyWorld.Apply(db, PrivacyWorld.Cohort(db, agreement, lab, "Retention 6", 60), doctor, now, "Fresh draft.");
        PrivacyWorld.AddDocument(db, fresh, person.UserId, DocumentKind.Cv, "fresh", now);
        db.Notifications.Add(new Notification("test.fresh", person.Email, "Fresh", "A fresh body.", now));
        db.AuditEntries.Add(new AuditEntry(now, null, AuditTrail.SignInFailed, "PortalUser", person.UserId));
        await db.SaveChangesAsync();
        await PrivacyWorld.DispatchAsync(portal);
        var freshFile = Directory.GetFiles(portal.MailFolder).Single(f => f != oldFile);
        File.SetLastWriteTimeUtc(freshFile, now.UtcDateTime);

        var counts = await RunAsync();

        Assert.NotNull(counts);
        Assert.True(counts["DraftsDeleted"] >= 1 && counts["DocumentBytesDeleted"] >= 2 && counts["EmailBodiesCleared"] >= 1
            && counts["FailedSignInsDeleted"] >= 1 && counts["MailFilesDeleted"] == 1, string.Join(", ", counts));
        Assert.False(await db.Applications.AnyAsync(a => a.Id == oldDraft.Id));
        Assert.False(await db.Documents.AnyAsync(d => d.ApplicationId == oldDraft.Id));
        Assert.True(await db.Documents.AnyAsync(d => d.ApplicationId == withdrawn.Id));
        Assert.False(await HasBytesAsync(db, withdrawn.Id));
        Assert.False(await HasBytesAsync(db, rejected.Id));
        Assert.True(await HasBytesAsync(db, submitted.Id));
        Assert.True(await HasBytesAsync(db, middle.Id));
        Assert.True(await HasBytesAsync(db, fresh.Id));
        Assert.Equal("", await db.Notifications.Where(n => n.Kind == "test.old").Select(n => n.Body).SingleAsync());
        Assert.Equal("A fresh body.", await db.Notifications.Where(n => n.Kind == "test.fresh").Select(n => n.Body).SingleAsync());
        Assert.Equal([now], await db.AuditEntries.Where(e => e.Action == AuditTrail.SignInFailed && e.RecordId == person.UserId).Select(e => e.At).ToListAsync());
        Assert.Equal([freshFile], Directory.GetFiles(portal.MailFolder));
        // Nothing eligible is left anywhere, demo data included.
        var draftCutoff = now.AddMonths(-12);
        Assert.False(await db.Applications.AnyAsync(a => a.Status == ApplicationStatus.Draft && a.UpdatedAt < draftCutoff
            && !db.Documents.Any(d => d.ApplicationId == a.Id && d.UploadedAt >= draftCutoff)));
        Assert.False(await db.DocumentContents.AnyAsync(c => db.Documents.Any(d => d.Id == c.DocumentId
            && RetentionPurge.ClosedStatuses.Contains(d.Application!.Status) && d.Application.UpdatedAt < now.AddMonths(-24))));
        Assert.False(await db.Notifications.AnyAsync(n => n.SentAt < now.AddDays(-90) && n.Body != ""));
        Assert.False(await db.AuditEntries.AnyAsync(e => e.Action == AuditTrail.SignInFailed && e.At < now.AddMonths(-12)));
        var audit = await db.AuditEntries.Where(e => e.Action == RetentionPurge.AuditAction).ToListAsync();
        Assert.Equal(counts.ToDictionary(c => c.Key, c => (string?)c.Value.ToString()), Assert.Single(audit).Changes.ToDictionary(c => c.Key, c => c.Value.After));

        // The same day again: the day's key is taken, nothing runs. The next day: nothing is left to purge.
        Assert.Null(await RunAsync());
        Assert.Single(await db.AuditEntries.Where(e => e.Action == RetentionPurge.AuditAction).ToListAsync());
        portal.Time.Advance(TimeSpan.FromDays(1));
        var next = await RunAsync();
        Assert.All(next!.Values, v => Assert.Equal(0, v));
        Assert.Equal(2, await db.AuditEntries.CountAsync(e => e.Action == RetentionPurge.AuditAction));
        Assert.True(await HasBytesAsync(db, fresh.Id));
        Assert.Equal([freshFile], Directory.GetFiles(portal.MailFolder));
    }

    [Fact]
    public async Task The_audit_trail_still_refuses_any_other_delete_and_every_update()
    {
        await using var db = portal.NewDbContext();
        db.AuditEntries.Add(new AuditEntry(portal.Clock.Now, null, AuditTrail.SignInFailed, "PortalUser", "someone"));
        db.AuditEntries.Add(new AuditEntry(portal.Clock.Now, null, "test.kept", "PortalUser", "someone"));
        await db.SaveChangesAsync();
        await using var transaction = await db.Database.BeginTransactionAsync();
        await db.Database.ExecuteSqlRawAsync("SET LOCAL portal.purge_failed_sign_ins = 'on'");
        var update = await Assert.ThrowsAsync<Npgsql.PostgresException>(() =>
            db.AuditEntries.Where(e => e.Action == AuditTrail.SignInFailed).ExecuteUpdateAsync(s => s.SetProperty(e => e.RecordId, "x")));
        Assert.Contains("append-only", update.MessageText);
        await transaction.RollbackAsync();
        await using var other = await db.Database.BeginTransactionAsync();
        await db.Database.ExecuteSqlRawAsync("SET LOCAL portal.purge_failed_sign_ins = 'on'");
        await Assert.ThrowsAsync<Npgsql.PostgresException>(() => db.AuditEntries.Where(e => e.Action != AuditTrail.SignInFailed).ExecuteDeleteAsync());
        await other.RollbackAsync();
        // Without the setting even a failed sign-in stays.
        await Assert.ThrowsAsync<Npgsql.PostgresException>(() => db.AuditEntries.Where(e => e.Action == AuditTrail.SignInFailed).ExecuteDeleteAsync());
    }

    private async Task<IReadOnlyDictionary<string, int>?> RunAsync()
    {
        await using var scope = portal.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<RetentionPurge>().RunDailyAsync(new RetentionPeriods());
    }

    private static Task<bool> HasBytesAsync(Core.Data.PortalDbContext db, int applicationId) =>
        db.DocumentContents.AnyAsync(c => db.Documents.Any(d => d.Id == c.DocumentId && d.ApplicationId == applicationId));
}
