using System.Net;
using Microsoft.EntityFrameworkCore;

namespace ExchangePortal.IntegrationTests.Messages;

/// <summary>One message to a selection of applications (the review queue's "Send a message"), each through the single path.</summary>
[Collection(PostgresCollection.Name)]
public class SelectionMessageTests(MessagePortal fixture) : IClassFixture<MessagePortal>
{
    private EmailPortalFactory Portal => fixture.Portal;

    [Fact]
    public async Task Five_selected_one_withdrawn_meanwhile_four_receive_it_and_the_others_are_listed_with_their_reason()
    {
        var ids = await MessageWorld.SubmittedApplicationsAsync(Portal, 5, culture: "zh-Hans");
        var coordinator = await Portal.SignInAsync("coordinator@demo.local");
        var page = await coordinator.GetPageAsync(SelectionPath([.. ids, 999999]));
        Assert.Equal(5, page.Document.QuerySelectorAll("#recipients tr.recipient").Length);
        Assert.Contains("No such application in the review queue.", Assert.Single(page.Document.QuerySelectorAll("#recipients tr.skipped")).TextContent);

        await MessageWorld.WithdrawAsync(Portal, ids[2]);
        var response = await coordinator.SubmitAsync(page, "#selection-message-form",
            new Dictionary<string, string> { ["message.Text"] = "Arrival briefing on 1 September, 9:00, Room 301." });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var outcome = await coordinator.GetPageAsync(response.Headers.Location!.OriginalString);
        var report = outcome.Document.QuerySelector("#outcome")!.TextContent;
        Assert.Contains("Sent to 4 applications; 2 skipped.", report);
        Assert.Contains($"#{ids[2]} ", report);
        Assert.Contains("This application is closed: it takes no more messages.", report);
        Assert.Contains("#999999", report);
        await using var db = Portal.NewDbContext();
        var sent = ids.Where((_, i) => i != 2).ToList();
        Assert.Equal(sent.Order(), await db.ApplicationMessages.Where(m => ids.Contains(m.ApplicationId)).Select(m => m.ApplicationId).OrderBy(i => i).ToListAsync());
        Assert.Equal(4, await db.AuditEntries.CountAsync(e => e.Action == "application.message" && sent.Select(i => i.ToString()).Contains(e.RecordId)));
        var addresses = await db.Applications.Where(a => sent.Contains(a.Id)).Select(a => a.Doctor.Email).ToListAsync();
        await MessageWorld.DispatchAsync(Portal);
        foreach (var address in addresses)
        {
            var email = await fixture.Smtp.WaitForAsync(m => m.To.Mailboxes.Any(b => b.Address == address), TimeSpan.FromSeconds(10));
            Assert.Contains("交流办公室", email.Subject);
            Assert.Contains("Arrival briefing on 1 September", email.TextBody);
            Assert.Matches($@"{PortalFactory.PublicUrl}Applicant/Applications/\d+/Messages", email.TextBody);
        }
    }

    [Fact]
    public async Task Sending_to_a_selection_runs_the_same_number_of_statements_whatever_its_size()
    {
        var coordinator = await Portal.SignInAsync("coordinator@demo.local");
        var counts = new List<(int Preview, int Send)>();
        foreach (var size in new[] { 2, 12 })
        {
            var ids = await MessageWorld.SubmittedApplicationsAsync(Portal, size);
            Portal.Sql.Reset();
            var page = await coordinator.GetPageAsync(SelectionPath(ids));
            var preview = Portal.Sql.Count;
            Portal.Sql.Reset();
            var response = await coordinator.SubmitAsync(page, "#selection-message-form", new Dictionary<string, string> { ["message.Text"] = "Same for all." });
            counts.Add((preview, Portal.Sql.Count));
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            await using var db = Portal.NewDbContext();
            Assert.Equal(size, await db.ApplicationMessages.CountAsync(m => ids.Contains(m.ApplicationId)));
        }

        Assert.Equal(counts[0], counts[1]);
    }

    [Fact]
    public async Task A_selection_that_is_empty_too_large_or_all_skipped_is_refused_with_a_reason_and_sends_nothing()
    {
        var coordinator = await Portal.SignInAsync("coordinator@demo.local");
        var ids = await MessageWorld.SubmittedApplicationsAsync(Portal, 1);
        var before = await CountMessagesAsync();

        var none = await coordinator.GetPageAsync("/Coordinator/Applications/Message");
        var tooMany = await coordinator.GetPageAsync(SelectionPath(Enumerable.Range(1, 301)));
        var page = await coordinator.GetPageAsync(SelectionPath(ids));
        await MessageWorld.WithdrawAsync(Portal, ids[0]);
        var allSkipped = await coordinator.SubmitAsync(page, "#selection-message-form", new Dictionary<string, string> { ["message.Text"] = "Hello." });
        var empty = await coordinator.SubmitAsync(page, "#selection-message-form", new Dictionary<string, string> { ["message.Text"] = "" });

        Assert.Contains("Select at least one application.", none.Document.QuerySelector("#selection-refused")!.TextContent);
        Assert.Contains("Select at most 300 applications at once.", tooMany.Document.QuerySelector("#selection-refused")!.TextContent);
        Assert.Null(tooMany.Document.QuerySelector("#selection-message-form"));
        Assert.Equal(HttpStatusCode.OK, allSkipped.StatusCode);
        var refusal = (await HtmlForms.ParseAsync(allSkipped)).QuerySelector(".validation-summary-errors")!.TextContent;
        Assert.Contains("None of the selected applications takes this message; nothing was sent.", refusal);
        Assert.Contains("This application is closed: it takes no more messages.", refusal);
        Assert.Contains("Please write the message.", (await HtmlForms.ParseAsync(empty)).Text());
        Assert.Equal(before, await CountMessagesAsync());
    }

    private static string SelectionPath(IEnumerable<int> ids) => "/Coordinator/Applications/Message?" + string.Join("&", ids.Select(i => $"ids={i}"));

    private async Task<int> CountMessagesAsync()
    {
        await using var db = Portal.NewDbContext();
        return await db.ApplicationMessages.CountAsync();
    }
}
