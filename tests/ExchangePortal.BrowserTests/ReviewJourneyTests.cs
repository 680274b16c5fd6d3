using ExchangePortal.Core.Documents;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace ExchangePortal.BrowserTests;

public class ReviewJourneyTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task A_coordinator_reviews_an_application_from_queue_to_completed_stay()
    {
        await using var coordinator = new Journey(fixture, "review");
        await using var applicant = new Journey(fixture, "review-applicant");
        await coordinator.StartAsync();
        await applicant.StartAsync();
        var page = coordinator.Page;

        await coordinator.SignInAsync("coordinator@demo.local");
        await page.GetByLabel("Name").FillAsync("chen");
        await page.GetByRole(AriaRole.Button, new() { Name = "Show" }).ClickAsync();
        await Assertions.Expect(page.Locator("tbody tr")).ToHaveCountAsync(1);
        await coordinator.CheckpointAsync("queue-filtered");

        await page.GetByRole(AriaRole.Link, new() { Name = "Chen Jing" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Start review" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("Review started.");
        await coordinator.CheckpointAsync("review-started");

        await page.GetByRole(AriaRole.Button, new() { Name = "Request changes" }).ClickAsync();
        await Assertions.Expect(page.GetByText("Please write a comment for the applicant.")).ToBeVisibleAsync();
        await page.GetByLabel("What should the applicant change?").FillAsync("Please add a week-by-week plan.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Request changes" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Changes requested");
        await coordinator.CheckpointAsync("changes-requested");
        var reviewUrl = page.Url;
        var applicationId = reviewUrl[(reviewUrl.LastIndexOf('/') + 1)..];

        await applicant.SignInAsync("doctor05@demo.local");
        await applicant.Page.GetByRole(AriaRole.Link, new() { Name = "2027" }).First.ClickAsync();
        await Assertions.Expect(applicant.Page.Locator("blockquote")).ToHaveTextAsync("Please add a week-by-week plan.");
        await applicant.Page.GetByLabel("Your research or learning plan").FillAsync("Week 1: cardiac MRI. Week 2: CT. Weeks 3-12: AI reading study.");
        await applicant.Page.GetByRole(AriaRole.Button, new() { Name = "Resubmit" }).ClickAsync();
        await Assertions.Expect(applicant.Page.GetByRole(AriaRole.Status)).ToContainTextAsync("Resubmitted");
        await applicant.CheckpointAsync("resubmitted");

        await page.GotoAsync(reviewUrl);
        await page.GetByLabel("Offer a seat in").SelectOptionAsync(new SelectOptionValue { Index = 0 });
        await page.GetByLabel("Supervisor", new() { Exact = true }).FillAsync("Prof. Mary Chan");
        await page.GetByRole(AriaRole.Button, new() { Name = "Approve and offer the seat" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Offer made");
        await coordinator.CheckpointAsync("offered");

        await applicant.Page.ReloadAsync();
        await applicant.Page.GetByRole(AriaRole.Button, new() { Name = "Accept the offer" }).ClickAsync();
        await Assertions.Expect(applicant.Page.GetByRole(AriaRole.Status)).ToHaveTextAsync("You accepted the offer.");
        await applicant.CheckpointAsync("accepted");

        await page.GotoAsync(reviewUrl);
        await page.GetByRole(AriaRole.Button, new() { Name = "Mark arrived" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("Arrival recorded.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Mark completed" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("end-of-stay report must be filed");
        await coordinator.CheckpointAsync("report-missing");

        // The PDF attachment alone is not the report: the doctor files the report form.
        await AttachReportFileAsync(int.Parse(applicationId));
        await page.GetByRole(AriaRole.Button, new() { Name = "Mark completed" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("end-of-stay report must be filed");
        await applicant.Page.ReloadAsync();
        await applicant.Page.GetByRole(AriaRole.Link, new() { Name = "File my end-of-stay report" }).ClickAsync();
        await applicant.Page.GetByLabel("What did you learn during the stay?").FillAsync("Cardiac MRI reading.");
        await applicant.Page.GetByLabel("What will you bring back to your hospital?").FillAsync("A reading protocol.");
        await applicant.Page.GetByLabel("Your rating of the host lab").SelectOptionAsync("4");
        await applicant.Page.GetByRole(AriaRole.Button, new() { Name = "File my report" }).ClickAsync();
        await Assertions.Expect(applicant.Page.GetByRole(AriaRole.Status)).ToContainTextAsync("end-of-stay report has been saved");
        await applicant.CheckpointAsync("report-filed");

        await page.GotoAsync(reviewUrl);
        await page.GetByRole(AriaRole.Button, new() { Name = "Mark completed" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("Stay marked completed.");
        await Assertions.Expect(page.Locator(".lead .badge")).ToHaveTextAsync("Completed");
        await coordinator.CheckpointAsync("completed");
    }

    // The optional PDF attachment, as the documents page would store it (the applicant journey covers uploads).
    private async Task AttachReportFileAsync(int applicationId)
    {
        await using var db = fixture.NewDbContext();
        var application = await db.Applications.Include(a => a.Doctor).SingleAsync(a => a.Id == applicationId);
        var report = new StoredDocument(DocumentKind.EndOfStayReport, "report.pdf", "application/pdf", "%PDF-1.4 report"u8.ToArray(),
            application.Doctor.UserId, DateTimeOffset.UtcNow);
        report.AttachTo(application);
        db.Documents.Add(report);
        await db.SaveChangesAsync();
    }
}
