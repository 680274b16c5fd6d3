using System.Net;
using AngleSharp.Dom;
using ExchangePortal.Core.Agreements;
using ExchangePortal.Core.Applications;
using Microsoft.EntityFrameworkCore;

namespace ExchangePortal.IntegrationTests;

[Collection(PostgresCollection.Name)]
public class MilestoneTargetTests(PortalFactory portal) : IClassFixture<PortalFactory>
{
    [Fact]
    public async Task Doctors_placed_equals_the_accepted_placements_in_the_database_also_narrowed_by_lab_department_and_dates()
    {
        var (agreementId, labId, department, startsOn) = await PlaceOneMoreDoctorAsync();
        var admin = await portal.SignInAsync("admin@demo.local");
        var from = startsOn.ToString("yyyy-MM-dd");
        var to = startsOn.AddDays(30).ToString("yyyy-MM-dd");

        await AddMilestoneAsync(admin, agreementId, "Doctors placed overall", new() { ["milestone.Target.Measure"] = "DoctorsPlaced", ["milestone.Target.Value"] = "20" });
        await AddMilestoneAsync(admin, agreementId, "Doctors placed in one lab", new() { ["milestone.Target.Measure"] = "DoctorsPlaced", ["milestone.Target.Value"] = "5", ["milestone.Target.LabId"] = labId.ToString() });
        await AddMilestoneAsync(admin, agreementId, "Doctors placed in one department", new() { ["milestone.Target.Measure"] = "DoctorsPlaced", ["milestone.Target.Value"] = "5", ["milestone.Target.Department"] = department });
        await AddMilestoneAsync(admin, agreementId, "Doctors placed this intake", new() { ["milestone.Target.Measure"] = "DoctorsPlaced", ["milestone.Target.Value"] = "3", ["milestone.Target.From"] = from, ["milestone.Target.To"] = to });

        var page = await admin.GetPageAsync($"/Admin/Agreements/{agreementId}");
        var all = await PlacedAsync(agreementId, "");
        var inLab = await PlacedAsync(agreementId, $" AND cl.\"HostLabId\" = {labId}");
        var inDepartment = await PlacedAsync(agreementId, $" AND l.\"Department\" = '{department}'");
        var inDates = await PlacedAsync(agreementId, $" AND p.\"StartsOn\" BETWEEN DATE '{from}' AND DATE '{to}'");
        Assert.True(all > inDates && inDates >= 1 && inLab >= 1 && inDepartment >= inLab, $"{all}, {inLab}, {inDepartment}, {inDates}");
        Assert.Equal($"{all} / 20", Figures(page, "Doctors placed overall"));
        Assert.Equal($"{inLab} / 5", Figures(page, "Doctors placed in one lab"));
        Assert.Equal($"{inDepartment} / 5", Figures(page, "Doctors placed in one department"));
        Assert.Equal($"{inDates} / 3", Figures(page, "Doctors placed this intake"));
        var bar = Row(page, "Doctors placed overall").QuerySelector("progress")!;
        Assert.Equal(("20", Math.Min(all, 20).ToString()), (bar.GetAttribute("max"), bar.GetAttribute("value")));
    }

    [Fact]
    public async Task Cohorts_completed_and_reports_filed_count_the_agreements_records_and_a_target_can_be_set_and_cleared()
    {
        await using var db = portal.NewDbContext();
        var agreementId = await db.Agreements.Select(a => a.Id).FirstAsync();
        var milestoneId = await db.Milestones.Where(m => m.Title == "Renewal decision").Select(m => m.Id).SingleAsync();
        var admin = await portal.SignInAsync("admin@demo.local");
        await AddMilestoneAsync(admin, agreementId, "Two cohorts completed", new() { ["milestone.Target.Measure"] = "CohortsCompleted", ["milestone.Target.Value"] = "2" });

        var set = await SetTargetAsync(admin, agreementId, milestoneId, new() { ["target.Measure"] = "ReportsFiled", ["target.Value"] = "10" });

        Assert.Equal(HttpStatusCode.Redirect, set.StatusCode);
        var page = await admin.GetPageAsync($"/Admin/Agreements/{agreementId}");
        var completed = await CountAsync($"SELECT COUNT(*)::int AS \"Value\" FROM \"Cohorts\" WHERE \"AgreementId\" = {agreementId} AND \"Status\" = 'Completed'");
        var reports = await CountAsync($"""
            SELECT COUNT(*)::int AS "Value" FROM "StayReports" r
            JOIN "Applications" a ON a."Id" = r."ApplicationId" JOIN "Cohorts" c ON c."Id" = a."CohortId"
            WHERE c."AgreementId" = {agreementId}
            """);
        var attachments = await CountAsync($"""
            SELECT COUNT(*)::int AS "Value" FROM "Documents" d
            JOIN "Applications" a ON a."Id" = d."ApplicationId" JOIN "Cohorts" c ON c."Id" = a."CohortId"
            WHERE c."AgreementId" = {agreementId} AND d."Kind" = 'EndOfStayReport'
            """);
        Assert.True(completed >= 1 && reports >= 1);
        Assert.NotEqual(attachments, reports); // the forms count, not the PDF attachments (the demo attaches one to one report only)
        Assert.Equal($"{completed} / 2", Figures(page, "Two cohorts completed"));
        Assert.Equal($"{reports} / 10", Figures(page, "Renewal decision"));

        var cleared = await SetTargetAsync(admin, agreementId, milestoneId, new() { ["target.Measure"] = "", ["target.Value"] = "" });

        Assert.Equal(HttpStatusCode.Redirect, cleared.StatusCode);
        Assert.Null(await db.Milestones.Where(m => m.Id == milestoneId).Select(m => m.Measure).SingleAsync());
        Assert.Empty(Row(await admin.GetPageAsync($"/Admin/Agreements/{agreementId}"), "Renewal decision").QuerySelectorAll(".target-figures"));
        var audit = await db.AuditEntries.Where(e => e.RecordType == nameof(AgreementMilestone) && e.RecordId == milestoneId.ToString() && e.Action == "milestone.target")
            .OrderBy(e => e.Id).Select(e => e.Changes["Target"]).ToListAsync();
        Assert.Equal([new(null, "ReportsFiled 10"), new("ReportsFiled 10", null)], audit);
    }

    [Theory]
    [InlineData("DoctorsPlaced", "", "", "Give the target's value.")]
    [InlineData("", "4", "", "Choose what the target counts.")]
    [InlineData("ReportsFiled", "4", "School of Public Health", "Only a target of doctors placed can be narrowed to a lab, a department or dates.")]
    public async Task A_bad_target_is_refused_with_a_message_and_changes_nothing(string measure, string value, string department, string message)
    {
        await using var db = portal.NewDbContext();
        var agreementId = await db.Agreements.Select(a => a.Id).FirstAsync();
        var milestoneId = await db.Milestones.Where(m => m.Title == "Joint MedTech symposium").Select(m => m.Id).SingleAsync();
        var admin = await portal.SignInAsync("admin@demo.local");

        var refused = await SetTargetAsync(admin, agreementId, milestoneId,
            new() { ["target.Measure"] = measure, ["target.Value"] = value, ["target.Department"] = department });

        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains(message, (await HtmlForms.ParseAsync(refused)).QuerySelector(".validation-summary-errors")!.TextContent);
        Assert.Null(await db.Milestones.Where(m => m.Id == milestoneId).Select(m => m.Measure).SingleAsync());
    }

    [Fact]
    public async Task The_agreement_page_runs_the_same_number_of_statements_with_few_and_with_many_milestones()
    {
        await using var db = portal.NewDbContext();
        var agreement = await db.Agreements.FirstAsync();
        var admin = await portal.SignInAsync("admin@demo.local");
        var path = $"/Admin/Agreements/{agreement.Id}";
        await admin.GetAsync(path);

        var before = await CountStatementsAsync(admin, path);
        var lab = await db.HostLabs.FirstAsync();
        var follower = await db.Users.FirstAsync(u => u.Email == "admin@demo.local");
        for (var i = 0; i < 30; i++)
        {
            var milestone = new AgreementMilestone(agreement, $"Bulk milestone {i}", new DateOnly(2027, 1, 1).AddDays(i));
            milestone.SetTarget((MilestoneMeasure)(i % 3), 1 + i, i % 3 == 0 ? lab : null);
            milestone.Follow(follower);
            db.Milestones.Add(milestone);
        }
        await db.SaveChangesAsync();
        var after = await CountStatementsAsync(admin, path);

        Assert.Equal(before, after);
        Assert.InRange(before, 1, 16);
    }

    [Fact]
    public async Task The_timeline_lists_every_milestone_in_date_order_by_quarter_with_today_and_overdue_marked()
    {
        await using var db = portal.NewDbContext();
        var agreementId = await db.Agreements.Select(a => a.Id).FirstAsync();
        var expected = await db.Milestones.Where(m => m.AgreementId == agreementId).OrderBy(m => m.DueOn).ThenBy(m => m.Id)
            .Select(m => m.Id.ToString()).ToListAsync();
        var admin = await portal.SignInAsync("admin@demo.local");
        var details = await admin.GetPageAsync($"/Admin/Agreements/{agreementId}");

        var timeline = await admin.GetPageAsync(details.Document.QuerySelector($"a[href='/Admin/Agreements/{agreementId}/Timeline']")!.GetAttribute("href")!);

        Assert.Equal(HttpStatusCode.OK, timeline.Response.StatusCode);
        var items = timeline.Document.QuerySelectorAll("#timeline .timeline-entries > li").ToList();
        Assert.Equal(expected, items.Where(li => li.ClassList.Contains("timeline-entry")).Select(li => li.GetAttribute("data-milestone")!));
        var today = Assert.Single(items, li => li.ClassList.Contains("timeline-today"));
        Assert.Equal("date", today.GetAttribute("aria-current"));
        var todayDate = DateOnly.Parse(items.SkipWhile(li => li != today).Skip(1).Select(li => li.QuerySelector("time")?.GetAttribute("datetime")).FirstOrDefault() ?? "9999-12-31");
        Assert.All(items.TakeWhile(li => li != today), li => Assert.True(DateOnly.Parse(li.QuerySelector("time")!.GetAttribute("datetime")!) < todayDate));
        var overdue = timeline.Document.QuerySelectorAll("#timeline .timeline-overdue").Select(li => li.QuerySelector(".timeline-title")!.TextContent).ToList();
        Assert.Contains("Annual review of the cooperation", overdue);
        Assert.NotEmpty(timeline.Document.QuerySelectorAll("#timeline h2"));
        Assert.All(timeline.Document.QuerySelectorAll("#timeline h2"), h => Assert.Matches(@"^\d{4} Q[1-4]$", h.TextContent));
    }

    [Fact]
    public async Task A_staff_user_follows_and_unfollows_a_milestone()
    {
        await using var db = portal.NewDbContext();
        var agreementId = await db.Agreements.Select(a => a.Id).FirstAsync();
        var milestoneId = await db.Milestones.Where(m => m.Title == "Shared clinical teaching curriculum published").Select(m => m.Id).SingleAsync();
        var admin = await portal.SignInAsync("admin@demo.local");

        var followed = await ToggleFollowAsync(admin, agreementId, milestoneId);
        var followers = await FollowersAsync(milestoneId);
        var page = await admin.GetPageAsync($"/Admin/Agreements/{agreementId}");
        var unfollowed = await ToggleFollowAsync(admin, agreementId, milestoneId);

        Assert.Equal(HttpStatusCode.Redirect, followed.StatusCode);
        Assert.Equal(["admin@demo.local"], followers);
        Assert.StartsWith("Unfollow", Row(page, "Shared clinical teaching curriculum published").QuerySelector(".follow-form button")!.TextContent.Trim());
        Assert.Equal(HttpStatusCode.Redirect, unfollowed.StatusCode);
        Assert.Empty(await FollowersAsync(milestoneId));
    }

    private async Task<List<string?>> FollowersAsync(int milestoneId)
    {
        await using var db = portal.NewDbContext();
        return await db.Milestones.Where(m => m.Id == milestoneId).SelectMany(m => m.Followers).Select(u => u.Email).ToListAsync();
    }

    private static async Task<HttpResponseMessage> ToggleFollowAsync(HttpClient admin, int agreementId, int milestoneId)
    {
        var page = await admin.GetPageAsync($"/Admin/Agreements/{agreementId}");
        return await admin.SubmitAsync(page, $"tr[data-milestone='{milestoneId}'] form.follow-form", new Dictionary<string, string>());
    }

    private static async Task<HttpResponseMessage> SetTargetAsync(HttpClient admin, int agreementId, int milestoneId, Dictionary<string, string> fields)
    {
        var page = await admin.GetPageAsync($"/Admin/Agreements/{agreementId}");
        return await admin.SubmitAsync(page, $"tr[data-milestone='{milestoneId}'] form.target-form", fields);
    }

    private static async Task AddMilestoneAsync(HttpClient admin, int agreementId, string title, Dictionary<string, string> target)
    {
        var page = await admin.GetPageAsync($"/Admin/Agreements/{agreementId}");
        target["milestone.Title"] = title;
        target["milestone.DueOn"] = "2027-06-30";
        var added = await admin.SubmitAsync(page, "#milestone-form", target);
        Assert.Equal(HttpStatusCode.Redirect, added.StatusCode);
    }

    private static IElement Row(HtmlForms.Page page, string title) =>
        page.Document.QuerySelectorAll("#milestones tbody tr").Single(r => r.Children[1].TextContent.Trim().StartsWith(title, StringComparison.Ordinal));

    private static string Figures(HtmlForms.Page page, string title) => Row(page, title).QuerySelector(".target-figures")!.TextContent.Trim();

    private Task<int> PlacedAsync(int agreementId, string narrowing) => CountAsync($"""
        SELECT COUNT(DISTINCT p."ApplicationId")::int AS "Value" FROM "Placements" p
        JOIN "CohortLabs" cl ON cl."Id" = p."CohortLabId" JOIN "Cohorts" c ON c."Id" = cl."CohortId"
        JOIN "HostLabs" l ON l."Id" = cl."HostLabId" JOIN "Applications" a ON a."Id" = p."ApplicationId"
        WHERE c."AgreementId" = {agreementId} AND p."ReleasedAt" IS NULL
          AND a."Status" IN ('Confirmed', 'InProgress', 'Completed'){narrowing}
        """);

    private async Task<int> CountAsync(string sql)
    {
        await using var db = portal.NewDbContext();
#pragma warning disable EF1002 // the test writes its own SQL from its own numbers and the demo's names
        return await db.Database.SqlQueryRaw<int>(sql).SingleAsync();
#pragma warning restore EF1002
    }

    /// <summary>An application under review approved into a lab with a free seat and accepted, through the entity's transitions.</summary>
    private async Task<(int AgreementId, int LabId, string Department, DateOnly StartsOn)> PlaceOneMoreDoctorAsync()
    {
        await using var db = portal.NewDbContext();
        var application = await db.Applications.Include(a => a.Cohort).ThenInclude(c => c.Labs).ThenInclude(l => l.HostLab)
            .Include(a => a.Doctor).Include(a => a.History)
            .FirstAsync(a => a.Status == ApplicationStatus.UnderReview && a.Cohort.Labs.Any(l => l.SeatsTaken < l.Seats));
        var coordinator = await db.Users.Where(u => u.Email == "coordinator@demo.local").Select(u => u.Id).SingleAsync();
        var lab = application.Cohort.Labs.First(l => l.SeatsFree > 0);
        var now = DateTimeOffset.UtcNow;
        application.Approve(lab, "Prof. Mary Chan", application.Cohort.StartsOn, application.Cohort.EndsOn, now.AddDays(7), coordinator, now);
        application.AcceptOffer(application.Doctor.UserId, now);
        await db.SaveChangesAsync();
        return (application.Cohort.AgreementId, lab.HostLabId, lab.HostLab.Department, application.Cohort.StartsOn);
    }

    private async Task<int> CountStatementsAsync(HttpClient client, string path)
    {
        portal.Sql.Reset();
        var response = await client.GetAsync(path);
        response.EnsureSuccessStatusCode();
        return portal.Sql.Count;
    }
}
