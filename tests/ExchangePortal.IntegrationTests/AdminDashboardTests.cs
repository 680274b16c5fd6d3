using System.Text;
using ExchangePortal.Core;
using ExchangePortal.Core.Applications;
using ExchangePortal.Core.Cohorts;
using ExchangePortal.Core.Data;
using ExchangePortal.Core.Doctors;
using ExchangePortal.Core.Documents;
using ExchangePortal.Core.Programme;
using ExchangePortal.Core.Users;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ExchangePortal.IntegrationTests;

/// <summary>The administrator's dashboard: its figures against the database, its charts' tables, its cost at scale.</summary>
[Collection(PostgresCollection.Name)]
public class AdminDashboardTests(PortalFactory portal) : IClassFixture<PortalFactory>
{
    private static readonly byte[] Pdf = Encoding.ASCII.GetBytes("%PDF-1.4\n% dashboard test\n%%EOF\n");

    [Fact]
    public async Task Documents_expiring_before_the_stay_ends_and_readiness_are_exactly_what_the_database_holds()
    {
        var today = Today();
        await using var db = portal.NewDbContext();
        var cohort = await OpenCohortAsync(db);
        var lapsing = await ConfirmAsync(db, cohort, "Dash Lapsing", licence: cohort.EndsOn.AddDays(-5), travel: cohort.EndsOn.AddYears(2), insurance: cohort.EndsOn);
        var ready = await ConfirmAsync(db, cohort, "Dash Ready", licence: cohort.EndsOn.AddDays(1), travel: cohort.EndsOn.AddYears(2), insurance: cohort.EndsOn);
        var noPassport = await ConfirmAsync(db, cohort, "Dash Nopassport", licence: cohort.EndsOn.AddYears(1), travel: null, insurance: cohort.EndsOn.AddDays(-1));

        var view = await DashboardAsync();

        var expected = await db.Database.SqlQuery<string>($"""
            SELECT d."ApplicationId" || ':' || d."Kind" AS "Value"
            FROM "Documents" d
            JOIN "Applications" a ON a."Id" = d."ApplicationId"
            JOIN "Placements" p ON p."ApplicationId" = a."Id"
            WHERE a."Status" IN ('Confirmed', 'InProgress') AND p."EndsOn" >= {today}
              AND d."Kind" IN ('PractisingLicence', 'TravelDocument', 'Insurance') AND d."ExpiresOn" < p."EndsOn"
            """).ToListAsync();
        Assert.Equal(expected.Order(), view.ExpiringDocuments.Select(d => $"{d.ApplicationId}:{d.Kind}").Order());
        Assert.Contains(view.ExpiringDocuments, d => d.ApplicationId == lapsing && d.Kind == DocumentKind.PractisingLicence
            && d.ExpiresOn == cohort.EndsOn.AddDays(-5) && d.StayEndsOn == cohort.EndsOn && d.Holder == "Dash Lapsing");
        Assert.Contains(view.ExpiringDocuments, d => d.ApplicationId == noPassport && d.Kind == DocumentKind.Insurance);
        Assert.DoesNotContain(view.ExpiringDocuments, d => d.ApplicationId == ready);
        Assert.DoesNotContain(view.ExpiringDocuments, d => d.ApplicationId == lapsing && d.Kind != DocumentKind.PractisingLicence);

        var progress = view.Cohorts.Single(c => c.Id == cohort.Id);
        Assert.Equal((3, 1), (progress.Confirmed, progress.Ready));

        var page = await (await portal.SignInAsync("admin@demo.local")).GetPageAsync("/Admin");
        var rows = page.Document.QuerySelectorAll("#expiring-documents tbody tr");
        Assert.Equal(view.ExpiringDocuments.Count, rows.Length);
        var row = rows.Single(r => r.TextContent.Contains("Dash Lapsing"));
        Assert.Contains("Practising licence", row.TextContent);
        Assert.Contains(cohort.EndsOn.AddDays(-5).ToString("d MMM yyyy"), row.TextContent);
        Assert.Equal($"/Admin/Stays#stay-{lapsing}", row.QuerySelector("a")!.GetAttribute("href"));
        Assert.Contains("1 of 3 ready", page.Document.QuerySelector($"#readiness-{cohort.Id}")!.TextContent);
        var meter = page.Document.QuerySelector($"#readiness-{cohort.Id} meter")!;
        Assert.Equal(("1", "3"), (meter.GetAttribute("value"), meter.GetAttribute("max")));
    }

    [Fact]
    public async Task Each_chart_has_its_table_and_the_figures_match_the_database()
    {
        await using var db = portal.NewDbContext();
        // Arrivals and completions on other days than the demo's: one arrival today, after the cohort's dates.
        var running = await db.Cohorts.Where(c => c.Status == CohortStatus.InProgress).OrderBy(c => c.Id).FirstAsync(); // the demo's
        var coordinator = await db.Users.Where(u => u.Email == "coordinator@demo.local").Select(u => u.Id).SingleAsync();
        var stays = await db.Applications.Where(a => a.CohortId == running.Id
            && (a.Status == ApplicationStatus.Confirmed || a.Status == ApplicationStatus.InProgress)).OrderBy(a => a.Id).ToListAsync();
        stays.First(a => a.Status == ApplicationStatus.Confirmed).MarkArrived(coordinator, DateTimeOffset.UtcNow);
        stays.First(a => a.Status == ApplicationStatus.InProgress).Complete(true, coordinator, DateTimeOffset.UtcNow.AddDays(-3));
        await db.SaveChangesAsync();

        var view = await DashboardAsync();
        var page = await (await portal.SignInAsync("admin@demo.local")).GetPageAsync("/Admin");

        foreach (var cohort in view.Cohorts)
        {
            var statusTable = page.Document.QuerySelector($"#status-{cohort.Id} + details table")!;
            Assert.Equal($"Applications by status, {cohort.Name}", statusTable.QuerySelector("caption")!.TextContent);
            var counted = await db.Applications.Where(a => a.CohortId == cohort.Id).GroupBy(a => a.Status)
                .Select(g => new { g.Key, Count = g.Count() }).ToListAsync();
            Assert.Equal(counted.OrderBy(c => c.Key).Select(c => $"{StatusWords(c.Key)}|{c.Count}"), BodyRows(statusTable));
            Assert.Equal("img", page.Document.QuerySelector($"#status-{cohort.Id} svg")!.GetAttribute("role"));

            var seatsTable = page.Document.QuerySelector($"#seats-{cohort.Id} + details table")!;
            var labs = await db.CohortLabs.Where(l => l.CohortId == cohort.Id).OrderBy(l => l.HostLab.Name)
                .Select(l => $"{l.HostLab.Name}|{l.SeatsTaken}|{l.Seats}").ToListAsync();
            Assert.Equal(labs, BodyRows(seatsTable));
            Assert.Equal(labs, cohort.Labs.Select(l => $"{l.Lab}|{l.SeatsTaken}|{l.Seats}"));

            foreach (var arrived in new[] { true, false })
            {
                var to = arrived ? "InProgress" : "Completed";
                foreach (var period in cohort.ArrivalsAndCompletions)
                {
                    var end = period.StartsOn.AddDays(7);
                    var counts = await db.Database.SqlQuery<int>($"""
                        SELECT count(*)::int AS "Value" FROM "ApplicationHistory" h JOIN "Applications" a ON a."Id" = h."ApplicationId"
                        WHERE a."CohortId" = {cohort.Id} AND h."To" = {to}
                          AND (h."At" AT TIME ZONE 'Asia/Hong_Kong')::date >= {period.StartsOn} AND (h."At" AT TIME ZONE 'Asia/Hong_Kong')::date < {end}
                        """).SingleAsync();
                    Assert.Equal(counts, arrived ? period.Arrivals : period.Completions);
                }
                var status = arrived ? ApplicationStatus.InProgress : ApplicationStatus.Completed;
                var total = await db.ApplicationHistory.CountAsync(h => h.To == status
                    && db.Applications.Any(a => a.Id == h.ApplicationId && a.CohortId == cohort.Id));
                Assert.Equal(total, cohort.ArrivalsAndCompletions.Sum(p => arrived ? p.Arrivals : p.Completions));
            }
        }

        var runningView = view.Cohorts.Single(c => c.Id == running.Id);
        Assert.Equal((4, 1), (runningView.ArrivalsAndCompletions.Sum(p => p.Arrivals), runningView.ArrivalsAndCompletions.Sum(p => p.Completions)));
        // The arrival recorded today lies after the cohort's end: the weeks reach out to it.
        Assert.True(runningView.ArrivalsAndCompletions[^1].StartsOn > running.EndsOn);
        var arrivalsTable = page.Document.QuerySelector($"#arrivals-{running.Id} + details table")!;
        Assert.Equal(runningView.ArrivalsAndCompletions.Select(p => $"{p.StartsOn:d MMM yyyy}|{p.Arrivals}|{p.Completions}"),
            BodyRows(arrivalsTable));
    }

    [Fact]
    public async Task The_dashboard_runs_the_same_statements_with_100_times_the_data_and_every_query_has_rows()
    {
        var admin = await portal.SignInAsync("admin@demo.local");
        await admin.GetAsync("/Admin"); // first-request work is not the page's own
        await using var db = portal.NewDbContext();
        var cohort = await RunningCohortAsync(db, seats: 300);

        await AddStaysAndApplicationsAsync(db, cohort, stays: 2, applications: 20);
        var small = await CountStatementsAsync(admin);
        var smallView = await DashboardAsync();
        await AddStaysAndApplicationsAsync(db, cohort, stays: 198, applications: 1980);
        var large = await CountStatementsAsync(admin);
        var largeView = await DashboardAsync();

        Assert.Equal(small, large);
        Assert.InRange(small, 1, 8);
        // Every query of the page had rows to read, at both sizes: the scale cohort's placements, arrivals and expiring papers.
        var smallScale = smallView.Cohorts.Single(c => c.Id == cohort.Id);
        var largeScale = largeView.Cohorts.Single(c => c.Id == cohort.Id);
        Assert.Equal((2, 200), (smallScale.Labs.Single().SeatsTaken, largeScale.Labs.Single().SeatsTaken));
        Assert.Equal((2, 200), (smallScale.ArrivalsAndCompletions.Sum(p => p.Arrivals), largeScale.ArrivalsAndCompletions.Sum(p => p.Arrivals)));
        Assert.Equal((1, 100), (smallScale.Ready, largeScale.Ready));
        Assert.Equal(1, smallView.ExpiringDocuments.Count(d => d.Cohort == cohort.Name));
        Assert.Equal(100, largeView.ExpiringDocuments.Count(d => d.Cohort == cohort.Name));
    }

    [Fact]
    public async Task The_dashboard_reads_in_chinese()
    {
        var admin = await portal.SignInAsync("admin@demo.local");
        admin.DefaultRequestHeaders.Add("Accept-Language", "zh-CN");

        var page = await admin.GetPageAsync("/Admin");

        Assert.Equal("项目仪表板", page.Document.QuerySelector("h1")!.TextContent);
        Assert.Equal("批次准备情况", page.Document.QuerySelector("#readiness-heading")!.TextContent);
        Assert.NotEmpty(page.Document.QuerySelectorAll("details.chart-table summary"));
        Assert.All(page.Document.QuerySelectorAll("details.chart-table summary"), s => Assert.StartsWith("以表格显示", s.TextContent));
        Assert.Contains("：按状态统计的申请", page.Document.QuerySelector("figure title")!.TextContent);
    }

    private async Task<int> CountStatementsAsync(HttpClient client)
    {
        portal.Sql.Reset();
        var response = await client.GetAsync("/Admin");
        response.EnsureSuccessStatusCode();
        return portal.Sql.Count;
    }

    private static List<string> BodyRows(AngleSharp.Dom.IElement table) => table.QuerySelectorAll("tbody tr")
        .Select(r => string.Join("|", r.Children.Select(c => c.TextContent.Trim()))).ToList();

    private static string StatusWords(ApplicationStatus status) => ExchangePortal.Web.Pages.StatusBadge.Text(status);

    private DateOnly Today()
    {
        using var scope = portal.Services.CreateScope();
        return scope.ServiceProvider.GetRequiredService<ProgrammeClock>().Today;
    }

    private async Task<DashboardView> DashboardAsync()
    {
        await using var scope = portal.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<AdminDashboard>().GetAsync();
    }

    private static Task<ExchangeCohort> OpenCohortAsync(PortalDbContext db) =>
        db.Cohorts.Include(c => c.Labs).ThenInclude(l => l.HostLab).SingleAsync(c => c.Status == CohortStatus.Open);

    /// <summary>A cohort running now, with one lab of many seats, so that stays can be added by the hundred.</summary>
    private static async Task<ExchangeCohort> RunningCohortAsync(PortalDbContext db, int seats)
    {
        var agreement = await db.Agreements.FirstAsync();
        var lab = await db.HostLabs.FirstAsync();
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var cohort = new ExchangeCohort(agreement, "Scale test cohort", today.AddDays(-100), today.AddDays(-60), today.AddDays(-30),
            today.AddDays(60), seats, requiresEndorsement: false);
        cohort.AddLab(lab, seats);
        cohort.Open();
        cohort.StartExchange();
        db.Cohorts.Add(cohort);
        await db.SaveChangesAsync();
        return cohort;
    }

    /// <summary>
    /// Stays that arrived (half of them with a licence running out before the stay ends, half ready) and plain submitted
    /// applications with their papers.
    /// </summary>
    private static async Task AddStaysAndApplicationsAsync(PortalDbContext db, ExchangeCohort cohort, int stays, int applications)
    {
        var hospital = await db.Institutions.SingleAsync(i => i.ShortName == "BCTH");
        var coordinator = await db.Users.Where(u => u.Email == "coordinator@demo.local").Select(u => u.Id).SingleAsync();
        var lab = cohort.Labs.Single();
        var now = DateTimeOffset.UtcNow;
        for (var i = 0; i < stays + applications; i++)
        {
            var (application, doctor) = NewApplication(db, cohort, hospital, $"Scale {Guid.NewGuid():N}", now);
            var licence = i < stays && i % 2 == 0 ? cohort.EndsOn.AddDays(-10) : cohort.EndsOn.AddYears(1);
            AddDocument(db, application, doctor, DocumentKind.PractisingLicence, licence, now);
            if (i >= stays)
                continue;
            application.StartReview(coordinator, now);
            application.Approve(lab, "Prof. Scale", cohort.StartsOn, cohort.EndsOn, now.AddDays(7), coordinator, now);
            application.AcceptOffer(doctor.UserId, now);
            application.MarkArrived(coordinator, now.AddDays(-(i % 20)));
            AddDocument(db, application, doctor, DocumentKind.TravelDocument, cohort.EndsOn.AddYears(3), now);
            AddDocument(db, application, doctor, DocumentKind.Insurance, cohort.EndsOn.AddDays(1), now);
        }
        await db.SaveChangesAsync();
    }

    /// <summary>A confirmed application in <paramref name="cohort"/>, placed for the cohort's whole dates, with the given papers.</summary>
    private static async Task<int> ConfirmAsync(PortalDbContext db, ExchangeCohort cohort, string name, DateOnly licence, DateOnly? travel, DateOnly insurance)
    {
        var hospital = await db.Institutions.SingleAsync(i => i.ShortName == "BCTH");
        var coordinator = await db.Users.Where(u => u.Email == "coordinator@demo.local").Select(u => u.Id).SingleAsync();
        var now = DateTimeOffset.UtcNow;
        var (application, doctor) = NewApplication(db, cohort, hospital, name, now);
        application.Endorse(coordinator, now);
        application.StartReview(coordinator, now);
        application.Approve(cohort.Labs.First(l => l.SeatsFree > 0), "Prof. Dash", cohort.StartsOn, cohort.EndsOn, now.AddDays(7), coordinator, now);
        application.AcceptOffer(doctor.UserId, now);
        AddDocument(db, application, doctor, DocumentKind.PractisingLicence, licence, now);
        if (travel is { } t)
            AddDocument(db, application, doctor, DocumentKind.TravelDocument, t, now);
        AddDocument(db, application, doctor, DocumentKind.Insurance, insurance, now);
        await db.SaveChangesAsync();
        return application.Id;
    }

    private static (ExchangeApplication, VisitingDoctor) NewApplication(PortalDbContext db, ExchangeCohort cohort, Core.Institutions.Institution hospital,
        string name, DateTimeOffset now)
    {
        var email = $"{Guid.NewGuid():N}@dashboard.test";
        var user = new PortalUser { UserName = email, Email = email, DisplayName = name };
        db.Users.Add(user);
        var doctor = new VisitingDoctor(user, hospital, name, email);
        var application = new ExchangeApplication(cohort, doctor, user.Id, now);
        application.ChooseLabs([cohort.Labs[0]], now);
        application.Submit(user.Id, now);
        db.Applications.Add(application);
        return (application, doctor);
    }

    private static void AddDocument(PortalDbContext db, ExchangeApplication application, VisitingDoctor doctor, DocumentKind kind, DateOnly expiresOn, DateTimeOffset now)
    {
        var document = new StoredDocument(kind, $"{kind}.pdf", "application/pdf", Pdf, doctor.UserId, now, expiresOn);
        document.AttachTo(application);
        // Readiness counts papers a coordinator verified (the clearance rule); these tests are about their dates.
        document.Verify(doctor.UserId, now);
        db.Documents.Add(document);
    }
}
