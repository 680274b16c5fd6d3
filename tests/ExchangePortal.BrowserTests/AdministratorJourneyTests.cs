using System.Text.RegularExpressions;
using CsvHelper;
using ExchangePortal.Core.Applications;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace ExchangePortal.BrowserTests;

public class AdministratorJourneyTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    private const string MilestoneTitle = "Doctors placed under the agreement (journey)";

    [Fact]
    public async Task An_administrator_reads_the_dashboard_sets_a_milestone_target_exports_the_roster_reads_the_reports_and_finds_the_change_in_the_audit_trail()
    {
        await using var journey = new Journey(fixture, "administrator");
        await journey.StartAsync();
        var page = journey.Page;
        await journey.SignInAsync("admin@demo.local");

        // The dashboard: charts drawn as SVG, each readable as a table.
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Programme dashboard");
        Assert.True(await page.Locator("svg[role=img]").CountAsync() >= 3);
        Assert.True(await page.Locator("details table").CountAsync() >= 3);
        await journey.CheckpointAsync("dashboard");

        // The agreement, and a milestone whose target counts the doctors placed.
        await journey.NavigateAsync("Administration", "Agreements");
        await page.Locator("tbody a").First.ClickAsync();
        var agreementId = int.Parse(page.Url.Split('/').Last());
        await page.GetByLabel("Milestone title").FillAsync(MilestoneTitle);
        await page.GetByLabel("Due on").FillAsync(DateTime.UtcNow.AddMonths(6).ToString("yyyy-MM-dd"));
        await page.Locator("#m-target-measure").SelectOptionAsync(new SelectOptionValue { Label = "Doctors placed" });
        await page.Locator("#m-target-value").FillAsync("10");
        await page.GetByRole(AriaRole.Button, new() { Name = "Add the milestone" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("Milestone added.");

        var row = page.Locator("#milestones tbody tr", new() { HasText = MilestoneTitle });
        await Assertions.Expect(row.Locator("progress")).ToBeVisibleAsync();
        var shown = Regex.Match(await row.Locator(".target-figures").InnerTextAsync(), @"(\d+) / 10");
        Assert.True(shown.Success);
        Assert.Equal(await PlacedDoctorsAsync(agreementId), int.Parse(shown.Groups[1].Value));
        await row.ScrollIntoViewIfNeededAsync();
        await journey.CheckpointAsync("milestone-target");

        // The roster of a cohort as CSV: downloaded and parsed.
        await journey.NavigateAsync("Administration", "Exports");
        await journey.CheckpointAsync("exports");
        var download = await page.RunAndWaitForDownloadAsync(() =>
            page.Locator("#roster-export").GetByRole(AriaRole.Button, new() { Name = "Download CSV" }).ClickAsync());
        var file = await download.PathAsync();
        using (var reader = CsvReader.Create(await File.ReadAllBytesAsync(file), null))
        {
            Assert.Contains("Doctor", reader.Headers.ToList());
            Assert.Contains("Lab", reader.Headers.ToList());
            var doctors = new List<string>();
            while (reader.Read())
                doctors.Add(reader.GetString("Doctor"));
            Assert.NotEmpty(doctors);
        }

        // Reports across years: each breakdown a chart and a table; a year range; the same page in Chinese on a phone.
        await journey.NavigateAsync("Administration", "Reports");
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Reports across years");
        // Three charts per breakdown: placed and completed, average evaluation scores, reports and outputs.
        Assert.Equal(15, await page.Locator("section svg[role=img]").CountAsync());
        await Assertions.Expect(page.Locator("#report-year table.report-placed tbody tr")).Not.ToHaveCountAsync(0);
        await Assertions.Expect(page.Locator("#report-year table.report-scores tbody tr", new() { HasNotText = "—" })).Not.ToHaveCountAsync(0);
        await Assertions.Expect(page.Locator("#report-year table.report-outputs tbody tr")).Not.ToHaveCountAsync(0);
        await journey.CheckpointAsync("reports");
        await page.GetByLabel("From year").FillAsync("2030");
        await page.GetByLabel("To year").FillAsync("2020");
        await page.GetByRole(AriaRole.Button, new() { Name = "Show the report" }).ClickAsync();
        await Assertions.Expect(page.Locator("#input-problems")).ToContainTextAsync("The first year cannot come after the last year.");
        // The refused filter's page comes with a 400, which Chromium logs as a console error: that one was expected.
        Assert.Single(journey.ConsoleErrors, e => e.Contains("400"));
        journey.ConsoleErrors.Clear();
        await journey.CheckpointAsync("reports-refused", fullPage: false);
        await page.SetViewportSizeAsync(375, 800);
        await journey.GoToAsync("/Admin/Reports");
        await journey.UnfoldNavbarAsync("Toggle navigation");
        await journey.Navbar.GetByRole(AriaRole.Button, new() { Name = "中文" }).ClickAsync();
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("跨年度报告");
        // Wide tables scroll inside their own box: the page itself never scrolls sideways.
        Assert.True(await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth"));
        Assert.True(await page.Locator("#report-lab .table-responsive").First.EvaluateAsync<bool>("box => box.scrollWidth > box.clientWidth"));
        await page.Locator("#report-hospital").ScrollIntoViewIfNeededAsync();
        await journey.CheckpointAsync("reports-zh-phone", fullPage: false);
        await journey.UnfoldNavbarAsync("展开或收起导航");
        await journey.Navbar.GetByRole(AriaRole.Button, new() { Name = "English" }).ClickAsync();
        await Assertions.Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "en");
        await page.SetViewportSizeAsync(1280, 800);

        // The audit trail names the new milestone, who added it and its target.
        await journey.NavigateAsync("Administration", "Audit trail");
        await page.GetByLabel("Record type").SelectOptionAsync("AgreementMilestone");
        await page.GetByRole(AriaRole.Button, new() { Name = "Show" }).ClickAsync();
        var entry = page.Locator("tbody tr", new() { HasText = "milestone.created" }).First;
        await Assertions.Expect(entry).ToContainTextAsync(MilestoneTitle);
        await Assertions.Expect(entry).ToContainTextAsync("admin@demo.local");
        await journey.CheckpointAsync("audit");
    }

    /// <summary>Doctors placed (confirmed, arrived or completed) in the agreement's cohorts, counted directly in the database.</summary>
    private async Task<int> PlacedDoctorsAsync(int agreementId)
    {
        await using var db = fixture.NewDbContext();
        var placed = new[] { ApplicationStatus.Confirmed, ApplicationStatus.InProgress, ApplicationStatus.Completed };
        return await db.Placements
            .Where(p => p.ReleasedAt == null && p.CohortLab.Cohort.AgreementId == agreementId && placed.Contains(p.Application.Status))
            .Select(p => p.ApplicationId).Distinct().CountAsync();
    }
}
