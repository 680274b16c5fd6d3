using System.Text.RegularExpressions;
using ExchangePortal.Core.Applications;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using UglyToad.PdfPig;

namespace ExchangePortal.BrowserTests;

public class StayEndJourneyTests(MailBrowserFixture fixture) : IClassFixture<MailBrowserFixture>
{
    private const string SupervisorEmail = "wong.supervisor@university.test";

    [Fact]
    public async Task From_arrival_to_a_verified_certificate_with_the_supervisors_evaluation_in_Chinese()
    {
        int id;
        string fullName;
        await using (var db = fixture.NewDbContext())
        {
            id = await db.Applications.Where(a => a.Doctor.Email == "doctor16@demo.local" && a.Status == ApplicationStatus.Confirmed).Select(a => a.Id).SingleAsync();
            await db.Doctors.Where(d => d.Email == "doctor16@demo.local").ExecuteUpdateAsync(s => s.SetProperty(d => d.ChineseName, "王慧敏"));
            fullName = await db.Doctors.Where(d => d.Email == "doctor16@demo.local").Select(d => d.FullName).SingleAsync();
        }
        await using var coordinator = new Journey(fixture, "stay-end-coordinator");
        await using var supervisor = new Journey(fixture, "stay-end-supervisor");
        await using var doctor = new Journey(fixture, "stay-end-doctor");
        await using var visitor = new Journey(fixture, "stay-end-visitor");
        foreach (var journey in new[] { coordinator, supervisor, doctor, visitor })
            await journey.StartAsync();

        // The coordinator names the supervisor with their email and records the arrival.
        await coordinator.SignInAsync("coordinator@demo.local");
        await coordinator.GoToAsync($"/Coordinator/Applications/{id}");
        await coordinator.Page.GetByRole(AriaRole.Link, new() { Name = "Change the supervisor" }).ClickAsync();
        await coordinator.Page.GetByLabel("Supervisor", new() { Exact = true }).FillAsync("Prof. Wong Ka-ming");
        await coordinator.Page.GetByLabel("Supervisor's email").FillAsync(SupervisorEmail);
        await coordinator.Page.GetByRole(AriaRole.Button, new() { Name = "Save the supervisor" }).ClickAsync();
        await Assertions.Expect(coordinator.Page.GetByRole(AriaRole.Status)).ToHaveTextAsync("Supervisor saved.");
        await coordinator.Page.GetByRole(AriaRole.Button, new() { Name = "Mark arrived" }).ClickAsync();
        await Assertions.Expect(coordinator.Page.GetByRole(AriaRole.Status)).ToHaveTextAsync("Arrival recorded.");
        await coordinator.CheckpointAsync("arrived");

        // The supervisor opens the link of the email the SMTP server received, switches to Chinese and evaluates.
        var email = await fixture.Mail.WaitForAsync(m => m.To.ToString().Contains(SupervisorEmail), TimeSpan.FromSeconds(30));
        var link = Regex.Match(email.TextBody ?? "", @"https://portal\.test(/Evaluation/[A-Za-z0-9_-]+)").Groups[1].Value;
        Assert.NotEmpty(link);
        await supervisor.GoToAsync(link);
        await supervisor.Navbar.GetByRole(AriaRole.Button, new() { Name = "中文" }).ClickAsync();
        await Assertions.Expect(supervisor.Page.Locator("h1")).ToHaveTextAsync("交流评价");
        foreach (var score in new[] { "Attendance", "ClinicalKnowledge", "ResearchSkills", "Communication", "Teamwork" })
            await supervisor.Page.Locator($"#Evaluation_{score}").SelectOptionAsync("5");
        await supervisor.Page.Locator("#Evaluation_Comments").FillAsync("王医生学习认真，独立完成了影像研究。");
        await supervisor.Page.Locator("#Evaluation_RecommendForFuture").CheckAsync();
        await supervisor.CheckpointAsync("evaluation-in-chinese");
        await supervisor.Page.GetByRole(AriaRole.Button, new() { Name = "提交评价" }).ClickAsync();
        await Assertions.Expect(supervisor.Page.Locator("h1")).ToHaveTextAsync("谢谢");
        await supervisor.CheckpointAsync("thanks");

        // The doctor files the report form.
        await doctor.SignInAsync("doctor16@demo.local");
        await doctor.GoToAsync($"/Applicant/Applications/{id}");
        await doctor.Page.GetByRole(AriaRole.Link, new() { Name = "File my end-of-stay report" }).ClickAsync();
        await doctor.Page.GetByLabel("What did you learn during the stay?").FillAsync("Image-guided interventions and the lab's trial workflow.");
        await doctor.Page.GetByLabel("Outputs").FillAsync("A protocol for CT-guided biopsy");
        await doctor.Page.GetByLabel("What will you bring back to your hospital?").FillAsync("The biopsy protocol and a joint study.");
        await doctor.Page.GetByLabel("Your rating of the host lab").SelectOptionAsync("5");
        await doctor.CheckpointAsync("report-form");
        await doctor.Page.GetByRole(AriaRole.Button, new() { Name = "File my report" }).ClickAsync();
        await Assertions.Expect(doctor.Page.GetByRole(AriaRole.Status)).ToContainTextAsync("end-of-stay report has been saved");

        // The coordinator sees the evaluation and the report, and completes the stay.
        await coordinator.GoToAsync($"/Coordinator/Applications/{id}");
        await Assertions.Expect(coordinator.Page.Locator("#evaluation")).ToContainTextAsync("王医生学习认真");
        await Assertions.Expect(coordinator.Page.Locator("#evaluation")).ToContainTextAsync("in Chinese");
        await Assertions.Expect(coordinator.Page.Locator("#stay-report")).ToContainTextAsync("biopsy protocol");
        await coordinator.Page.GetByRole(AriaRole.Button, new() { Name = "Mark completed" }).ClickAsync();
        await Assertions.Expect(coordinator.Page.GetByRole(AriaRole.Status)).ToHaveTextAsync("Stay marked completed.");
        await coordinator.CheckpointAsync("completed");

        // The doctor downloads the certificate; its text has both names and the verification code.
        await doctor.Page.ReloadAsync();
        var download = await doctor.Page.RunAndWaitForDownloadAsync(() =>
            doctor.Page.GetByRole(AriaRole.Link, new() { Name = "Download my certificate of completion" }).ClickAsync());
        var code = Regex.Match(await doctor.Page.Locator("#certificate").InnerTextAsync(), @"[0-9A-Z]{4}(-[0-9A-Z]{4}){3}").Value;
        Assert.NotEmpty(code);
        await doctor.CheckpointAsync("certificate");
        using (var pdf = PdfDocument.Open(await File.ReadAllBytesAsync(await download.PathAsync())))
        {
            var text = string.Concat(pdf.GetPages().Select(p => p.Text));
            Assert.Contains(fullName, text);
            Assert.Contains("王慧敏", text);
            Assert.Contains(code, text);
        }

        // Anyone holding the code checks it, typed as people type it into /Verify; the supervisor's link is used up.
        await visitor.GoToAsync("/Verify");
        await visitor.CheckpointAsync("verify-form");
        await visitor.Page.GetByLabel("Verification code").FillAsync(code.Replace("-", " ").ToLowerInvariant());
        await visitor.Page.GetByRole(AriaRole.Button, new() { Name = "Check the code" }).ClickAsync();
        await Assertions.Expect(visitor.Page).ToHaveURLAsync(new Regex($"/Verify/{code}$"));
        await Assertions.Expect(visitor.Page.Locator("#verified")).ToContainTextAsync("genuine");
        await Assertions.Expect(visitor.Page.Locator("dl")).ToContainTextAsync(fullName);
        await visitor.CheckpointAsync("verified");
        var again = await supervisor.Page.GotoAsync(link);
        Assert.Equal(404, again!.Status);
        await Assertions.Expect(supervisor.Page.Locator("h1")).ToContainTextAsync("找不到");
        // The browser reports the 404 itself as a console error: expected here, and the only one.
        Assert.All(supervisor.ConsoleErrors, e => Assert.Contains("404", e));
        supervisor.ConsoleErrors.Clear();
        await supervisor.CheckpointAsync("link-used");
    }
}
