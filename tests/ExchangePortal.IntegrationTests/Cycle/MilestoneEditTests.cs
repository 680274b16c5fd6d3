using System.Net;
using ExchangePortal.Core.Agreements;
using ExchangePortal.Core.Auditing;
using Microsoft.EntityFrameworkCore;

namespace ExchangePortal.IntegrationTests.Cycle;

[Collection(PostgresCollection.Name)]
public class MilestoneEditTests(FakeClockPortalFactory portal) : IClassFixture<FakeClockPortalFactory>
{
    private const string Admin = "admin@demo.local";

    [Fact]
    public async Task A_milestone_is_corrected_field_by_field_and_its_history_shows_each_change()
    {
        var (agreementId, milestoneId) = await AddMilestoneAsync($"Joint workshop {Guid.NewGuid():N}");
        await using var arrange = portal.NewDbContext();
        var area = await arrange.CollaborationAreas.SingleAsync(a => a.Name == "Medical education");
        var owner = await arrange.Users.SingleAsync(u => u.Email == "coordinator@demo.local");
        var client = await portal.SignInAsync(Admin);
        var path = $"/Admin/Agreements/{agreementId}/Milestones/{milestoneId}";
        var dueOn = portal.Today.AddDays(45);

        var saved = await client.SubmitAsync(await client.GetPageAsync(path), "#milestone-edit-form", new Dictionary<string, string>
        {
            ["Milestone.Title"] = "Joint imaging workshop, corrected",
            ["Milestone.DueOn"] = dueOn.ToString("yyyy-MM-dd"),
            ["Milestone.AreaId"] = area.Id.ToString(),
            ["Milestone.OwnerId"] = owner.Id,
            ["Milestone.Target.Measure"] = nameof(MilestoneMeasure.DoctorsPlaced),
            ["Milestone.Target.Value"] = "4",
        });

        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.Equal($"/Admin/Agreements/{agreementId}", saved.Headers.Location!.OriginalString);
        await using var db = portal.NewDbContext();
        var milestone = await db.Milestones.SingleAsync(m => m.Id == milestoneId);
        Assert.Equal(("Joint imaging workshop, corrected", dueOn, area.Id, owner.Id, MilestoneMeasure.DoctorsPlaced, 4),
            (milestone.Title, milestone.DueOn, milestone.AreaId, milestone.OwnerId, milestone.Measure!.Value, milestone.TargetValue!.Value));
        var audit = await db.AuditEntries.SingleAsync(e => e.RecordType == nameof(AgreementMilestone) && e.RecordId == milestoneId.ToString()
            && e.Action == "milestone.edited");
        Assert.Equal(["Area", "DueOn", "Owner", "Target", "Title"], audit.Changes.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(new FieldChange(null, "Medical education"), audit.Changes["Area"]);
        Assert.Equal(new FieldChange(null, "Carmen Lau (exchange office)"), audit.Changes["Owner"]);
        Assert.Equal(dueOn.ToString("yyyy-MM-dd"), audit.Changes["DueOn"].After);
        Assert.Equal(portal.Time.GetUtcNow(), audit.At);
        var page = await client.GetPageAsync(path);
        var history = page.Document.QuerySelectorAll("#history .history-change").Select(c => c.TextContent).ToList();
        Assert.Contains("Area: — → Medical education", history);
        Assert.Contains("Target: — → DoctorsPlaced 4", history);
    }

    [Fact]
    public async Task Saving_unchanged_values_records_nothing_and_a_stale_form_is_refused()
    {
        var (agreementId, milestoneId) = await AddMilestoneAsync($"Stale {Guid.NewGuid():N}");
        var first = await portal.SignInAsync(Admin);
        var second = await portal.SignInAsync(Admin);
        var path = $"/Admin/Agreements/{agreementId}/Milestones/{milestoneId}";
        var firstForm = await first.GetPageAsync(path);
        var secondForm = await second.GetPageAsync(path);

        var unchanged = await first.SubmitAsync(firstForm, "#milestone-edit-form", new Dictionary<string, string>());
        await first.SubmitAsync(await first.GetPageAsync(path), "#milestone-edit-form",
            new Dictionary<string, string> { ["Milestone.Title"] = "First wins" });
        var late = await second.SubmitAsync(secondForm, "#milestone-edit-form",
            new Dictionary<string, string> { ["Milestone.Title"] = "Second is late" });

        Assert.Equal(HttpStatusCode.Redirect, unchanged.StatusCode);
        Assert.Equal(HttpStatusCode.OK, late.StatusCode);
        Assert.Contains("This milestone changed while you were editing it; please reload.", (await HtmlForms.ParseAsync(late)).Text());
        await using var db = portal.NewDbContext();
        Assert.Equal("First wins", (await db.Milestones.SingleAsync(m => m.Id == milestoneId)).Title);
        Assert.Equal(1, await db.AuditEntries.CountAsync(e => e.RecordId == milestoneId.ToString() && e.Action == "milestone.edited"));
    }

    [Fact]
    public async Task Bad_input_is_refused_with_a_message_and_changes_nothing()
    {
        var (agreementId, milestoneId) = await AddMilestoneAsync($"Kept as it was {Guid.NewGuid():N}");
        var client = await portal.SignInAsync(Admin);
        var path = $"/Admin/Agreements/{agreementId}/Milestones/{milestoneId}";

        var noTitle = await client.SubmitAsync(await client.GetPageAsync(path), "#milestone-edit-form",
            new Dictionary<string, string> { ["Milestone.Title"] = "" });
        var unknownOwner = await client.SubmitAsync(await client.GetPageAsync(path), "#milestone-edit-form",
            new Dictionary<string, string> { ["Milestone.OwnerId"] = "no-such-user" });
        var badTarget = await client.SubmitAsync(await client.GetPageAsync(path), "#milestone-edit-form",
            new Dictionary<string, string> { ["Milestone.Target.Measure"] = nameof(MilestoneMeasure.CohortsCompleted), ["Milestone.Target.Value"] = "0" });

        Assert.Contains("Give the milestone a title.", (await HtmlForms.ParseAsync(noTitle)).Text());
        Assert.Contains("Choose an owner from the list.", (await HtmlForms.ParseAsync(unknownOwner)).Text());
        Assert.Contains("A target must be at least 1.", (await HtmlForms.ParseAsync(badTarget)).Text());
        Assert.All(new[] { noTitle, unknownOwner, badTarget }, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        await using var db = portal.NewDbContext();
        var milestone = await db.Milestones.SingleAsync(m => m.Id == milestoneId);
        Assert.StartsWith("Kept as it was", milestone.Title);
        Assert.Null(milestone.OwnerId);
        Assert.Null(milestone.Measure);
        Assert.False(await db.AuditEntries.AnyAsync(e => e.RecordId == milestoneId.ToString() && e.Action == "milestone.edited"));
    }

    [Fact]
    public async Task A_milestone_without_evidence_is_deleted_with_its_last_values_kept_in_the_audit_trail()
    {
        var (agreementId, milestoneId) = await AddMilestoneAsync($"Deleted {Guid.NewGuid():N}");
        var client = await portal.SignInAsync(Admin);

        var deleted = await client.SubmitAsync(await client.GetPageAsync($"/Admin/Agreements/{agreementId}/Milestones/{milestoneId}"),
            "#milestone-delete-form", new Dictionary<string, string>());

        Assert.Equal(HttpStatusCode.Redirect, deleted.StatusCode);
        await using var db = portal.NewDbContext();
        Assert.False(await db.Milestones.AnyAsync(m => m.Id == milestoneId));
        var audit = await db.AuditEntries.SingleAsync(e => e.RecordId == milestoneId.ToString() && e.Action == "milestone.deleted");
        Assert.StartsWith("Deleted", audit.Changes["Title"].Before);
        Assert.Null(audit.Changes["Title"].After);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/Admin/Agreements/{agreementId}/Milestones/{milestoneId}")).StatusCode);
    }

    [Fact]
    public async Task A_milestone_with_evidence_recorded_is_not_deleted()
    {
        var (agreementId, milestoneId) = await AddMilestoneAsync($"Evidenced {Guid.NewGuid():N}");
        var client = await portal.SignInAsync(Admin);
        var path = $"/Admin/Agreements/{agreementId}/Milestones/{milestoneId}";
        var openedBefore = await client.GetPageAsync(path);
        await client.SubmitAsync(await client.GetPageAsync($"/Admin/Agreements/{agreementId}"), $"tr[data-milestone='{milestoneId}'] .milestone-form",
            new Dictionary<string, string> { ["Note"] = "Minutes of the kick-off meeting", ["change"] = nameof(MilestoneAction.Complete) });

        var page = await client.GetPageAsync(path);
        var version = page.Document.QuerySelector("#milestone-edit-form input[name='version']")!.GetAttribute("value")!;
        var refused = await client.SubmitAsync(openedBefore, "#milestone-delete-form", new Dictionary<string, string> { ["version"] = version });

        Assert.Null(page.Document.QuerySelector("#milestone-delete-form"));
        Assert.NotNull(page.Document.QuerySelector("#milestone-kept"));
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains("This milestone has evidence recorded and is kept; mark it missed instead.", (await HtmlForms.ParseAsync(refused)).Text());
        await using var db = portal.NewDbContext();
        Assert.Equal(MilestoneStatus.Done, (await db.Milestones.SingleAsync(m => m.Id == milestoneId)).Status);
    }

    [Fact]
    public async Task A_cohorts_key_date_keeps_its_title_and_date_but_takes_an_owner()
    {
        await using var arrange = portal.NewDbContext();
        var keyDate = await arrange.Milestones.Where(m => m.Source != MilestoneSource.Manual && m.Status == MilestoneStatus.Planned)
            .OrderBy(m => m.Id).FirstAsync();
        var owner = await arrange.Users.SingleAsync(u => u.Email == "coordinator@demo.local");
        var client = await portal.SignInAsync(Admin);
        var path = $"/Admin/Agreements/{keyDate.AgreementId}/Milestones/{keyDate.Id}";
        var form = await client.GetPageAsync(path);

        var moved = await client.SubmitAsync(form, "#milestone-edit-form",
            new Dictionary<string, string> { ["Milestone.DueOn"] = keyDate.DueOn.AddDays(3).ToString("yyyy-MM-dd") });
        var owned = await client.SubmitAsync(form, "#milestone-edit-form", new Dictionary<string, string> { ["Milestone.OwnerId"] = owner.Id });

        Assert.Null(form.Document.QuerySelector("#milestone-delete-form"));
        Assert.Contains("This milestone follows its cohort's dates: change its title and due date by editing the cohort.",
            (await HtmlForms.ParseAsync(moved)).Text());
        Assert.Equal(HttpStatusCode.Redirect, owned.StatusCode);
        await using var db = portal.NewDbContext();
        var after = await db.Milestones.SingleAsync(m => m.Id == keyDate.Id);
        Assert.Equal((keyDate.DueOn, keyDate.Title, owner.Id), (after.DueOn, after.Title, after.OwnerId));
    }

    [Fact]
    public async Task Another_agreements_or_an_unknown_milestone_is_a_404_and_the_page_is_for_administrators_only()
    {
        var (agreementId, milestoneId) = await AddMilestoneAsync($"Guarded {Guid.NewGuid():N}");
        await using var db = portal.NewDbContext();
        var other = new Agreement("Another agreement", await db.Institutions.FirstAsync(i => i.Kind == Core.Institutions.InstitutionKind.University),
            await db.Institutions.FirstAsync(i => i.Kind == Core.Institutions.InstitutionKind.Hospital), portal.Today, portal.Today.AddYears(1));
        db.Agreements.Add(other);
        await db.SaveChangesAsync();
        var admin = await portal.SignInAsync(Admin);
        var form = await admin.GetPageAsync($"/Admin/Agreements/{agreementId}/Milestones/{milestoneId}");
        var coordinator = await portal.SignInAsync("coordinator@demo.local");

        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync($"/Admin/Agreements/{other.Id}/Milestones/{milestoneId}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync($"/Admin/Agreements/{agreementId}/Milestones/999999")).StatusCode);
        form.Document.QuerySelector("#milestone-delete-form")!.SetAttribute("action", $"/Admin/Agreements/{other.Id}/Milestones/{milestoneId}?handler=Delete");
        Assert.Equal(HttpStatusCode.NotFound, (await admin.SubmitAsync(form, "#milestone-delete-form", new Dictionary<string, string>())).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await coordinator.GetAsync($"/Admin/Agreements/{agreementId}/Milestones/{milestoneId}")).StatusCode);
        Assert.True(await db.Milestones.AnyAsync(m => m.Id == milestoneId));
    }

    private async Task<(int AgreementId, int MilestoneId)> AddMilestoneAsync(string title)
    {
        await using var db = portal.NewDbContext();
        var agreement = await db.Agreements.OrderBy(a => a.Id).FirstAsync();
        var milestone = new AgreementMilestone(agreement, title, portal.Today.AddDays(20));
        db.Milestones.Add(milestone);
        await db.SaveChangesAsync();
        return (agreement.Id, milestone.Id);
    }
}
