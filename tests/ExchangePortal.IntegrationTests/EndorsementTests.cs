using System.Net;
using ExchangePortal.Core.Applications;
using Microsoft.EntityFrameworkCore;

namespace ExchangePortal.IntegrationTests;

[Collection(PostgresCollection.Name)]
public class EndorsementTests(PortalFactory portal) : IClassFixture<PortalFactory>
{
    [Fact]
    public async Task The_hospital_endorses_its_own_staffs_application_and_the_applicant_is_told()
    {
        var id = await IdOfAsync("doctor2@demo.local");
        var client = await portal.SignInAsync("hospital@demo.local");
        var queue = await client.GetPageAsync("/Hospital");
        var link = queue.Document.QuerySelectorAll("tbody a").Single(a => a.TextContent == "Wang Fang").GetAttribute("href")!;
        var page = await client.GetPageAsync(link);

        var response = await client.SubmitAsync(page, "#endorse-form", new Dictionary<string, string> { ["Endorsement.Comment"] = "Recommended." });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        await using var db = portal.NewDbContext();
        Assert.Equal(ApplicationStatus.Endorsed, await db.Applications.Where(a => a.Id == id).Select(a => a.Status).SingleAsync());
        Assert.True(await db.Notifications.AnyAsync(n => n.Kind == "application.Endorsed" && n.ToAddress == "doctor2@demo.local"));
    }

    [Fact]
    public async Task Declining_needs_a_reason_that_the_applicant_then_reads()
    {
        var id = await IdOfAsync("doctor04@demo.local");
        var client = await portal.SignInAsync("hospital@demo.local");
        var page = await client.GetPageAsync($"/Hospital/Applications/{id}");

        var refused = await client.SubmitAsync(page, "#decline-form", new Dictionary<string, string>());
        Assert.Contains("Please give the reason; the applicant reads it.", (await HtmlForms.ParseAsync(refused)).Text());
        await client.SubmitAsync(page, "#decline-form", new Dictionary<string, string> { ["decline.Reason"] = "Needed on the ward." });

        var applicant = await portal.SignInAsync("doctor04@demo.local");
        var mine = await applicant.GetPageAsync($"/Applicant/Applications/{id}");
        Assert.Contains("Needed on the ward.", mine.Document.Text());
        Assert.Contains("Not endorsed", mine.Document.Text());
    }

    [Fact]
    public async Task Another_hospitals_coordinator_finds_nothing()
    {
        var id = await IdOfAsync("doctor2@demo.local");
        var other = await portal.SignInAsync("hospital2@demo.local");

        var page = await other.GetAsync($"/Hospital/Applications/{id}");
        var staff = await other.GetPageAsync("/Hospital/Staff");

        Assert.Equal(HttpStatusCode.NotFound, page.StatusCode);
        Assert.DoesNotContain("Wang Fang", staff.Document.Text());
        Assert.Contains("Luo Dan", staff.Document.Text());
    }

    private async Task<int> IdOfAsync(string email)
    {
        await using var db = portal.NewDbContext();
        return await db.Applications.Where(a => a.Doctor.Email == email && a.Cohort.Status == Core.Cohorts.CohortStatus.Open)
            .Select(a => a.Id).SingleAsync();
    }
}
