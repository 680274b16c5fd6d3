using System.Net;
using ExchangePortal.Core.Applications;
using ExchangePortal.Core.HostLabs;
using ExchangePortal.Core.Institutions;
using Microsoft.EntityFrameworkCore;

namespace ExchangePortal.IntegrationTests;

[Collection(PostgresCollection.Name)]
public class HostLabAdministrationTests(PortalFactory portal) : IClassFixture<PortalFactory>
{
    private const string Coordinator = "coordinator@demo.local";

    [Fact]
    public async Task A_coordinator_creates_a_lab_through_the_form()
    {
        var client = await portal.SignInAsync(Coordinator);
        var form = await client.GetPageAsync("/Coordinator/Labs/Create");

        var response = await client.SubmitAsync(form, "#lab-form", LabValues("Genomics Core Lab", 4));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/Coordinator/Labs", response.Headers.Location!.OriginalString);
        await using var db = portal.NewDbContext();
        var lab = await db.HostLabs.SingleAsync(l => l.Name == "Genomics Core Lab");
        Assert.Equal(["Genomics", "Rare diseases"], lab.ResearchAreas);
        Assert.Equal(4, lab.DefaultSeats);
        Assert.True(lab.IsActive);
        var list = await client.GetPageAsync("/Coordinator/Labs");
        Assert.Contains("Genomics Core Lab was added", list.Document.Text());
    }

    [Fact]
    public async Task A_coordinator_edits_a_lab_and_shape_errors_change_nothing()
    {
        var client = await portal.SignInAsync(Coordinator);
        var id = await AddLabAsync("Lab To Edit");
        var form = await client.GetPageAsync($"/Coordinator/Labs/Edit/{id}");

        var refused = await client.SubmitAsync(form, "#lab-form", new Dictionary<string, string> { ["Input.DefaultSeats"] = "51" });
        var saved = await client.SubmitAsync(form, "#lab-form", new Dictionary<string, string>
        {
            ["Input.Name"] = "Lab Edited",
            ["Input.ResearchAreas"] = "Cardiology, AI diagnostics",
            ["Input.DefaultSeats"] = "5",
        });

        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains("Default seats must be between 0 and 50.", (await HtmlForms.ParseAsync(refused)).Text());
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        await using var db = portal.NewDbContext();
        var lab = await db.HostLabs.SingleAsync(l => l.Id == id);
        Assert.Equal(("Lab Edited", 5), (lab.Name, lab.DefaultSeats));
        Assert.Equal(["Cardiology", "AI diagnostics"], lab.ResearchAreas);
    }

    [Fact]
    public async Task An_edit_made_meanwhile_by_someone_else_is_not_overwritten()
    {
        var first = await portal.SignInAsync(Coordinator);
        var second = await portal.SignInAsync(Coordinator);
        var id = await AddLabAsync("Contended Lab");
        var firstForm = await first.GetPageAsync($"/Coordinator/Labs/Edit/{id}");
        var secondForm = await second.GetPageAsync($"/Coordinator/Labs/Edit/{id}");

        await first.SubmitAsync(firstForm, "#lab-form", new Dictionary<string, string> { ["Input.Department"] = "First department" });
        var late = await second.SubmitAsync(secondForm, "#lab-form", new Dictionary<string, string> { ["Input.Department"] = "Second department" });

        Assert.Equal(HttpStatusCode.OK, late.StatusCode);
        Assert.Contains("This host lab changed while you were editing it; please reload.", (await HtmlForms.ParseAsync(late)).Text());
        await using var db = portal.NewDbContext();
        Assert.Equal("First department", (await db.HostLabs.SingleAsync(l => l.Id == id)).Department);
    }

    [Fact]
    public async Task A_lab_with_a_current_placement_cannot_be_deactivated()
    {
        var client = await portal.SignInAsync(Coordinator);
        int labId;
        await using (var db = portal.NewDbContext())
        {
            labId = await db.Placements
                .Where(p => p.ReleasedAt == null && p.Application.Status == ApplicationStatus.InProgress)
                .Select(p => p.CohortLab.HostLabId).FirstAsync();
        }
        var list = await client.GetPageAsync("/Coordinator/Labs");

        var response = await client.SubmitAsync(list, $"form[data-lab-id='{labId}']", new Dictionary<string, string>());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("cannot be deactivated: it has", (await HtmlForms.ParseAsync(response)).Text());
        await using var after = portal.NewDbContext();
        Assert.True((await after.HostLabs.SingleAsync(l => l.Id == labId)).IsActive);
    }

    [Fact]
    public async Task A_lab_without_current_placements_is_deactivated_and_reactivated()
    {
        var client = await portal.SignInAsync(Coordinator);
        var id = await AddLabAsync("Quiet Lab");

        var deactivated = await client.SubmitAsync(await client.GetPageAsync("/Coordinator/Labs"), $"form[data-lab-id='{id}']", new Dictionary<string, string>());
        bool activeAfterDeactivating;
        await using (var db = portal.NewDbContext())
            activeAfterDeactivating = (await db.HostLabs.SingleAsync(l => l.Id == id)).IsActive;
        var catalogue = await portal.CreateClient().GetPageAsync("/Labs");
        var reactivated = await client.SubmitAsync(await client.GetPageAsync("/Coordinator/Labs"), $"form[data-lab-id='{id}']", new Dictionary<string, string>());
        var catalogueAgain = await portal.CreateClient().GetPageAsync("/Labs");

        Assert.Equal(HttpStatusCode.Redirect, deactivated.StatusCode);
        Assert.False(activeAfterDeactivating);
        Assert.DoesNotContain("Quiet Lab", catalogue.Document.Text());
        // The same page names it once it is active again: its absence above was the deactivation, not the page.
        Assert.Contains("Quiet Lab", catalogueAgain.Document.Text());
        Assert.Equal(HttpStatusCode.Redirect, reactivated.StatusCode);
        await using var after = portal.NewDbContext();
        Assert.True((await after.HostLabs.SingleAsync(l => l.Id == id)).IsActive);
    }

    [Theory]
    [InlineData("/Coordinator/Labs", "form.lab-status-form", "/Coordinator/Labs?handler=Deactivate&id=424242")]
    [InlineData("/Coordinator/Labs", "form.lab-status-form", "/Coordinator/Labs?handler=Activate&id=424242")]
    [InlineData("/Coordinator/Labs/Edit/{lab}", "#lab-form", "/Coordinator/Labs/Edit/424242")]
    public async Task A_post_about_a_lab_that_is_not_there_is_not_found_and_changes_nothing(string path, string form, string action)
    {
        var client = await portal.SignInAsync(Coordinator);
        var id = await AddLabAsync("Lab beside an unknown one");
        var page = await client.GetPageAsync(path.Replace("{lab}", id.ToString()));
        page.Document.QuerySelector(form)!.SetAttribute("action", action);

        var response = await client.SubmitAsync(page, form, new Dictionary<string, string> { ["Input.Name"] = "Never saved" });

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        await using var db = portal.NewDbContext();
        Assert.False(await db.HostLabs.AnyAsync(l => l.Name == "Never saved"));
    }

    private async Task<int> AddLabAsync(string name)
    {
        await using var db = portal.NewDbContext();
        var university = await db.Institutions.FirstAsync(i => i.Kind == InstitutionKind.University);
        var lab = new HostLab(university, name, "Department of Testing", "Dr. Test", "test@vhu.test", ["Testing"], "A lab for tests.", 1);
        db.HostLabs.Add(lab);
        await db.SaveChangesAsync();
        return lab.Id;
    }

    internal static Dictionary<string, string> LabValues(string name, int seats) => new()
    {
        ["Input.Name"] = name,
        ["Input.Department"] = "Department of Genetics",
        ["Input.PrincipalInvestigatorName"] = "Prof. Helen Lee",
        ["Input.PrincipalInvestigatorEmail"] = "helen.lee@vhu.test",
        ["Input.ResearchAreas"] = " Genomics, Rare diseases ,,genomics",
        ["Input.Description"] = "Sequencing and rare disease diagnosis.",
        ["Input.DefaultSeats"] = seats.ToString(),
    };
}
