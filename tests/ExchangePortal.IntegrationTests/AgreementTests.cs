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
        var owner = page.Document.QuerySelectorAll("#Milestone_OwnerId option").Select(o => o.GetAttribute("value")).First(v => v != "")!;
        // The target fields keep the ids the browser journeys use and the names the add handler binds.
        Assert.Equal("Milestone.Target.Measure", page.Document.QuerySelector("#milestone-form #m-target-measure")!.GetAttribute("name"));

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

    public static TheoryData<string, string, string> UnknownIds() => new()
    {
        // page of the agreement, its form, where the post goes ({a}: the agreement, {m}: one of its open milestones)
        { "", "#milestone-form", "/Admin/Agreements/424242?handler=Add" },
        { "", "form.milestone-form", "/Admin/Agreements/{a}?handler=Change&milestoneId=424242&change=Complete" },
        { "", "form.milestone-form", "/Admin/Agreements/424242?handler=Change&milestoneId={m}&change=Complete" },
        { "", "form.target-form", "/Admin/Agreements/{a}?handler=Target&milestoneId=424242" },
        { "", "form.target-form", "/Admin/Agreements/424242?handler=Target&milestoneId={m}" },
        { "", "form.follow-form", "/Admin/Agreements/424242?handler=Follow&milestoneId={m}&follow=true" },
        { "/Edit", "#agreement-form", "/Admin/Agreements/424242/Edit" },
        { "/Documents", "#upload-form", "/Admin/Agreements/424242/Documents" },
    };

    [Theory]
    [MemberData(nameof(UnknownIds))]
    public async Task A_post_about_an_agreement_or_milestone_that_is_not_there_is_not_found_and_changes_nothing(string page, string form, string action)
    {
        await using var db = portal.NewDbContext();
        var agreement = await db.Agreements.Select(a => a.Id).FirstAsync();
        var milestone = await db.Milestones.Where(m => m.AgreementId == agreement && MilestoneRules.OpenStatuses.Contains(m.Status))
            .Select(m => m.Id).FirstAsync();
        var before = await db.Milestones.Where(m => m.Id == milestone).Select(m => new { m.Status, m.Measure }).SingleAsync();
        var admin = await portal.SignInAsync("admin@demo.local");
        var audited = await db.AuditEntries.CountAsync(); // after the sign-in, which is audited itself
        var source = await admin.GetPageAsync($"/Admin/Agreements/{agreement}{page}");
        source.Document.QuerySelector(form)!.SetAttribute("action", action.Replace("{a}", agreement.ToString()).Replace("{m}", milestone.ToString()));

        var response = await admin.SubmitAsync(source, form, new Dictionary<string, string>
        {
            ["Milestone.Title"] = "Never added",
            ["Milestone.DueOn"] = "2027-01-01",
            ["Target.Measure"] = "ReportsFiled",
            ["Target.Value"] = "3",
            ["Agreement.Title"] = "Never saved",
        });

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal(audited, await db.AuditEntries.CountAsync());
        Assert.False(await db.Milestones.AnyAsync(m => m.Title == "Never added"));
        Assert.Equal(before, await db.Milestones.Where(m => m.Id == milestone).Select(m => new { m.Status, m.Measure }).SingleAsync());
        Assert.False(await db.Agreements.AnyAsync(a => a.Title == "Never saved"));
    }
}
