using System.Net;
using ExchangePortal.Core.Agreements;
using ExchangePortal.Core.Cohorts;
using Microsoft.EntityFrameworkCore;

namespace ExchangePortal.IntegrationTests.Cycle;

[Collection(PostgresCollection.Name)]
public class CohortCopyTests(FakeClockPortalFactory portal) : IClassFixture<FakeClockPortalFactory>
{
    private const string Coordinator = "coordinator@demo.local";

    [Fact]
    public async Task A_cohort_is_copied_a_year_later_in_planning_with_its_labs_seats_and_key_dates_and_the_original_is_unchanged()
    {
        var id = await OpenCohortIdAsync();
        var before = await SnapshotAsync(id);
        var client = await portal.SignInAsync(Coordinator);
        var page = await client.GetPageAsync($"/Coordinator/Cohorts/{id}");

        var copied = await client.SubmitAsync(page, "#copy-form", new Dictionary<string, string>());

        Assert.Equal(HttpStatusCode.Redirect, copied.StatusCode);
        var copyId = int.Parse(copied.Headers.Location!.OriginalString.Split('/').Last());
        Assert.NotEqual(id, copyId);
        Assert.Equal(before, await SnapshotAsync(id));
        await using var db = portal.NewDbContext();
        var original = await db.Cohorts.Include(c => c.Labs).SingleAsync(c => c.Id == id);
        var copy = await db.Cohorts.Include(c => c.Labs).SingleAsync(c => c.Id == copyId);
        Assert.Equal(CohortStatus.Planning, copy.Status);
        Assert.Equal(original.Name.Replace(original.StartsOn.Year.ToString(), (original.StartsOn.Year + 1).ToString()), copy.Name);
        Assert.Equal(
            new[] { original.ApplicationOpensOn, original.ApplicationClosesOn, original.StartsOn, original.EndsOn }.Select(d => d.AddMonths(12)),
            [copy.ApplicationOpensOn, copy.ApplicationClosesOn, copy.StartsOn, copy.EndsOn]);
        Assert.Equal((original.AgreementId, original.Capacity, original.RequiresEndorsement), (copy.AgreementId, copy.Capacity, copy.RequiresEndorsement));
        Assert.Equal(original.Labs.OrderBy(l => l.HostLabId).Select(l => (l.HostLabId, l.Seats)), copy.Labs.OrderBy(l => l.HostLabId).Select(l => (l.HostLabId, l.Seats)));
        Assert.True(original.SeatsTaken > 0);
        Assert.All(copy.Labs, l => Assert.Equal(0, l.SeatsTaken));
        var milestones = await db.Milestones.Where(m => m.CohortId == copyId).OrderBy(m => m.DueOn).ToListAsync();
        Assert.Equal([copy.ApplicationOpensOn, copy.StartsOn, copy.EndsOn], milestones.Select(m => m.DueOn));
        Assert.All(milestones, m => Assert.Equal(MilestoneStatus.Planned, m.Status));
        var audit = await db.AuditEntries.Where(e => e.RecordType == nameof(ExchangeCohort) && e.RecordId == copyId.ToString())
            .OrderBy(e => e.Id).ToListAsync();
        Assert.Equal(["exchangeCohort.created", "exchangeCohort.copied"], audit.Select(e => e.Action));
        Assert.Equal($"{id} {original.Name}", audit[1].Changes["CopiedFrom"].After);
        Assert.Equal(portal.Time.GetUtcNow(), audit[1].At);
        var shown = await client.GetPageAsync(copied.Headers.Location.OriginalString);
        Assert.Contains("The cohort was copied to the next cycle, in planning; check its name and dates.", shown.Document.Text());
    }

    [Fact]
    public async Task A_copy_a_few_days_later_keeps_the_name_with_copy_added_and_can_be_renamed_afterwards()
    {
        var id = await OpenCohortIdAsync();
        var client = await portal.SignInAsync(Coordinator);

        var copied = await client.SubmitAsync(await client.GetPageAsync($"/Coordinator/Cohorts/{id}"), "#copy-form",
            new Dictionary<string, string> { ["Copy.Months"] = "0", ["Copy.Days"] = "7" });

        var copyId = int.Parse(copied.Headers.Location!.OriginalString.Split('/').Last());
        await using var db = portal.NewDbContext();
        var original = await db.Cohorts.SingleAsync(c => c.Id == id);
        var copy = await db.Cohorts.SingleAsync(c => c.Id == copyId);
        Assert.Equal(original.StartsOn.AddDays(7), copy.StartsOn);
        Assert.Equal(ExchangeCohort.NextCycleName(original.Name, original.StartsOn.Year, copy.StartsOn.Year), copy.Name);
        var renamed = await client.SubmitAsync(await client.GetPageAsync($"/Coordinator/Cohorts/Edit/{copyId}"), "#cohort-form",
            new Dictionary<string, string> { ["Input.Name"] = "Renamed next cycle" });
        Assert.Equal(HttpStatusCode.Redirect, renamed.StatusCode);
        await using var after = portal.NewDbContext();
        Assert.Equal("Renamed next cycle", (await after.Cohorts.SingleAsync(c => c.Id == copyId)).Name);
        Assert.Equal(original.Name, (await after.Cohorts.SingleAsync(c => c.Id == id)).Name);
    }

    [Theory]
    [InlineData("0", "0", "Choose an interval of at least one day.")]
    [InlineData("-1", "0", "Months must be between 0 and 120.")]
    [InlineData("12", "-5", "Days must be between 0 and 3660.")]
    [InlineData("100000", "0", "Months must be between 0 and 120.")]
    [InlineData("120", "3660", "Choose an interval of at most 10 years.")]
    [InlineData("twelve", "0", "")]
    public async Task A_bad_interval_is_refused_with_a_message_and_nothing_is_created(string months, string days, string message)
    {
        var id = await OpenCohortIdAsync();
        var client = await portal.SignInAsync(Coordinator);
        await using var db = portal.NewDbContext();
        var (cohorts, milestones) = (await db.Cohorts.CountAsync(), await db.Milestones.CountAsync());

        var refused = await client.SubmitAsync(await client.GetPageAsync($"/Coordinator/Cohorts/{id}"), "#copy-form",
            new Dictionary<string, string> { ["Copy.Months"] = months, ["Copy.Days"] = days });

        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        var page = await HtmlForms.ParseAsync(refused);
        Assert.Contains(message, page.Text());
        Assert.NotEmpty(page.QuerySelectorAll("#copy-form .text-danger:not(:empty), .alert-danger li"));
        Assert.Equal((cohorts, milestones), (await db.Cohorts.CountAsync(), await db.Milestones.CountAsync()));
    }

    [Fact]
    public async Task A_cohort_whose_agreement_has_ended_is_not_copied()
    {
        await using var db = portal.NewDbContext();
        var active = await db.Agreements.OrderBy(a => a.Id).FirstAsync();
        var draft = new Agreement("A draft agreement", await db.Institutions.SingleAsync(i => i.Id == active.UniversityId),
            await db.Institutions.SingleAsync(i => i.Id == active.HospitalId), portal.Today, portal.Today.AddYears(1));
        var cohort = new ExchangeCohort(draft, "Under a draft agreement", portal.Today, portal.Today.AddDays(10),
            portal.Today.AddDays(20), portal.Today.AddDays(50), 2, true);
        cohort.AddLab(await db.HostLabs.FirstAsync(l => l.UniversityId == active.UniversityId && l.IsActive), 1);
        db.AddRange(draft, cohort);
        await db.SaveChangesAsync();
        var client = await portal.SignInAsync(Coordinator);
        var count = await db.Cohorts.CountAsync();

        var refused = await client.SubmitAsync(await client.GetPageAsync($"/Coordinator/Cohorts/{cohort.Id}"), "#copy-form",
            new Dictionary<string, string>());

        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains("The cohort's agreement is no longer active; a new cohort needs an active agreement.", (await HtmlForms.ParseAsync(refused)).Text());
        Assert.Equal(count, await db.Cohorts.CountAsync());
    }

    [Fact]
    public async Task An_unknown_cohort_is_a_404_and_only_coordinators_copy_cohorts()
    {
        var id = await OpenCohortIdAsync();
        var client = await portal.SignInAsync(Coordinator);
        var page = await client.GetPageAsync($"/Coordinator/Cohorts/{id}");
        page.Document.QuerySelector("#copy-form")!.SetAttribute("action", "/Coordinator/Cohorts/999999?handler=Copy");
        var admin = await portal.SignInAsync("admin@demo.local");
        await using var db = portal.NewDbContext();
        var count = await db.Cohorts.CountAsync();

        Assert.Equal(HttpStatusCode.NotFound, (await client.SubmitAsync(page, "#copy-form", new Dictionary<string, string>())).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await admin.GetAsync($"/Coordinator/Cohorts/{id}")).StatusCode);
        Assert.Equal(count, await db.Cohorts.CountAsync());
    }

    private async Task<int> OpenCohortIdAsync()
    {
        await using var db = portal.NewDbContext();
        return await db.Cohorts.Where(c => c.Status == CohortStatus.Open).OrderBy(c => c.Id).Select(c => c.Id).FirstAsync();
    }

    private async Task<string> SnapshotAsync(int id)
    {
        await using var db = portal.NewDbContext();
        var c = await db.Cohorts.AsNoTracking().Include(x => x.Labs).SingleAsync(x => x.Id == id);
        var milestones = await db.Milestones.AsNoTracking().Where(m => m.CohortId == id).OrderBy(m => m.Id)
            .Select(m => $"{m.Title}@{m.DueOn}:{m.Status}").ToListAsync();
        return string.Join("|", new object[] { c.Name, c.Status, c.ApplicationOpensOn, c.ApplicationClosesOn, c.StartsOn, c.EndsOn, c.Capacity, c.Version }
            .Concat(c.Labs.OrderBy(l => l.Id).Select(l => (object)$"{l.HostLabId}:{l.Seats}:{l.SeatsTaken}:{l.Version}")).Concat(milestones));
    }
}
