using ExchangePortal.Core.Data;
using ExchangePortal.Core.Applications;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ExchangePortal.IntegrationTests;

/// <summary>The trigger-kept counters behind the review queue's counts agree with the applications themselves.</summary>
[Collection(PostgresCollection.Name)]
public class QueueCountTests(PortalFactory portal) : IClassFixture<PortalFactory>
{
    [Fact]
    public async Task The_status_counters_follow_inserts_transitions_and_deletes()
    {
        await using var db = portal.NewDbContext();
        await AssertCountersMatchAsync(db);

        var application = await db.Applications.Include(a => a.Cohort).FirstAsync(a => a.Status == ApplicationStatus.Endorsed);
        var coordinator = await db.Users.Where(u => u.Email == "coordinator@demo.local").Select(u => u.Id).SingleAsync();
        application.StartReview(coordinator, DateTimeOffset.UtcNow);
        await db.SaveChangesAsync();
        await AssertCountersMatchAsync(db);

        await db.Database.ExecuteSqlRawAsync("""UPDATE "Applications" SET "EndorsementRequired" = NOT "EndorsementRequired" WHERE "Status" = 'Submitted'""");
        await AssertCountersMatchAsync(db);
        await db.Database.ExecuteSqlRawAsync("""UPDATE "Applications" SET "EndorsementRequired" = NOT "EndorsementRequired" WHERE "Status" = 'Submitted'""");

        var draft = await db.Applications.FirstAsync(a => a.Status == ApplicationStatus.Draft);
        await db.Database.ExecuteSqlRawAsync("""DELETE FROM "ApplicationHistory" WHERE "ApplicationId" = {0}""", draft.Id);
        await db.Database.ExecuteSqlRawAsync("""DELETE FROM "LabChoices" WHERE "ApplicationId" = {0}""", draft.Id);
        await db.Database.ExecuteSqlRawAsync("""DELETE FROM "Applications" WHERE "Id" = {0}""", draft.Id);
        await AssertCountersMatchAsync(db);
    }

    [Fact]
    public async Task The_queue_counts_and_totals_equal_counting_the_applications()
    {
        await using var db = portal.NewDbContext();
        // The portal's own context: the queue's compiled query runs only with the model it was compiled against.
        await using var scope = portal.Services.CreateAsyncScope();
        var queue = new ReviewQueue(scope.ServiceProvider.GetRequiredService<PortalDbContext>(), SharedReads.Uncached);
        var cohort = await db.Cohorts.Where(c => c.Status == Core.Cohorts.CohortStatus.Open).Select(c => c.Id).SingleAsync();

        var all = await queue.GetAsync(new QueueFilter());
        var inCohort = await queue.GetAsync(new QueueFilter(CohortId: cohort));
        var endorsed = await queue.GetAsync(new QueueFilter(Status: ApplicationStatus.Endorsed));

        var expected = await db.Applications.Where(a => a.Status != ApplicationStatus.Draft)
            .GroupBy(a => a.Status).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count);
        Assert.Equal(expected.OrderBy(p => p.Key), all.CountsByStatus.OrderBy(p => p.Key));
        Assert.Equal(await db.Applications.CountAsync(a => (a.Status == ApplicationStatus.Submitted && !a.EndorsementRequired)
            || a.Status == ApplicationStatus.Endorsed || a.Status == ApplicationStatus.UnderReview), all.Total);
        Assert.Equal(await db.Applications.CountAsync(a => a.CohortId == cohort && ((a.Status == ApplicationStatus.Submitted && !a.EndorsementRequired)
            || a.Status == ApplicationStatus.Endorsed || a.Status == ApplicationStatus.UnderReview)), inCohort.Total);
        Assert.Equal(expected[ApplicationStatus.Endorsed], endorsed.Total);
        Assert.Equal(endorsed.Total, endorsed.Rows.Count);
    }

    [Fact]
    public async Task The_name_search_follows_a_renamed_doctor_and_every_application_holds_its_doctors_names()
    {
        await using var db = portal.NewDbContext();
        // The portal's own context: the queue's compiled query runs only with the model it was compiled against.
        await using var scope = portal.Services.CreateAsyncScope();
        var queue = new ReviewQueue(scope.ServiceProvider.GetRequiredService<PortalDbContext>(), SharedReads.Uncached);
        // The demo applications were inserted through EF: the insert trigger gave each its doctor's names.
        Assert.Equal(0, await StaleNamesAsync(db));
        var doctor = await db.Applications.Where(a => a.Status == ApplicationStatus.Endorsed).Select(a => a.Doctor).FirstAsync();
        var theirs = await db.Applications.Where(a => a.DoctorId == doctor.Id).Select(a => a.Id).ToListAsync();
        Assert.Contains((await queue.GetAsync(new QueueFilter(Status: ApplicationStatus.Endorsed, Search: doctor.FullName))).Rows,
            r => theirs.Contains(r.Id));

        await db.Database.ExecuteSqlRawAsync("""UPDATE "Doctors" SET "FullName" = 'Quillon Renamed' WHERE "Id" = {0}""", doctor.Id);
        try
        {
            Assert.Equal(0, await StaleNamesAsync(db));
            var renamed = await queue.GetAsync(new QueueFilter(Status: ApplicationStatus.Endorsed, Search: "quillon ren", Sort: QueueSort.Name));
            Assert.Equal(theirs.Order(), renamed.Rows.Select(r => r.Id).Where(theirs.Contains).Order());
            Assert.DoesNotContain((await queue.GetAsync(new QueueFilter(Status: ApplicationStatus.Endorsed, Search: doctor.FullName))).Rows,
                r => theirs.Contains(r.Id));
        }
        finally
        {
            await db.Database.ExecuteSqlRawAsync("""UPDATE "Doctors" SET "FullName" = {1} WHERE "Id" = {0}""", doctor.Id, doctor.FullName);
        }
    }

    // Applications whose copy of the names (the name search's index) differs from their doctor's names.
    private static Task<int> StaleNamesAsync(Core.Data.PortalDbContext db) => db.Database.SqlQueryRaw<int>("""
        SELECT count(*)::int AS "Value" FROM "Applications" a JOIN "Doctors" d ON d."Id" = a."DoctorId"
        WHERE a."DoctorNames" IS DISTINCT FROM d."FullName" || E'\n' || coalesce(d."ChineseName", '')
        """).SingleAsync();

    private static async Task AssertCountersMatchAsync(Core.Data.PortalDbContext db)
    {
        var actual = await db.Applications.GroupBy(a => new { a.CohortId, a.Status, a.EndorsementRequired })
            .Select(g => $"{g.Key.CohortId}/{g.Key.Status}/{g.Key.EndorsementRequired}: {g.Count()}").ToListAsync();
        var counted = await db.ApplicationStatusCounts.Where(c => c.Count != 0)
            .Select(c => $"{c.CohortId}/{c.Status}/{c.EndorsementRequired}: {c.Count}").ToListAsync();
        Assert.Equal(actual.Order(), counted.Order());
    }
}
