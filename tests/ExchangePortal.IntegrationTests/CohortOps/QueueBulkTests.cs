using System.Net;
using ExchangePortal.Core.Applications;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ExchangePortal.IntegrationTests.CohortOps;

[Collection(PostgresCollection.Name)]
public class QueueBulkTests(PortalFactory portal) : IClassFixture<PortalFactory>
{
    [Fact]
    public async Task Bulk_start_review_starts_four_and_skips_the_one_someone_else_changed_meanwhile()
    {
        var prefix = $"Bulkfive {Guid.NewGuid():N}"[..16];
        var ids = await CohortOpsData.AddEndorsedAsync(portal, prefix, 5);
        var client = await portal.SignInAsync("coordinator@demo.local");
        var queue = await client.GetPageAsync($"/Coordinator?Filter.Status=Endorsed&Filter.Q={Uri.EscapeDataString(prefix)}");
        Assert.Equal(5, queue.Document.QuerySelectorAll("#queue-selection tbody tr").Length);

        // Another coordinator starts the review of the third one while this page is open.
        await using (var scope = portal.Services.CreateAsyncScope())
        {
            await using var db = portal.NewDbContext();
            var admin = await db.Users.Where(u => u.Email == "admin@demo.local").Select(u => u.Id).SingleAsync();
            var version = await db.Applications.Where(a => a.Id == ids[2]).Select(a => a.Version).SingleAsync();
            Assert.True(await scope.ServiceProvider.GetRequiredService<CoordinatorApplications>().StartReviewAsync(ids[2], version, admin));
        }
        CohortOpsData.Select(queue);
        var response = await client.PressAsync(queue, "#bulk-start-review");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var result = await client.GetPageAsync(response.Headers.Location!.OriginalString);
        Assert.Equal(4, result.Document.QuerySelectorAll("#bulk-done li").Length);
        var skipped = Assert.Single(result.Document.QuerySelectorAll("#bulk-skipped li"));
        Assert.Contains($"{prefix} 02", skipped.TextContent);
        Assert.Contains("Changed by someone else since you loaded the page.", skipped.TextContent);

        await using var check = portal.NewDbContext();
        var coordinator = await check.Users.Where(u => u.Email == "coordinator@demo.local").Select(u => u.Id).SingleAsync();
        var applications = await check.Applications.Include(a => a.History).Include(a => a.Doctor)
            .Where(a => ids.Contains(a.Id)).OrderBy(a => a.Doctor.FullName).ToListAsync();
        Assert.All(applications, a => Assert.Equal(ApplicationStatus.UnderReview, a.Status));
        // Each reviewed once: four by this coordinator, the skipped one only by the other.
        Assert.All(applications, a => Assert.Single(a.History, h => h.To == ApplicationStatus.UnderReview));
        Assert.Equal([true, true, false, true, true],
            applications.Select(a => a.History.Single(h => h.To == ApplicationStatus.UnderReview).ActorId == coordinator));
        var emails = applications.Select(a => a.Doctor.Email).ToList();
        var sent = await check.Notifications.Where(n => emails.Contains(n.ToAddress) && n.Kind == "application.UnderReview").ToListAsync();
        Assert.Equal(emails.Order(), sent.Select(n => n.ToAddress).Order()); // one each, the skipped one's from the other change
        var idTexts = ids.Select(id => id.ToString()).ToList();
        Assert.Equal(4, await check.AuditEntries.CountAsync(e => e.Action == "application.status" && e.ActorId == coordinator
            && idTexts.Contains(e.RecordId)));
    }

    [Fact]
    public async Task Send_a_message_opens_the_message_page_for_the_selected_applications_by_their_ids_alone()
    {
        var prefix = $"Bulkmsg {Guid.NewGuid():N}"[..15];
        var ids = await CohortOpsData.AddEndorsedAsync(portal, prefix, 3);
        var client = await portal.SignInAsync("coordinator@demo.local");
        var queue = await client.GetPageAsync($"/Coordinator?Filter.Status=Endorsed&Filter.Q={Uri.EscapeDataString(prefix)}");
        CohortOpsData.Select(queue);

        var response = await client.PressAsync(queue, "#bulk-message");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var location = response.Headers.Location!.OriginalString;
        Assert.StartsWith("/Coordinator/Applications/Message?ids=", location);
        Assert.Equal(ids.Select(id => $"ids={id}").Order(), location.Split('?')[1].Split('&').Order()); // no token, no versions
        var page = await client.GetPageAsync(location);
        Assert.Equal(3, page.Document.QuerySelectorAll("#recipients tr.recipient").Length);
    }

    [Fact]
    public async Task Bulk_start_review_runs_the_same_number_of_statements_for_5_and_50_applications()
    {
        var client = await portal.SignInAsync("coordinator@demo.local");

        var five = await CountAsync(client, await CohortOpsData.AddEndorsedAsync(portal, $"Count5 {Guid.NewGuid():N}"[..14], 5));
        var fifty = await CountAsync(client, await CohortOpsData.AddEndorsedAsync(portal, $"Count50 {Guid.NewGuid():N}"[..15], 50));

        Assert.InRange(five, 1, 10);
        Assert.Equal(five, fifty);
    }

    [Fact]
    public async Task The_selection_is_exported_and_the_export_audited()
    {
        var prefix = $"Bulkexport {Guid.NewGuid():N}"[..18];
        var ids = await CohortOpsData.AddEndorsedAsync(portal, prefix, 3);
        var client = await portal.SignInAsync("coordinator@demo.local");
        var queue = await client.GetPageAsync($"/Coordinator?Filter.Status=Endorsed&Filter.Q={Uri.EscapeDataString(prefix)}");

        Assert.All(queue.Document.QuerySelectorAll("#queue-selection tbody input[type=checkbox]"), box => Assert.Equal("ids", box.GetAttribute("name")));
        CohortOpsData.Select(queue, ids.Take(2));
        var csv = await client.PressAsync(queue, "#bulk-export");

        Assert.Equal(HttpStatusCode.OK, csv.StatusCode);
        var lines = (await csv.Content.ReadAsStringAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(3, lines.Length); // the header and the two selected
        Assert.Contains($"{prefix} 00", lines[1]);
        Assert.Contains($"{prefix} 01", lines[2]);
        await using var db = portal.NewDbContext();
        var audit = await db.AuditEntries.Where(e => e.Action == "export.applications.selection").OrderBy(e => e.Id).LastAsync();
        Assert.Equal($"{ids[0]},{ids[1]}", audit.Changes["Rows"].After);
        var excel = await client.PressAsync(queue, "#bulk-export-excel");
        Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", excel.Content.Headers.ContentType!.MediaType);
    }

    [Fact]
    public async Task Nothing_selected_is_refused_with_a_message_and_changes_nothing()
    {
        var prefix = $"Bulknone {Guid.NewGuid():N}"[..16];
        var ids = await CohortOpsData.AddEndorsedAsync(portal, prefix, 1);
        var client = await portal.SignInAsync("coordinator@demo.local");
        var queue = await client.GetPageAsync($"/Coordinator?Filter.Status=Endorsed&Filter.Q={Uri.EscapeDataString(prefix)}");

        var response = await client.PressAsync(queue, "#bulk-start-review");
        var export = await client.PressAsync(queue, "#bulk-export");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Select at least one application.", (await HtmlForms.ParseAsync(response)).Text());
        Assert.Equal(HttpStatusCode.BadRequest, export.StatusCode);
        await using var db = portal.NewDbContext();
        Assert.Equal(ApplicationStatus.Endorsed, await db.Applications.Where(a => a.Id == ids[0]).Select(a => a.Status).SingleAsync());
    }

    private async Task<int> CountAsync(HttpClient client, List<int> ids)
    {
        var queue = await client.GetPageAsync("/Coordinator");
        var token = queue.Document.QuerySelector("#queue-selection input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        await using var db = portal.NewDbContext();
        var versions = await db.Applications.Where(a => ids.Contains(a.Id)).Select(a => new { a.Id, a.Version }).ToListAsync();
        var fields = new List<KeyValuePair<string, string>> { new("__RequestVerificationToken", token) };
        foreach (var v in versions)
        {
            fields.Add(new("ids", v.Id.ToString()));
            fields.Add(new($"versions[{v.Id}]", v.Version.ToString()));
        }
        portal.Sql.Reset();
        var response = await client.PostAsync("/Coordinator/Applications/Bulk?handler=StartReview", new FormUrlEncodedContent(fields));
        var count = portal.Sql.Count;

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(ids.Count, await db.Applications.CountAsync(a => ids.Contains(a.Id) && a.Status == ApplicationStatus.UnderReview));
        return count;
    }
}
