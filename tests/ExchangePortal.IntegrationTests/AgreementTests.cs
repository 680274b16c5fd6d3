using System.Net;
using ExchangePortal.Core.Agreements;
using Microsoft.EntityFrameworkCore;

namespace ExchangePortal.IntegrationTests;

[Collection(PostgresCollection.Name)]
public class AgreementTests(PortalFactory portal) : IClassFixture<PortalFactory>
{
    [Fact]
    public async Task The_overdue_milestone_stands_out_and_can_be_marked_done_with_evidence()
    {
        var admin = await portal.SignInAsync("admin@demo.local");
        var list = await admin.GetPageAsync("/Admin/Agreements");
        var detailsPath = list.Document.QuerySelector("tbody a")!.GetAttribute("href")!;
        var page = await admin.GetPageAsync(detailsPath);
        var overdueRow = page.Document.QuerySelectorAll("#milestones tbody tr.milestone-overdue").Single();
        Assert.Contains("Annual review of the cooperation", overdueRow.TextContent);
        var form = overdueRow.QuerySelector("form")!;
        form.Id = "overdue-form";

        var done = await admin.SubmitAsync(page, "#overdue-form", new Dictionary<string, string> { ["change"] = "Complete", ["note"] = "Minutes signed." });

        Assert.Equal(HttpStatusCode.Redirect, done.StatusCode);
        var after = await admin.GetPageAsync(detailsPath);
        Assert.Empty(after.Document.QuerySelectorAll("#milestones tbody tr.milestone-overdue"));
        await using var db = portal.NewDbContext();
        var milestone = await db.Milestones.SingleAsync(m => m.Title == "Annual review of the cooperation");
        Assert.Equal(MilestoneStatus.Done, milestone.Status);
        Assert.Equal("Minutes signed.", milestone.EvidenceNote);
        Assert.True(await db.AuditEntries.AnyAsync(e => e.Action == "milestone.status" && e.RecordId == milestone.Id.ToString()));
    }

    [Fact]
    public async Task A_milestone_needs_a_title_and_a_due_date_and_is_added_with_its_owner()
    {
        var admin = await portal.SignInAsync("admin@demo.local");
        await using var db = portal.NewDbContext();
        var id = await db.Agreements.Select(a => a.Id).FirstAsync();
        var page = await admin.GetPageAsync($"/Admin/Agreements/{id}");
        var owner = page.Document.QuerySelectorAll("#m-owner option").Select(o => o.GetAttribute("value")).First(v => v != "")!;

        var refused = await admin.SubmitAsync(page, "#milestone-form", new Dictionary<string, string>());
        var added = await admin.SubmitAsync(page, "#milestone-form", new Dictionary<string, string>
        {
            ["milestone.Title"] = "20 doctors placed in 2027",
            ["milestone.DueOn"] = "2027-12-31",
            ["milestone.OwnerId"] = owner,
        });

        var text = (await HtmlForms.ParseAsync(refused)).Text();
        Assert.Contains("Give the milestone a title.", text);
        Assert.Contains("Give the due date.", text);
        Assert.Equal(HttpStatusCode.Redirect, added.StatusCode);
        Assert.True(await db.Milestones.AnyAsync(m => m.Title == "20 doctors placed in 2027" && m.OwnerId == owner));
    }

    [Fact]
    public async Task An_unknown_agreement_is_not_found()
    {
        var admin = await portal.SignInAsync("admin@demo.local");

        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync("/Admin/Agreements/424242")).StatusCode);
    }
}
