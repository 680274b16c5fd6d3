using ExchangePortal.Core.Applications;
using ExchangePortal.Core.Clearance;
using ExchangePortal.Core.Cohorts;
using ExchangePortal.Core.Documents;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace ExchangePortal.BrowserTests;

public class ClearanceJourneyTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task A_confirmed_doctor_in_Chinese_and_a_coordinator_go_from_missing_to_cleared()
    {
        int id, cohortId;
        string doctorEmail, doctorName;
        await using (var db = fixture.NewDbContext())
        {
            var running = new[] { CohortStatus.Open, CohortStatus.Reviewing, CohortStatus.InProgress };
            var application = await db.Applications.Include(a => a.Doctor).Include(a => a.Cohort).ThenInclude(c => c.ClearanceItems)
                .Where(a => a.Status == ApplicationStatus.Confirmed && a.Placement != null && running.Contains(a.Cohort.Status))
                .OrderBy(a => a.Id).FirstAsync();
            (id, cohortId, doctorEmail, doctorName) = (application.Id, application.CohortId, application.Doctor.Email, application.Doctor.FullName);
            // This cohort asks for insurance and an entry permit only, and the doctor has uploaded neither yet.
            application.Cohort.RequireForClearance([DocumentKind.Insurance, DocumentKind.VisaOrEntryPermit]);
            await db.SaveChangesAsync();
            await db.Documents.Where(d => d.ApplicationId == id && ClearanceRules.PreArrivalKinds.Contains(d.Kind)).ExecuteDeleteAsync();
        }
        await using var coordinator = new Journey(fixture, "clearance-coordinator");
        await using var doctor = new Journey(fixture, "clearance-doctor");
        await using var admin = new Journey(fixture, "clearance-admin");
        foreach (var journey in new[] { coordinator, doctor, admin })
            await journey.StartAsync();

        await admin.SignInAsync("admin@demo.local");
        var readyBefore = await ReadyAsync(admin, cohortId);
        await coordinator.SignInAsync("coordinator@demo.local");
        await coordinator.GoToAsync($"/Coordinator/Cohorts/{cohortId}/Clearance");
        var row = coordinator.Page.Locator($"#clearance-{id}");
        await Assertions.Expect(row).ToHaveAttributeAsync("data-cleared", "false");
        await Assertions.Expect(row.Locator("td[data-kind=Insurance] .badge")).ToHaveTextAsync("Missing");
        await coordinator.CheckpointAsync("board-missing");

        // The doctor, in Chinese, uploads insurance and an entry permit.
        await doctor.SignInAsync(doctorEmail);
        await doctor.GoToAsync($"/Applicant/Applications/{id}");
        await doctor.Navbar.GetByRole(AriaRole.Button, new() { Name = "中文" }).ClickAsync();
        await Assertions.Expect(doctor.Page.Locator("#clearance-heading")).ToHaveTextAsync("抵港前准备");
        await doctor.CheckpointAsync("todo-zh");
        await doctor.Page.Locator("#upload-pre-arrival").ClickAsync();
        await UploadAsync(doctor, "Insurance", "insurance.pdf");
        await UploadAsync(doctor, "VisaOrEntryPermit", "permit.pdf");
        await doctor.CheckpointAsync("uploaded-zh");

        // The coordinator returns the permit with a reason and verifies the insurance.
        await coordinator.GoToAsync($"/Coordinator/Applications/{id}/Documents");
        var permit = coordinator.Page.Locator("#document-checks tbody tr", new() { HasText = "Visa or entry permit" });
        await permit.Locator("textarea").FillAsync("The permit must be valid for the whole stay; please upload the renewed one.");
        await permit.GetByRole(AriaRole.Button, new() { Name = "Return" }).ClickAsync();
        await Assertions.Expect(coordinator.Page.GetByRole(AriaRole.Status)).ToHaveTextAsync("Document returned; the applicant has been emailed.");
        await coordinator.Page.Locator("#document-checks tbody tr", new() { HasText = "Insurance" }).GetByRole(AriaRole.Button, new() { Name = "Verify" }).ClickAsync();
        await Assertions.Expect(coordinator.Page.GetByRole(AriaRole.Status)).ToHaveTextAsync("Document verified.");
        await coordinator.CheckpointAsync("returned-and-verified");

        // The doctor reads the reason and uploads a new permit.
        await doctor.GoToAsync($"/Applicant/Applications/{id}");
        await Assertions.Expect(doctor.Page.Locator("#my-clearance")).ToContainTextAsync("The permit must be valid for the whole stay");
        await doctor.CheckpointAsync("returned-zh");
        await doctor.GoToAsync($"/Applicant/Applications/{id}/Documents");
        await UploadAsync(doctor, "VisaOrEntryPermit", "permit-renewed.pdf");

        // The coordinator verifies it: the doctor is cleared on the board and counted ready on the dashboard.
        await coordinator.GoToAsync($"/Coordinator/Applications/{id}/Documents");
        await coordinator.Page.Locator("#document-checks tbody tr", new() { HasText = "permit-renewed.pdf" }).GetByRole(AriaRole.Button, new() { Name = "Verify" }).ClickAsync();
        await Assertions.Expect(coordinator.Page.GetByRole(AriaRole.Status)).ToHaveTextAsync("Document verified.");
        await coordinator.GoToAsync($"/Coordinator/Cohorts/{cohortId}/Clearance");
        await Assertions.Expect(row).ToHaveAttributeAsync("data-cleared", "true");
        await Assertions.Expect(row.Locator("td[data-kind=VisaOrEntryPermit] .badge")).ToHaveTextAsync("Verified");
        await Assertions.Expect(row).ToContainTextAsync(doctorName);
        await coordinator.CheckpointAsync("board-cleared");
        await doctor.GoToAsync($"/Applicant/Applications/{id}");
        await Assertions.Expect(doctor.Page.Locator("#my-clearance")).ToContainTextAsync("您的所有文件均已核验");
        await doctor.CheckpointAsync("cleared-zh");
        Assert.Equal(readyBefore + 1, await ReadyAsync(admin, cohortId));
        await admin.CheckpointAsync("dashboard-ready");
    }

    private static async Task UploadAsync(Journey doctor, string kind, string name)
    {
        var page = doctor.Page;
        await page.Locator("#Input_Kind").SelectOptionAsync(kind);
        await page.Locator("#Input_File").SetInputFilesAsync(new FilePayload { Name = name, MimeType = "application/pdf", Buffer = "%PDF-1.4\n%clearance\n"u8.ToArray() });
        await page.Locator("#Input_ExpiresOn").FillAsync(DateTime.UtcNow.AddYears(2).ToString("yyyy-MM-dd"));
        await page.Locator("#upload-form button[type=submit]").ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("文件已上传。");
    }

    private static async Task<int> ReadyAsync(Journey admin, int cohortId)
    {
        await admin.GoToAsync("/Admin");
        return int.Parse(await admin.Page.Locator($"#readiness-{cohortId} meter").GetAttributeAsync("value") ?? "-1");
    }
}
