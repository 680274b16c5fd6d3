using System.Net;
using ExchangePortal.Core.Applications;
using Microsoft.EntityFrameworkCore;

namespace ExchangePortal.IntegrationTests.CohortOps;

[Collection(PostgresCollection.Name)]
public class SavedViewTests(PortalFactory portal) : IClassFixture<PortalFactory>
{
    [Fact]
    public async Task A_coordinator_saves_the_queues_filter_under_a_name_applies_it_and_deletes_it()
    {
        var client = await portal.SignInAsync("coordinator@demo.local");
        var queue = await client.GetPageAsync("/Coordinator?Filter.Status=UnderReview&Filter.Sort=Name&Filter.Q=zhao&Filter.P=1");

        var saved = await client.SubmitAsync(queue, "#save-view-form", new Dictionary<string, string> { ["SaveView.Name"] = "Zhao under review" });
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var list = await client.GetPageAsync("/Coordinator/Views");
        var row = Assert.Single(list.Document.QuerySelectorAll("#saved-views tbody tr"));
        Assert.Contains("Zhao under review", row.TextContent);
        var apply = await client.GetAsync(row.QuerySelector("a")!.GetAttribute("href"));
        Assert.Equal(HttpStatusCode.Redirect, apply.StatusCode);
        var applied = await client.GetPageAsync(apply.Headers.Location!.OriginalString);
        Assert.Equal(["Zhao Li"], applied.Document.QuerySelectorAll("tbody tr td:first-child").Select(c => c.TextContent.Trim()));
        Assert.Equal("Name", (applied.Document.QuerySelector("#Filter_Sort") as AngleSharp.Html.Dom.IHtmlSelectElement)!.Value);

        // Saving under the same name saves over it; an empty name is refused.
        var again = await client.SubmitAsync(await client.GetPageAsync("/Coordinator?Filter.Status=Offered"), "#save-view-form",
            new Dictionary<string, string> { ["SaveView.Name"] = "Zhao under review" });
        var empty = await client.SubmitAsync(queue, "#save-view-form", new Dictionary<string, string> { ["SaveView.Name"] = " " });
        Assert.Equal(HttpStatusCode.Redirect, again.StatusCode);
        Assert.Contains("Give the view a name.", (await HtmlForms.ParseAsync(empty)).Text());
        await using (var db = portal.NewDbContext())
        {
            var view = await db.SavedQueueViews.SingleAsync(v => v.Owner.Email == "coordinator@demo.local");
            Assert.Equal((ApplicationStatus?)ApplicationStatus.Offered, view.Status);
            Assert.Null(view.Search);
        }

        var deleted = await client.SubmitAsync(await client.GetPageAsync("/Coordinator/Views"), ".delete-view-form", new Dictionary<string, string>());
        Assert.Equal(HttpStatusCode.Redirect, deleted.StatusCode);
        await using var check = portal.NewDbContext();
        Assert.False(await check.SavedQueueViews.AnyAsync(v => v.Owner.Email == "coordinator@demo.local"));
    }

    [Fact]
    public async Task Another_coordinators_view_is_not_listed_applied_or_deleted()
    {
        int foreign;
        await using (var db = portal.NewDbContext())
        {
            var other = await db.Users.SingleAsync(u => u.Email == "admin@demo.local");
            var view = new SavedQueueView(other.Id, $"Not yours {Guid.NewGuid():N}", new QueueFilter(Status: ApplicationStatus.Offered), DateTimeOffset.UtcNow);
            db.SavedQueueViews.Add(view);
            await db.SaveChangesAsync();
            foreign = view.Id;
        }
        var client = await portal.SignInAsync("coordinator@demo.local");
        var list = await client.GetPageAsync("/Coordinator/Views");
        var token = list.Document.QuerySelector("input[name=__RequestVerificationToken]")?.GetAttribute("value")
            ?? (await client.GetPageAsync("/Coordinator")).Document.QuerySelector("#save-view-form input[name=__RequestVerificationToken]")!.GetAttribute("value")!;

        var apply = await client.GetAsync($"/Coordinator/Views?handler=Apply&id={foreign}");
        var delete = await client.PostAsync($"/Coordinator/Views?handler=Delete&id={foreign}",
            new FormUrlEncodedContent([new("__RequestVerificationToken", token)]));

        Assert.DoesNotContain("Not yours", list.Document.Text());
        Assert.Equal(HttpStatusCode.NotFound, apply.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, delete.StatusCode);
        await using var check = portal.NewDbContext();
        Assert.True(await check.SavedQueueViews.AnyAsync(v => v.Id == foreign));
    }
}
