using ExchangePortal.Core;
using ExchangePortal.Core.Clearance;
using ExchangePortal.Core.Data;
using ExchangePortal.Core.Documents;
using ExchangePortal.Core.Notifications;
using ExchangePortal.IntegrationTests.Cycle;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;

namespace ExchangePortal.IntegrationTests.Clearance;

/// <summary>The clearance reminder: each missing or returned item, 30 and 7 days before arrival, once each, through the reminder job.</summary>
[Collection(PostgresCollection.Name)]
public class ClearanceReminderTests(FakeClockPortalFactory portal) : IClassFixture<FakeClockPortalFactory>
{
    [Fact]
    public async Task Missing_and_returned_items_are_reminded_30_and_7_days_before_arrival_and_verified_ones_never()
    {
        await using var db = portal.NewDbContext();
        var cohort = await ClearanceWorld.CohortAsync(db, startsInDays: 40);
        var now = portal.Clock.Now;
        var application = await ClearanceWorld.ConfirmedAsync(db, cohort, "Reminded Doctor", now);
        ClearanceWorld.Paper(db, application, DocumentKind.PractisingLicence, cohort.EndsOn.AddYears(1), DocumentVerification.Verified, now);
        ClearanceWorld.Paper(db, application, DocumentKind.Insurance, cohort.EndsOn, DocumentVerification.Returned, now);
        await db.SaveChangesAsync();
        var arrives = (await db.Placements.SingleAsync(p => p.ApplicationId == application.Id)).StartsOn;

        var kindsByDay = new List<string[]>();
        foreach (var daysBefore in new[] { 31, 30, 29, 8, 7, 3, -1 })
        {
            portal.Time.SetUtcNow(portal.Time.GetUtcNow().AddDays(arrives.DayNumber - portal.Today.DayNumber - daysBefore));
            await RunAsync(db);
            kindsByDay.Add(await db.Notifications.Where(n => n.ToAddress == application.Doctor.Email && n.Kind.StartsWith("reminder.clearance"))
                .OrderBy(n => n.Id).Select(n => n.Subject).ToArrayAsync());
        }

        // Two open items (passport missing, insurance returned): both at 30 days and both at 7, nothing more; the licence never.
        Assert.Equal([0, 2, 2, 2, 4, 4, 4], kindsByDay.Select(k => k.Length));
        Assert.Equal(["30 days before arrival: please upload your insurance", "30 days before arrival: please upload your passport or travel permit",
            "7 days before arrival: please upload your insurance", "7 days before arrival: please upload your passport or travel permit"], kindsByDay[^1].Order());
        var bodies = await db.Notifications.Where(n => n.ToAddress == application.Doctor.Email && n.Kind == "reminder.clearance.7").Select(n => n.Body).ToListAsync();
        Assert.Contains(bodies, b => b.Contains("was returned (The scan is unreadable.)"));
        Assert.All(bodies, b => Assert.Contains($"{PortalFactory.PublicUrl}Applicant/Applications/{application.Id}/Documents", b));
        Assert.Null(Reminders.ClearanceWindow(-1));
    }

    private async Task RunAsync(PortalDbContext db)
    {
        db.ChangeTracker.Clear();
        await new Reminders(db, portal.Clock, new PublicLinks(new Uri(PortalFactory.PublicUrl)), NullLogger<Reminders>.Instance).SendDueAsync();
    }
}
