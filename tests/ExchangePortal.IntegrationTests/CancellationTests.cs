using System.Net;
using ExchangePortal.Core.Applications;
using Microsoft.EntityFrameworkCore;

namespace ExchangePortal.IntegrationTests;

[Collection(PostgresCollection.Name)]
public class CancellationTests(PortalFactory portal) : IClassFixture<PortalFactory>
{
    [Fact]
    public async Task An_administrator_cancels_a_stay_with_a_reason_and_the_seat_is_freed()
    {
        var client = await portal.SignInAsync("admin@demo.local");
        var page = await client.GetPageAsync("/Admin/Stays");
        var form = page.Document.QuerySelector(".cancel-form")!;
        var id = int.Parse(System.Text.RegularExpressions.Regex.Match(form.GetAttribute("action")!, @"id=(\d+)").Groups[1].Value);
        form.Id = "first-cancel";

        var refused = await client.SubmitAsync(page, "#first-cancel", new Dictionary<string, string>());
        Assert.Contains("Please give the reason for cancelling", (await HtmlForms.ParseAsync(refused)).Text());

        var done = await client.SubmitAsync(page, "#first-cancel", new Dictionary<string, string> { ["cancel.Reason"] = "Visa refused." });

        Assert.Equal(HttpStatusCode.Redirect, done.StatusCode);
        await using var db = portal.NewDbContext();
        var application = await db.Applications.Include(a => a.Placement).ThenInclude(p => p!.CohortLab).SingleAsync(a => a.Id == id);
        Assert.Equal(ApplicationStatus.Cancelled, application.Status);
        Assert.False(application.Placement!.HoldsSeat);
        Assert.Equal(await db.Placements.CountAsync(p => p.CohortLabId == application.Placement.CohortLabId && p.ReleasedAt == null),
            application.Placement.CohortLab.SeatsTaken);
    }

    [Fact]
    public async Task A_coordinator_cannot_cancel_a_stay()
    {
        var client = await portal.SignInAsync("coordinator@demo.local");

        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync("/Admin/Stays")).StatusCode);
    }
}
