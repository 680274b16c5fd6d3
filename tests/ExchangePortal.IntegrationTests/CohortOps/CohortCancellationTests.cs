using System.Net;
using ExchangePortal.Core.Agreements;
using ExchangePortal.Core.Applications;
using ExchangePortal.Core.Cohorts;
using ExchangePortal.Core.Programme;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ExchangePortal.IntegrationTests.CohortOps;

[Collection(PostgresCollection.Name)]
public class CohortCancellationTests(PortalFactory portal) : IClassFixture<PortalFactory>
{
    private static readonly ApplicationStatus[] Over =
        [ApplicationStatus.NotEndorsed, ApplicationStatus.Rejected, ApplicationStatus.Withdrawn, ApplicationStatus.Declined];

    [Fact]
    public async Task Cancelling_a_cohort_asks_a_reason_then_withdraws_every_open_application_releases_every_seat_and_tells_everyone()
    {
        int cohortId, arrivalsId;
        string token;
        await using (var db = portal.NewDbContext())
        {
            cohortId = await db.Cohorts.Where(c => c.Status == CohortStatus.Open).Select(c => c.Id).SingleAsync();
            // The coordinator follows the cohort's arrival date, so it is in their calendar until the cohort is cancelled.
            var coordinator = await db.Users.SingleAsync(u => u.Email == "coordinator@demo.local");
            var arrivals = await db.Milestones.Include(m => m.Followers).SingleAsync(m => m.CohortId == cohortId && m.Source == MilestoneSource.CohortArrivals);
            arrivals.Follow(coordinator);
            await db.SaveChangesAsync();
            arrivalsId = arrivals.Id;
            await using var scope = portal.Services.CreateAsyncScope();
            token = await scope.ServiceProvider.GetRequiredService<CalendarFeed>().RegenerateTokenAsync(coordinator.Id);
        }
        var confirmed = await CohortOpsData.AddOfferedAsync(portal, "Cancelled Confirmed", DateOnly.FromDateTime(DateTime.UtcNow).AddDays(7),
            DateTimeOffset.UtcNow, "zh-Hans", accept: true);
        Assert.Contains($"cohort-{cohortId}-starts@", await FeedAsync(token));
        Assert.Contains($"milestone-{arrivalsId}@", await FeedAsync(token));
        var before = await SnapshotAsync(cohortId);
        Assert.Contains(before.Applications, a => a.Status == ApplicationStatus.Confirmed);
        Assert.Contains(before.Applications, a => a.Status == ApplicationStatus.Offered);
        Assert.True(before.SeatsTaken > 0);
        var client = await portal.SignInAsync("coordinator@demo.local");
        var details = await client.GetPageAsync($"/Coordinator/Cohorts/{cohortId}");
        Assert.Empty(details.Document.QuerySelectorAll("#status-Cancel"));
        var page = await client.GetPageAsync(details.Document.QuerySelector("#cancel-cohort")!.GetAttribute("href")!);

        var noReason = await client.SubmitAsync(page, "#cancel-form", new Dictionary<string, string> { ["cancel.Reason"] = " " });
        Assert.Contains("Please give a reason for cancelling the cohort.", (await HtmlForms.ParseAsync(noReason)).Text());
        Assert.Equal(CohortStatus.Open, (await SnapshotAsync(cohortId)).Status);
        var done = await client.SubmitAsync(page, "#cancel-form", new Dictionary<string, string> { ["cancel.Reason"] = "The host labs closed for renovation." });

        Assert.Equal(HttpStatusCode.Redirect, done.StatusCode);
        Assert.Equal($"/Coordinator/Cohorts/{cohortId}", done.Headers.Location!.OriginalString);
        var after = await SnapshotAsync(cohortId);
        Assert.Equal((CohortStatus.Cancelled, "The host labs closed for renovation."), (after.Status, after.Reason));
        Assert.Equal(0, after.SeatsTaken);
        var open = before.Applications.Where(a => !Over.Contains(a.Status)).ToList();
        Assert.NotEmpty(open);
        foreach (var a in after.Applications)
        {
            var was = before.Applications.Single(b => b.Id == a.Id);
            var expected = Over.Contains(was.Status) ? was.Status
                : was.Status == ApplicationStatus.Confirmed ? ApplicationStatus.Cancelled : ApplicationStatus.Withdrawn;
            Assert.Equal(expected, a.Status);
            Assert.False(a.HoldsSeat, $"application {a.Id} still holds a seat");
            if (!Over.Contains(was.Status))
                Assert.Equal("The cohort was cancelled: The host labs closed for renovation.", a.LastComment);
        }
        await using var check = portal.NewDbContext();
        var emails = await check.Notifications.Where(n => n.Kind.StartsWith("cohort.cancelled")).ToListAsync();
        var applicantEmails = emails.Where(n => n.Kind == "cohort.cancelled").ToList();
        Assert.Equal(open.Select(a => a.Email).Order(), applicantEmails.Select(n => n.ToAddress).Order());
        Assert.All(applicantEmails, n => Assert.Contains("The host labs closed for renovation.", n.Body));
        var confirmedEmail = open.Single(a => a.Id == confirmed).Email;
        Assert.StartsWith("您好", applicantEmails.Single(n => n.ToAddress == confirmedEmail).Body.Split('，')[1]);
        var hospitals = open.Select(a => a.HospitalId).Distinct().ToList();
        var coordinators = await check.Users.Where(u => u.HospitalId != null && hospitals.Contains(u.HospitalId.Value) && u.Email!.StartsWith("hospital"))
            .Select(u => u.Email!).ToListAsync();
        Assert.Equal(coordinators.Order(), emails.Where(n => n.Kind == "cohort.cancelled.hospital").Select(n => n.ToAddress).Order());
        Assert.Contains("Cancelled Confirmed", emails.Single(n => n.ToAddress == "hospital@demo.local").Body);
        Assert.False(await check.Milestones.AnyAsync(m => m.CohortId == cohortId && m.DueOn >= DateOnly.FromDateTime(DateTime.UtcNow.AddDays(1))));
        Assert.DoesNotContain($"cohort-{cohortId}-", await FeedAsync(token));
        Assert.DoesNotContain($"milestone-{arrivalsId}@", await FeedAsync(token));
        var audit = await check.AuditEntries.SingleAsync(e => e.Action == "exchangeCohort.cancelled" && e.RecordId == cohortId.ToString());
        Assert.Equal(open.Count.ToString(), audit.Changes["Applications"].After);
        Assert.Equal(before.SeatsTaken.ToString(), audit.Changes["SeatsReleased"].After);
    }

    [Fact]
    public async Task A_cohort_with_a_stay_in_progress_is_not_cancelled_and_nothing_changes()
    {
        int cohortId;
        await using (var db = portal.NewDbContext())
            cohortId = await db.Cohorts.Where(c => c.Status == CohortStatus.InProgress).Select(c => c.Id).SingleAsync();
        var client = await portal.SignInAsync("coordinator@demo.local");
        var before = await SnapshotAsync(cohortId);

        var page = await client.GetPageAsync($"/Coordinator/Cohorts/{cohortId}/Cancel");
        var status = await client.GetPageAsync($"/Coordinator/Cohorts/{cohortId}");

        Assert.Contains("cannot be cancelled while a stay is in progress", page.Document.QuerySelector("#cancel-refused")!.TextContent);
        Assert.Null(page.Document.QuerySelector("#cancel-form"));
        Assert.Null(status.Document.QuerySelector("#cancel-cohort"));
        await using var scope = portal.Services.CreateAsyncScope();
        var version = (await scope.ServiceProvider.GetRequiredService<CohortCancellation>().PreviewAsync(cohortId))!.Version;
        var refused = await Assert.ThrowsAsync<Core.DomainException>(() =>
            scope.ServiceProvider.GetRequiredService<CohortCancellation>().CancelAsync(cohortId, version, "Try anyway", "nobody"));
        Assert.Equal(CohortCancellation.StayInProgress, refused.Message);
        var after = await SnapshotAsync(cohortId);
        Assert.Equal(before.Status, after.Status);
        Assert.Equal(before.SeatsTaken, after.SeatsTaken);
        Assert.Equal(before.Applications.Select(a => a.Status), after.Applications.Select(a => a.Status));
    }

    [Fact]
    public async Task The_plain_status_button_cannot_cancel_without_a_reason_and_an_unknown_cohort_is_not_found()
    {
        int cohortId;
        await using (var db = portal.NewDbContext())
            cohortId = await db.Cohorts.Where(c => c.Status == CohortStatus.InProgress).Select(c => c.Id).SingleAsync();
        var client = await portal.SignInAsync("coordinator@demo.local");
        var details = await client.GetPageAsync($"/Coordinator/Cohorts/{cohortId}");
        var token = details.Document.QuerySelector("#copy-form input[name=__RequestVerificationToken]")!.GetAttribute("value")!;

        var bare = await client.PostAsync($"/Coordinator/Cohorts/{cohortId}?handler=Status&change=Cancel",
            new FormUrlEncodedContent([new("__RequestVerificationToken", token)]));
        var unknown = await client.GetAsync("/Coordinator/Cohorts/424242/Cancel");

        Assert.Contains("A cohort is cancelled with a reason", (await HtmlForms.ParseAsync(bare)).Text());
        Assert.Equal(CohortStatus.InProgress, (await SnapshotAsync(cohortId)).Status);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
    }

    [Fact]
    public async Task Cancelling_runs_the_same_number_of_statements_for_5_and_50_applications()
    {
        var counts = new List<int>();
        foreach (var (size, months) in new[] { (5, 24), (50, 36) })
        {
            int cohortId;
            await using (var scope = portal.Services.CreateAsyncScope())
            {
                await using var db = portal.NewDbContext();
                var open = await db.Cohorts.Where(c => c.Status == CohortStatus.Open || c.Status == CohortStatus.Cancelled)
                    .OrderBy(c => c.Id).Select(c => c.Id).FirstAsync();
                var admin = await db.Users.Where(u => u.Email == "admin@demo.local").Select(u => u.Id).SingleAsync();
                cohortId = (await scope.ServiceProvider.GetRequiredService<CohortAdministration>().CopyToNextCycleAsync(open, months, 0, admin))!.Value;
            }
            await CohortOpsData.AddEndorsedAsync(portal, $"Cancel{size} {Guid.NewGuid():N}"[..14], size, cohortId: cohortId);
            var client = await portal.SignInAsync("coordinator@demo.local");
            var page = await client.GetPageAsync($"/Coordinator/Cohorts/{cohortId}/Cancel");
            portal.Sql.Reset();
            var done = await client.SubmitAsync(page, "#cancel-form", new Dictionary<string, string> { ["cancel.Reason"] = "Counting statements." });
            counts.Add(portal.Sql.Count);
            Assert.Equal(HttpStatusCode.Redirect, done.StatusCode);
            await using var check = portal.NewDbContext();
            Assert.Equal(size, await check.Applications.CountAsync(a => a.CohortId == cohortId && a.Status == ApplicationStatus.Withdrawn));
        }

        Assert.InRange(counts[0], 1, 12);
        Assert.Equal(counts[0], counts[1]);
    }

    private sealed record ApplicationState(int Id, ApplicationStatus Status, bool HoldsSeat, string Email, int HospitalId, string? LastComment);

    private sealed record CohortState(CohortStatus Status, string? Reason, int SeatsTaken, List<ApplicationState> Applications);

    private async Task<CohortState> SnapshotAsync(int cohortId)
    {
        await using var db = portal.NewDbContext();
        var cohort = await db.Cohorts.Where(c => c.Id == cohortId)
            .Select(c => new { c.Status, c.CancellationReason, Seats = c.Labs.Sum(l => l.SeatsTaken) }).SingleAsync();
        var applications = await db.Applications.Where(a => a.CohortId == cohortId).OrderBy(a => a.Id)
            .Select(a => new ApplicationState(a.Id, a.Status, a.Placement != null && a.Placement.ReleasedAt == null, a.Doctor.Email, a.Doctor.HospitalId,
                a.History.OrderByDescending(h => h.Id).Select(h => h.Comment).FirstOrDefault()))
            .ToListAsync();
        return new CohortState(cohort.Status, cohort.CancellationReason, cohort.Seats, applications);
    }

    private async Task<string> FeedAsync(string token)
    {
        await using var scope = portal.Services.CreateAsyncScope();
        return (await scope.ServiceProvider.GetRequiredService<CalendarFeed>().RenderAsync(token, "https://portal.test"))!;
    }
}
