using System.Net;
using ExchangePortal.Core.Agreements;
using ExchangePortal.Core.Applications;
using ExchangePortal.Core.Auditing;
using ExchangePortal.Core.Cohorts;
using ExchangePortal.Core.Documents;
using ExchangePortal.Core.Notifications;
using ExchangePortal.Core.Privacy;
using ExchangePortal.Core.Programme;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ExchangePortal.IntegrationTests.Privacy;

/// <summary>
/// Carrying out an erasure: nothing in the database or the mail folder names the person afterwards, and every figure
/// (seats, dashboard, milestone actuals) moves only by the withdrawals the erasure makes through the normal path.
/// </summary>
[Collection(PostgresCollection.Name)]
public class ErasureTests(PortalFactory portal) : IClassFixture<PortalFactory>
{
    private sealed record World(Person Person, int AgreementId, int DraftCohort, int SubmittedCohort, int ConfirmedCohort, int CompletedCohort,
        int ConfirmedLab, int Draft, int Submitted, int Confirmed, int Completed);

    [Fact]
    public async Task An_erased_doctor_is_named_nowhere_and_the_figures_only_lose_the_withdrawn_applications()
    {
        var world = await ArrangeAsync();
        var person = world.Person;
        // A failed and a successful sign-in, then the request through the page (its reason names the person).
        var failed = portal.CreateClientWithoutRedirects();
        await failed.SignInAsync(person.Email, "Not-The-Right-Password-1");
        var doctor = await portal.SignInAsync(person.Email, Person.Password);
        var page = await doctor.GetPageAsync("/Account/Erasure");
        Assert.Equal(HttpStatusCode.Redirect, (await doctor.SubmitAsync(page, "#erasure-request-form",
            new Dictionary<string, string> { ["Input.Reason"] = $"I, {person.Name}, leave medicine." })).StatusCode);

        var before = await FiguresAsync(world);
        var foundBefore = await PrivacyWorld.FindInDatabaseAsync(portal.ConnectionString, person.Identifiers);
        Assert.Contains(foundBefore, h => h.StartsWith("Doctors.FullName"));
        Assert.Contains(foundBefore, h => h.StartsWith("AspNetUsers.Email"));
        Assert.Contains(foundBefore, h => h.StartsWith("DocumentContents.Bytes"));
        Assert.Contains(foundBefore, h => h.StartsWith("Notifications.Body"));
        Assert.Contains(foundBefore, h => h.StartsWith("ApplicationHistory.Comment"));
        Assert.Contains(foundBefore, h => h.StartsWith("ErasureRequests.Reason"));
        Assert.NotEmpty(PrivacyWorld.FindInMail(portal.MailFolder, person.Identifiers));
        var unrelatedMail = Directory.GetFiles(portal.MailFolder).Length - PrivacyWorld.FindInMail(portal.MailFolder, person.Identifiers).Count;
        Assert.True(unrelatedMail > 0);

        await CarryOutAsync(person);

        Assert.Empty(await PrivacyWorld.FindInDatabaseAsync(portal.ConnectionString, person.Identifiers));
        Assert.Empty(PrivacyWorld.FindInMail(portal.MailFolder, person.Identifiers));
        Assert.Equal(unrelatedMail, Directory.GetFiles(portal.MailFolder).Length);

        await using var db = portal.NewDbContext();
        var request = await db.ErasureRequests.SingleAsync(r => r.UserId == person.UserId);
        Assert.Equal(ErasureStatus.CarriedOut, request.Status);
        Assert.Null(request.Reason);
        Assert.StartsWith("Erased person ", request.Pseudonym);
        Assert.False(await db.Users.AnyAsync(u => u.Id == person.UserId));
        Assert.False(await db.UserRoles.AnyAsync(r => r.UserId == person.UserId));
        var profile = await db.Doctors.SingleAsync(d => d.Id == person.DoctorId);
        Assert.Equal((request.Pseudonym, "Cardiology", "Interventional cardiology", 9), (profile.FullName, profile.Department, profile.Specialty, profile.YearsOfPractice));
        Assert.NotNull(profile.ErasedAt);
        // Drafts go; open applications were withdrawn through the normal path (history, seat released); the completed one stays.
        var statuses = await db.Applications.Where(a => a.DoctorId == person.DoctorId).ToDictionaryAsync(a => a.Id, a => a.Status);
        Assert.False(statuses.ContainsKey(world.Draft));
        Assert.Equal(ApplicationStatus.Withdrawn, statuses[world.Submitted]);
        Assert.Equal(ApplicationStatus.Withdrawn, statuses[world.Confirmed]);
        Assert.Equal(ApplicationStatus.Completed, statuses[world.Completed]);
        Assert.True(await db.ApplicationHistory.AnyAsync(h => h.ApplicationId == world.Confirmed && h.To == ApplicationStatus.Withdrawn
            && h.Comment == PersonErasure.WithdrawnComment));
        Assert.True(await db.ApplicationHistory.AnyAsync(h => h.ApplicationId == world.Completed && h.ErasedActor == request.Pseudonym && h.ActorId == null));
        Assert.False(await db.DocumentContents.AnyAsync(c => db.Documents.Any(d => d.Id == c.DocumentId && d.Application!.DoctorId == person.DoctorId)));
        Assert.All(await db.Documents.Where(d => d.Application!.DoctorId == person.DoctorId).ToListAsync(), d => Assert.Equal(PersonErasure.ErasedFileName, d.FileName));
        // The audit trail keeps its rows (ids only) but the failed sign-in is gone; the erasure itself is audited with counts.
        Assert.True(await db.AuditEntries.AnyAsync(e => e.Action == AuditTrail.SignInSucceeded && e.RecordId == person.UserId));
        Assert.False(await db.AuditEntries.AnyAsync(e => e.Action == AuditTrail.SignInFailed && e.RecordId == person.UserId));
        var audit = await db.AuditEntries.SingleAsync(e => e.Action == "erasure.carried-out" && e.RecordId == request.Id.ToString());
        Assert.Equal("2", audit.Changes["ApplicationsClosed"].After);
        Assert.Equal("1", audit.Changes["DraftsDeleted"].After);

        var after = await FiguresAsync(world);
        // Seats: only the confirmed stay's seat was released.
        Assert.Equal(before.Seats.ToDictionary(s => s.Key, s => s.Key == world.ConfirmedLab ? s.Value - 1 : s.Value), after.Seats);
        // Milestone actuals: the completed placement and its report still count; the withdrawn confirmation no longer does.
        Assert.Equal(before.Actuals[MilestoneMeasure.DoctorsPlaced] - 1, after.Actuals[MilestoneMeasure.DoctorsPlaced]);
        Assert.Equal(before.Actuals[MilestoneMeasure.ReportsFiled], after.Actuals[MilestoneMeasure.ReportsFiled]);
        Assert.Equal(before.Actuals[MilestoneMeasure.CohortsCompleted], after.Actuals[MilestoneMeasure.CohortsCompleted]);
        // Dashboard: each cohort's figures, moved only by the erasure's transitions.
        var expected = before.Dashboard.ToDictionary(c => c.Key, c => new Dictionary<string, int>(c.Value));
        Move(expected[world.DraftCohort], ApplicationStatus.Draft, null);
        Move(expected[world.SubmittedCohort], ApplicationStatus.Submitted, ApplicationStatus.Withdrawn);
        Move(expected[world.ConfirmedCohort], ApplicationStatus.Confirmed, ApplicationStatus.Withdrawn);
        expected[world.ConfirmedCohort]["Cohort seats taken"]--;
        expected[world.ConfirmedCohort]["Cohort confirmed"]--;
        expected[world.ConfirmedCohort][$"Lab {world.ConfirmedLab}"]--;
        Assert.Equal(expected.OrderBy(c => c.Key).Select(c => Flat(c.Value)), after.Dashboard.OrderBy(c => c.Key).Select(c => Flat(c.Value)));
        Assert.Equal(before.CompletedCohort, after.CompletedCohort);

        // The person can no longer sign in.
        var again = portal.CreateClientWithoutRedirects();
        Assert.NotEqual(HttpStatusCode.Redirect, (await again.SignInAsync(person.Email, Person.Password)).StatusCode);
    }

    private async Task CarryOutAsync(Person person)
    {
        await using var db = portal.NewDbContext();
        var id = await db.ErasureRequests.Where(r => r.UserId == person.UserId).Select(r => r.Id).SingleAsync();
        var admin = await portal.SignInAsync("admin@demo.local");
        var page = await admin.GetPageAsync($"/Admin/Privacy/Request/{id}");
        Assert.Contains(person.Name, page.Document.QuerySelector("#request-facts")!.TextContent);
        var done = await admin.SubmitAsync(page, "#carry-out-form", new Dictionary<string, string> { ["CarryOut.Confirmed"] = "true" });
        Assert.Equal(HttpStatusCode.Redirect, done.StatusCode);
    }

    private static void Move(Dictionary<string, int> figures, ApplicationStatus from, ApplicationStatus? to)
    {
        figures[from.ToString()]--;
        if (to is { } status)
            figures[status.ToString()] = figures.GetValueOrDefault(status.ToString()) + 1;
    }

    private static string Flat(Dictionary<string, int> figures) =>
        string.Join(";", figures.Where(f => f.Value != 0).OrderBy(f => f.Key, StringComparer.Ordinal).Select(f => $"{f.Key}={f.Value}"));

    private sealed record Figures(Dictionary<int, int> Seats, Dictionary<MilestoneMeasure, int> Actuals,
        Dictionary<int, Dictionary<string, int>> Dashboard, string CompletedCohort);

    private async Task<Figures> FiguresAsync(World world)
    {
        await portal.EvictCachesAsync();
        await using var scope = portal.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<Core.Data.PortalDbContext>();
        var seats = await db.CohortLabs.AsNoTracking().ToDictionaryAsync(l => l.Id, l => l.SeatsTaken);
        var milestones = await db.Milestones.AsNoTracking().Where(m => m.AgreementId == world.AgreementId && m.Measure != null)
            .ToDictionaryAsync(m => m.Id, m => m.Measure!.Value);
        var actuals = await scope.ServiceProvider.GetRequiredService<MilestoneProgress>().ForAgreementAsync(world.AgreementId);
        var dashboard = await scope.ServiceProvider.GetRequiredService<AdminDashboard>().GetAsync();
        var labs = (await db.CohortLabs.AsNoTracking().Select(l => new { l.Id, l.CohortId, l.HostLab.Name }).ToListAsync()).ToDictionary(l => (l.CohortId, l.Name), l => l.Id);
        var cohorts = dashboard.Cohorts.ToDictionary(c => c.Id, c =>
        {
            var figures = c.ApplicationsByStatus.ToDictionary(s => s.Key.ToString(), s => s.Value);
            figures["Cohort seats taken"] = c.SeatsTaken;
            figures["Cohort confirmed"] = c.Confirmed;
            figures["Cohort ready"] = c.Ready;
            foreach (var lab in c.Labs)
                figures[$"Lab {labs[(c.Id, lab.Lab)]}"] = lab.SeatsTaken;
            foreach (var period in c.ArrivalsAndCompletions)
                figures[$"Period {period.StartsOn:yyyy-MM-dd}"] = period.Arrivals * 1000 + period.Completions;
            return figures;
        });
        Assert.Contains(world.DraftCohort, cohorts.Keys);
        Assert.Contains(world.ConfirmedCohort, cohorts.Keys);
        var completed = await db.Applications.AsNoTracking().Where(a => a.CohortId == world.CompletedCohort)
            .GroupBy(a => a.Status).Select(g => g.Key + "=" + g.Count()).ToListAsync();
        return new Figures(seats, milestones.ToDictionary(m => m.Value, m => actuals[m.Key]), cohorts, string.Join(";", completed.Order()));
    }

    /// <summary>
    /// The doctor with a draft, a submitted, a confirmed (after changes were requested, naming them) and a completed
    /// application, each with documents whose bytes name them; milestones with each kind of target; emails to and about
    /// them, sent into the pickup folder or still waiting, and one about nobody.
    /// </summary>
    private async Task<World> ArrangeAsync()
    {
        var person = await PrivacyWorld.NewDoctorAsync(portal);
        await using var db = portal.NewDbContext();
        var agreement = await db.Agreements.OrderBy(a => a.Id).FirstAsync();
        var lab = await db.HostLabs.OrderBy(l => l.Id).FirstAsync(l => l.IsActive);
        var coordinator = await db.Users.Where(u => u.Email == "coordinator@demo.local").Select(u => u.Id).SingleAsync();
        var doctor = await db.Doctors.Include(d => d.User).SingleAsync(d => d.Id == person.DoctorId);
        var now = DateTimeOffset.UtcNow;
        var mention = $"{person.Name} ({person.ChineseName}), licence {person.Licence}, phone {person.Phone}, {person.Email}";

        var draftCohort = PrivacyWorld.Cohort(db, agreement, lab, "Erasure draft cohort", 60);
        var submittedCohort = PrivacyWorld.Cohort(db, agreement, lab, "Erasure submitted cohort", 70);
        var confirmedCohort = PrivacyWorld.Cohort(db, agreement, lab, "Erasure running cohort", -30);
        confirmedCohort.StartExchange();
        var completedCohort = PrivacyWorld.Cohort(db, agreement, lab, "Erasure completed cohort", -300);
        completedCohort.StartExchange();

        var draft = PrivacyWorld.Apply(db, draftCohort, doctor, now, $"Plan of {mention}");
        PrivacyWorld.AddDocument(db, draft, person.UserId, DocumentKind.Cv, mention, now);
        var submitted = PrivacyWorld.Apply(db, submittedCohort, doctor, now, $"Plan of {mention}");
        PrivacyWorld.AddDocument(db, submitted, person.UserId, DocumentKind.PractisingLicence, mention, now, submittedCohort.EndsOn.AddYears(1));
        submitted.Submit(person.UserId, now);
        var confirmed = PrivacyWorld.Apply(db, confirmedCohort, doctor, now, $"Plan of {mention}");
        PrivacyWorld.AddDocument(db, confirmed, person.UserId, DocumentKind.TravelDocument, mention, now, confirmedCohort.EndsOn.AddYears(1));
        confirmed.Submit(person.UserId, now);
        confirmed.StartReview(coordinator, now);
        confirmed.RequestChanges($"{person.Name}: please add licence {person.Licence}.", coordinator, now);
        confirmed.Resubmit(person.UserId, now);
        confirmed.Approve(confirmedCohort.Labs[0], "Prof. Supervisor", confirmedCohort.StartsOn, confirmedCohort.EndsOn, now.AddDays(7), coordinator, now);
        confirmed.AcceptOffer(person.UserId, now);
        var completed = PrivacyWorld.Apply(db, completedCohort, doctor, now, $"Plan of {mention}");
        PrivacyWorld.AddDocument(db, completed, person.UserId, DocumentKind.EndOfStayReport, mention, now);
        completed.Submit(person.UserId, now);
        completed.StartReview(coordinator, now);
        completed.Approve(completedCohort.Labs[0], "Prof. Supervisor", completedCohort.StartsOn, completedCohort.EndsOn, now.AddDays(7), coordinator, now);
        completed.AcceptOffer(person.UserId, now);
        completed.MarkArrived(coordinator, now);
        completed.Complete(true, coordinator, now);
        completedCohort.Complete();

        foreach (var measure in Enum.GetValues<MilestoneMeasure>())
        {
            var milestone = new AgreementMilestone(agreement, $"Erasure target {measure}", DateOnly.FromDateTime(DateTime.UtcNow).AddDays(200));
            milestone.SetTarget(measure, 100);
            db.Milestones.Add(milestone);
        }
        db.Notifications.Add(new Notification("test.to-person", person.Email, $"Hello {person.Name}", $"Dear {mention}", now));
        db.Notifications.Add(new Notification("test.about-person", "coordinator@demo.local", $"News about {person.ChineseName}", $"About {mention}.", now));
        db.Notifications.Add(new Notification("test.unrelated", "coordinator@demo.local", "Unrelated", "Nobody is named here.", now));
        await db.SaveChangesAsync();
        await PrivacyWorld.DispatchAsync(portal);
        db.Notifications.Add(new Notification("test.waiting", person.Email.ToUpperInvariant(), "Waiting", $"Still for {person.Name}", now.AddDays(1)));
        await db.SaveChangesAsync();
        return new World(person, agreement.Id, draftCohort.Id, submittedCohort.Id, confirmedCohort.Id, completedCohort.Id,
            confirmedCohort.Labs[0].Id, draft.Id, submitted.Id, confirmed.Id, completed.Id);
    }
}
