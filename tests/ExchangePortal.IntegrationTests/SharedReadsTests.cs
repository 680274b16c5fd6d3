using System.Net;
using ExchangePortal.Core.Applications;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace ExchangePortal.IntegrationTests;

/// <summary>What every user of a page shares (dashboard figures, filter options) is read once, and again after any saved change.</summary>
[Collection(PostgresCollection.Name)]
public class SharedReadsTests(PortalFactory portal) : IClassFixture<PortalFactory>
{
    [Fact]
    public async Task The_dashboard_figures_are_read_once_and_again_after_a_saved_change()
    {
        var admin = await portal.SignInAsync("admin@demo.local");
        var first = await admin.GetPageAsync("/Admin");
        portal.Sql.Reset();

        var again = await admin.GetPageAsync("/Admin");

        Assert.Equal(0, portal.Sql.Count);
        Assert.Equal(first.Document.QuerySelector("main")!.InnerHtml, again.Document.QuerySelector("main")!.InnerHtml);
        var cohortId = int.Parse(first.Document.QuerySelector("tr[id^=readiness-]")!.Id!["readiness-".Length..]);
        await using (var db = portal.NewDbContext())
        {
            var cohort = await db.Cohorts.SingleAsync(c => c.Id == cohortId);
            cohort.Rename(cohort.Name + " (renamed)");
            await db.SaveChangesAsync();
        }
        portal.Sql.Reset();

        var changed = await admin.GetPageAsync("/Admin");

        Assert.InRange(portal.Sql.Count, 1, 8);
        Assert.EndsWith("(renamed)", changed.Document.QuerySelector($"#readiness-{cohortId} th")!.TextContent);
    }

    [Fact]
    public async Task The_queue_filter_options_are_read_once_and_a_new_lab_shows_at_once()
    {
        var coordinator = await portal.SignInAsync("coordinator@demo.local");
        await coordinator.GetAsync("/Coordinator");
        var kept = await QueueStatementsAsync(coordinator);
        await portal.EvictCachesAsync();
        Assert.Equal(kept + 5, await QueueStatementsAsync(coordinator)); // cohorts, labs, hospitals, specialties, the counts by status

        var form = await coordinator.GetPageAsync("/Coordinator/Labs/Create");
        var saved = await coordinator.SubmitAsync(form, "#lab-form", new Dictionary<string, string>
        {
            ["Input.Name"] = "Shared Reads Lab",
            ["Input.Department"] = "Department of Testing",
            ["Input.PrincipalInvestigatorName"] = "Prof. Test",
            ["Input.PrincipalInvestigatorEmail"] = "test@vhu.test",
            ["Input.DefaultSeats"] = "2",
        });
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);

        var queue = await coordinator.GetPageAsync("/Coordinator");
        Assert.Contains(queue.Document.QuerySelectorAll("select[name='Filter.Lab'] option"), o => o.TextContent == "Shared Reads Lab");
    }

    [Fact]
    public async Task Viewing_an_application_writes_only_its_audit_entry_and_keeps_the_kept_reads()
    {
        var coordinator = await portal.SignInAsync("coordinator@demo.local");
        int id;
        await using (var db = portal.NewDbContext())
            id = await db.Applications.Where(a => a.Status == ApplicationStatus.UnderReview).Select(a => a.Id).FirstAsync();
        await coordinator.GetAsync("/Coordinator");
        var kept = await QueueStatementsAsync(coordinator);

        var review = await coordinator.GetPageAsync($"/Coordinator/Applications/{id}");
        Assert.NotEmpty(review.Document.QuerySelectorAll("#labs-heading + table tbody tr")); // the cohort's labs, kept too

        Assert.Equal(kept, await QueueStatementsAsync(coordinator)); // the view's audit entry did not discard the queue's filter options
    }

    [Fact]
    public async Task Signing_in_writes_only_a_session_and_its_audit_entry_and_keeps_the_kept_reads()
    {
        var coordinator = await portal.SignInAsync("coordinator@demo.local");
        await coordinator.GetAsync("/Coordinator");
        var kept = await QueueStatementsAsync(coordinator);

        await portal.SignInAsync("doctor@demo.local");

        Assert.Equal(kept, await QueueStatementsAsync(coordinator)); // another user's sign-in did not discard the queue's options and counts
    }

    [Fact]
    public async Task The_queue_counts_are_kept_and_a_status_change_shows_in_them_at_once()
    {
        var coordinator = await portal.SignInAsync("coordinator@demo.local");
        var before = UnderReviewCount(await coordinator.GetPageAsync("/Coordinator"));
        portal.Sql.Reset();
        await coordinator.GetAsync("/Coordinator");
        Assert.Equal(1, portal.Sql.Count); // the page's rows; the counts by status are kept like the filter options

        await using (var db = portal.NewDbContext())
        {
            var application = await db.Applications.FirstAsync(a => a.Status == ApplicationStatus.Endorsed);
            var coordinatorId = await db.Users.Where(u => u.Email == "coordinator@demo.local").Select(u => u.Id).SingleAsync();
            application.StartReview(coordinatorId, DateTimeOffset.UtcNow);
            await db.SaveChangesAsync();
        }

        Assert.Equal(before + 1, UnderReviewCount(await coordinator.GetPageAsync("/Coordinator")));
    }

    [Fact]
    public async Task A_cohort_id_that_names_no_cohort_is_counted_each_time_and_never_kept()
    {
        var coordinator = await portal.SignInAsync("coordinator@demo.local");
        int cohortId;
        await using (var db = portal.NewDbContext())
            cohortId = await db.Cohorts.Select(c => c.Id).FirstAsync();
        await coordinator.GetAsync($"/Coordinator?Filter.Cohort={cohortId}");
        await coordinator.GetAsync("/Coordinator?Filter.Cohort=987654");

        portal.Sql.Reset();
        await coordinator.GetAsync($"/Coordinator?Filter.Cohort={cohortId}");
        Assert.Equal(1, portal.Sql.Count); // a cohort's counts are kept: only the page's rows
        portal.Sql.Reset();
        var unknown = await coordinator.GetPageAsync("/Coordinator?Filter.Cohort=987654");
        Assert.Equal(2, portal.Sql.Count); // the counts read again, not kept, and the page's rows

        Assert.Contains("0 applications.", unknown.Document.QuerySelector("main")!.TextContent);
        Assert.Empty(unknown.Document.QuerySelectorAll("ul[aria-label='Applications by status'] li"));
    }

    private static int UnderReviewCount(HtmlForms.Page page) =>
        int.Parse(page.Document.QuerySelector("a[href='/Coordinator?Filter.Status=UnderReview']")!.TextContent.Trim().Split(' ')[^1]);

    /// <summary>
    /// The kept figures are rendered once for every administrator who asks while they are read (the view's cache tag
    /// makes the others wait for the first): the first one closing the tab must not fail the pages of the others.
    /// </summary>
    [Theory]
    [InlineData("/Admin", "#cohorts-heading")]
    [InlineData("/Admin/Reports", "#report-years")]
    public async Task An_administrator_who_leaves_while_the_figures_are_read_does_not_fail_them_for_the_others(string path, string shown)
    {
        var admin = await portal.SignInAsync("admin@demo.local");
        await portal.EvictCachesAsync();
        await using var blocker = new NpgsqlConnection(portal.ConnectionString);
        await blocker.OpenAsync();
        await using var hold = await blocker.BeginTransactionAsync();
        await new NpgsqlCommand("""LOCK TABLE "Placements" IN ACCESS EXCLUSIVE MODE""", blocker, hold).ExecuteNonQueryAsync();

        using var leaves = new CancellationTokenSource();
        var first = admin.GetAsync(path, leaves.Token);
        await WaitAsync(async () => await BackendsWaitingForALockAsync() == 1);
        var second = admin.GetAsync(path);
        await Task.Delay(TimeSpan.FromMilliseconds(500)); // it reaches the figures and waits for the first's
        leaves.Cancel();
        await Task.Delay(TimeSpan.FromSeconds(1)); // a cancelled read would have ended by now
        Assert.Equal(1, await BackendsWaitingForALockAsync()); // the read goes on for the second administrator
        await hold.RollbackAsync();

        var response = await second;
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.NotNull((await HtmlForms.ParseAsync(response)).QuerySelector(shown));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => first);
    }

    private async Task<int> QueueStatementsAsync(HttpClient coordinator)
    {
        portal.Sql.Reset();
        await coordinator.GetAsync("/Coordinator");
        return portal.Sql.Count;
    }

    private async Task<long> BackendsWaitingForALockAsync()
    {
        await using var db = portal.NewDbContext();
        return await db.Database.SqlQuery<long>(
            $"SELECT count(*) AS \"Value\" FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND datname = current_database()").SingleAsync();
    }

    private static async Task WaitAsync(Func<Task<bool>> done)
    {
        for (var tries = 0; !await done(); tries++)
        {
            Assert.True(tries < 100, "waited 10 s");
            await Task.Delay(TimeSpan.FromMilliseconds(100));
        }
    }
}
