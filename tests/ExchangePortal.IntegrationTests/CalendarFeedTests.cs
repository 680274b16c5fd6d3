using System.Net;
using ExchangePortal.Core.Cohorts;
using Microsoft.EntityFrameworkCore;
using Calendar = Ical.Net.Calendar;

namespace ExchangePortal.IntegrationTests;

[Collection(PostgresCollection.Name)]
public class CalendarFeedTests(PortalFactory portal) : IClassFixture<PortalFactory>
{
    [Fact]
    public async Task A_coordinators_feed_parses_as_icalendar_with_their_owned_and_followed_milestones_and_the_cohort_dates()
    {
        await using var db = portal.NewDbContext();
        var coordinator = await db.Users.SingleAsync(u => u.Email == "coordinator@demo.local");
        var followed = await db.Milestones.Include(m => m.Followers).SingleAsync(m => m.Title == "Annual review of the cooperation");
        followed.Follow(coordinator);
        await db.SaveChangesAsync();
        var client = await portal.SignInAsync("coordinator@demo.local");

        var path = await GenerateAsync(client);
        var response = await portal.CreateClient().GetAsync(path);
        var again = await portal.CreateClient().GetStringAsync(path);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/calendar", response.Content.Headers.ContentType!.MediaType);
        var calendar = Calendar.Load(await response.Content.ReadAsStringAsync())!;
        var summaries = calendar.Events.Select(e => e.Summary!).ToList();
        Assert.Contains(summaries, s => s.StartsWith("Joint MedTech symposium (Planned)"));
        Assert.Contains(summaries, s => s.StartsWith("Shared clinical teaching curriculum published"));
        Assert.Contains(summaries, s => s.StartsWith("Annual review of the cooperation (Overdue)"));
        Assert.DoesNotContain(summaries, s => s.StartsWith("Renewal decision"));
        Assert.DoesNotContain(summaries, s => s.StartsWith("Joint steering committee"));
        var symposium = calendar.Events.Single(e => e.Summary!.StartsWith("Joint MedTech symposium"));
        var symposiumDue = await db.Milestones.Where(m => m.Title == "Joint MedTech symposium").Select(m => new { m.Id, m.DueOn }).SingleAsync();
        Assert.Equal($"milestone-{symposiumDue.Id}@exchange-portal", symposium.Uid);
        Assert.Equal(symposiumDue.DueOn, symposium.Start!.Date);
        Assert.False(symposium.Start.HasTime);
        Assert.Equal(new Uri($"http://localhost/Admin/Agreements/{await db.Agreements.Select(a => a.Id).FirstAsync()}"), symposium.Url);

        var cohorts = await db.Cohorts.Select(c => new { c.Id, c.Name, c.Status, c.ApplicationOpensOn, c.EndsOn }).ToListAsync();
        foreach (var cohort in cohorts)
        {
            var opens = calendar.Events.SingleOrDefault(e => e.Uid == $"cohort-{cohort.Id}-window-opens@exchange-portal");
            if (cohort.Status is CohortStatus.Completed or CohortStatus.Cancelled)
            {
                Assert.Null(opens);
                continue;
            }
            Assert.Equal(cohort.ApplicationOpensOn, opens!.Start!.Date);
            Assert.Equal(cohort.EndsOn, calendar.Events.Single(e => e.Uid == $"cohort-{cohort.Id}-ends@exchange-portal").Start!.Date);
            Assert.Contains(calendar.Events, e => e.Summary == $"{cohort.Name}: application window closes");
            Assert.Contains(calendar.Events, e => e.Summary == $"{cohort.Name}: stay starts");
        }
        Assert.Equal(calendar.Events.Select(e => e.Uid).Order(), Calendar.Load(again)!.Events.Select(e => e.Uid).Order());
        Assert.Equal(calendar.Events.Count, calendar.Events.Select(e => e.Uid).Distinct().Count());
        Assert.True(await db.AuditEntries.AnyAsync(a => a.Action == "calendar.generated" && a.RecordId == coordinator.Id));
    }

    [Fact]
    public async Task A_wrong_token_is_not_found_and_regenerating_makes_the_old_address_fail()
    {
        var client = await portal.SignInAsync("admin@demo.local");
        var anonymous = portal.CreateClient();
        var first = await GenerateAsync(client);

        var page = await client.GetPageAsync("/Calendar");
        Assert.Contains("You have a calendar feed", page.Document.Text());
        Assert.Null(page.Document.QuerySelector("#feed-url"));
        var second = await GenerateAsync(client);

        Assert.NotEqual(first, second);
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync(first)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync(second)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync("/calendar/not-a-token.ics")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync($"/calendar/{new string('0', 48)}.ics")).StatusCode);
        await using var db = portal.NewDbContext();
        var adminId = await db.Users.Where(u => u.Email == "admin@demo.local").Select(u => u.Id).SingleAsync();
        Assert.True(await db.AuditEntries.AnyAsync(a => a.Action == "calendar.regenerated" && a.RecordId == adminId && a.ActorId == adminId));
    }

    [Theory]
    [InlineData("doctor@demo.local", 403)]
    [InlineData("hospital@demo.local", 403)]
    [InlineData("coordinator@demo.local", 200)]
    [InlineData("admin@demo.local", 200)]
    [InlineData(null, 302)]
    public async Task Only_staff_have_the_calendar_page(string? user, int expected)
    {
        var client = user is null ? portal.CreateClientWithoutRedirects() : await portal.SignInAsync(user);

        Assert.Equal(expected, (int)(await client.GetAsync("/Calendar")).StatusCode);
    }

    [Fact]
    public async Task A_token_of_someone_who_is_not_staff_gives_no_feed()
    {
        await using var db = portal.NewDbContext();
        var doctor = await db.Users.SingleAsync(u => u.Email == "doctor@demo.local");
        var token = doctor.RegenerateCalendarToken();
        await db.SaveChangesAsync();

        var response = await portal.CreateClient().GetAsync($"/calendar/{token}.ics");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    private static async Task<string> GenerateAsync(HttpClient client)
    {
        var page = await client.GetPageAsync("/Calendar");
        var response = await client.SubmitAsync(page, "#calendar-form", new Dictionary<string, string>());
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var url = (await HtmlForms.ParseAsync(response)).QuerySelector("#feed-url")!.GetAttribute("value")!;
        Assert.Matches("^http://localhost/calendar/[0-9a-f]{48}\\.ics$", url);
        return new Uri(url).PathAndQuery;
    }
}
