using System.Net;
using ExchangePortal.Core.Applications;
using ExchangePortal.Core.Documents;
using ExchangePortal.Core.Stays;
using Microsoft.EntityFrameworkCore;
using UglyToad.PdfPig;
using static ExchangePortal.IntegrationTests.StayEnd.StayEndData;

namespace ExchangePortal.IntegrationTests.StayEnd;

[Collection(PostgresCollection.Name)]
public class StayCompletionTests(PortalFactory portal) : IClassFixture<PortalFactory>
{
    private static readonly Dictionary<string, string> Answers = new()
    {
        ["Report.Learned"] = "Cardiac MRI reading and the lab's AI triage workflow.",
        ["Report.Outputs"] = "A joint abstract for the spring congress\nA reading protocol",
        ["Report.BringBack"] = "The triage protocol for our imaging department.",
        ["Report.LabRating"] = "5",
        ["Report.Language"] = "English",
    };

    [Fact]
    public async Task Completing_needs_the_report_form_not_only_the_file_and_issues_a_certificate_with_both_names_and_a_code()
    {
        await using var db = portal.NewDbContext();
        var id = await ApplicationOfAsync(db, "doctor14@demo.local", ApplicationStatus.InProgress);
        await db.Doctors.Where(d => d.Email == "doctor14@demo.local").ExecuteUpdateAsync(s => s.SetProperty(d => d.ChineseName, "陈思远"));
        var doctorName = await db.Doctors.Where(d => d.Email == "doctor14@demo.local").Select(d => d.FullName).SingleAsync();
        await AttachReportFileAsync(id);
        var coordinator = await portal.SignInAsync("coordinator@demo.local");

        // The PDF alone no longer completes a stay.
        var review = await coordinator.GetPageAsync($"/Coordinator/Applications/{id}");
        var refused = await coordinator.SubmitAsync(review, "#complete-form", new Dictionary<string, string>());
        Assert.Contains("The end-of-stay report must be filed before the stay can be completed.", (await HtmlForms.ParseAsync(refused)).Text());
        Assert.Equal(ApplicationStatus.InProgress, await db.Applications.Where(a => a.Id == id).Select(a => a.Status).SingleAsync());

        var doctor = await portal.SignInAsync("doctor14@demo.local");
        var form = await doctor.GetPageAsync($"/Applicant/Applications/{id}/Report");
        var missing = await doctor.SubmitAsync(form, "#report-form", new Dictionary<string, string> { ["Report.Learned"] = "" });
        Assert.Contains("Say what you learned.", (await HtmlForms.ParseAsync(missing)).Text());
        Assert.Equal(0, await db.StayReports.CountAsync(r => r.ApplicationId == id));
        Assert.Equal(HttpStatusCode.Redirect, (await doctor.SubmitAsync(form, "#report-form", Answers)).StatusCode);
        var report = await db.StayReports.SingleAsync(r => r.ApplicationId == id);
        Assert.Equal((5, AnswerLanguage.English), (report.LabRating, report.Language));
        Assert.Contains("reading protocol", report.Outputs);
        // The form seen before the first save is out of date now.
        var stale = await doctor.SubmitAsync(form, "#report-form", Answers);
        Assert.Contains("changed while you were looking at it", (await HtmlForms.ParseAsync(stale)).Text());

        review = await coordinator.GetPageAsync($"/Coordinator/Applications/{id}");
        Assert.Contains("The triage protocol for our imaging department.", review.Document.QuerySelector("#stay-report")!.TextContent);
        Assert.Equal(HttpStatusCode.Redirect, (await coordinator.SubmitAsync(review, "#complete-form", new Dictionary<string, string>())).StatusCode);

        var certificate = await db.Certificates.SingleAsync(c => c.ApplicationId == id);
        Assert.Matches("^[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){3}$", certificate.Code);
        var pdf = await doctor.GetAsync($"/Applicant/Applications/{id}/Certificate");
        Assert.Equal(HttpStatusCode.OK, pdf.StatusCode);
        Assert.Equal("application/pdf", pdf.Content.Headers.ContentType!.MediaType);
        using (var document = PdfDocument.Open(await pdf.Content.ReadAsByteArrayAsync()))
        {
            var text = string.Concat(document.GetPages().Select(p => p.Text));
            Assert.Contains(doctorName, text);
            Assert.Contains("陈思远", text);
            Assert.Contains("结业证书", text);
            Assert.Contains(certificate.Code, text);
            Assert.Contains(document.GetPage(1).Letters, l => l.FontName?.Contains("WenQuanYi", StringComparison.OrdinalIgnoreCase) == true);
        }

        // After completion the report is read-only.
        var closed = await doctor.SubmitAsync(await doctor.GetPageAsync($"/Applicant/Applications/{id}/Report"), "#report-form", Answers);
        Assert.Contains("You can file the end-of-stay report only during your stay.", (await HtmlForms.ParseAsync(closed)).Text());
    }

    [Fact]
    public async Task The_certificate_is_downloadable_by_the_doctor_and_their_hospital_coordinator_only_and_verifiable_by_anyone()
    {
        var (id, code) = await CompletedWithCertificateAsync("doctor15@demo.local");
        var path = $"/Applicant/Applications/{id}/Certificate";
        var hospitalPath = $"/Hospital/Applications/{id}/Certificate";

        Assert.Equal(HttpStatusCode.OK, (await (await portal.SignInAsync("doctor15@demo.local")).GetAsync(path)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await (await portal.SignInAsync("doctor14@demo.local")).GetAsync(path)).StatusCode);
        var hospital = await portal.SignInAsync("hospital@demo.local");
        Assert.Contains($"Verification code: {code}", (await hospital.GetPageAsync($"/Hospital/Applications/{id}")).Document.Text());
        Assert.Equal(HttpStatusCode.OK, (await hospital.GetAsync(hospitalPath)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await (await portal.SignInAsync("hospital2@demo.local")).GetAsync(hospitalPath)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await (await portal.SignInAsync("coordinator@demo.local")).GetAsync(path)).StatusCode);
        await using var db = portal.NewDbContext();
        Assert.Equal(2, await db.AuditEntries.CountAsync(e => e.Action == "certificate.downloaded" && e.RecordId == id.ToString()));

        var anonymous = portal.CreateClientWithoutRedirects();
        var verified = await anonymous.GetPageAsync($"/Verify/{code}");
        Assert.Equal(HttpStatusCode.OK, verified.Response.StatusCode);
        Assert.Contains("This certificate is genuine", verified.Document.Text());
        Assert.Contains(await db.Doctors.Where(d => d.Email == "doctor15@demo.local").Select(d => d.FullName).SingleAsync(), verified.Document.Text());
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync($"/Verify/{code.Replace("-", "").ToLowerInvariant()}")).StatusCode);
        var unknown = await anonymous.GetPageAsync("/Verify/0000-0000-0000-0000");
        Assert.Equal(HttpStatusCode.NotFound, unknown.Response.StatusCode);
        Assert.Contains("No certificate has this verification code.", unknown.Document.Text());
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync("/Verify/not-a-code")).StatusCode);
    }

    [Fact]
    public async Task Another_doctors_report_form_is_not_found_and_a_post_to_it_changes_nothing()
    {
        await using var db = portal.NewDbContext();
        var id = await ApplicationOfAsync(db, "doctor21@demo.local", ApplicationStatus.InProgress);
        var other = await portal.SignInAsync("doctor14@demo.local");
        var own = await db.Applications.Where(a => a.Doctor.Email == "doctor14@demo.local").Select(a => a.Id).FirstAsync();
        var page = await other.GetPageAsync($"/Applicant/Applications/{own}/Report");

        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync($"/Applicant/Applications/{id}/Report")).StatusCode);
        page.Document.QuerySelector("#report-form")!.SetAttribute("action", $"/Applicant/Applications/{id}/Report");
        var posted = await other.SubmitAsync(page, "#report-form", Answers);

        Assert.Equal(HttpStatusCode.NotFound, posted.StatusCode);
        Assert.Equal(0, await db.StayReports.CountAsync(r => r.ApplicationId == id));
    }

    private async Task<(int Id, string Code)> CompletedWithCertificateAsync(string doctorEmail)
    {
        await using var db = portal.NewDbContext();
        var id = await ApplicationOfAsync(db, doctorEmail, ApplicationStatus.InProgress);
        var doctor = await portal.SignInAsync(doctorEmail);
        await doctor.SubmitAsync(await doctor.GetPageAsync($"/Applicant/Applications/{id}/Report"), "#report-form", Answers);
        var coordinator = await portal.SignInAsync("coordinator@demo.local");
        await coordinator.SubmitAsync(await coordinator.GetPageAsync($"/Coordinator/Applications/{id}"), "#complete-form", new Dictionary<string, string>());
        return (id, await db.Certificates.Where(c => c.ApplicationId == id).Select(c => c.Code).SingleAsync());
    }

    private async Task AttachReportFileAsync(int id)
    {
        await using var db = portal.NewDbContext();
        var application = await db.Applications.Include(a => a.Doctor).SingleAsync(a => a.Id == id);
        var file = new StoredDocument(DocumentKind.EndOfStayReport, "report.pdf", "application/pdf", "%PDF-1.4 report"u8.ToArray(),
            application.Doctor.UserId, DateTimeOffset.UtcNow);
        file.AttachTo(application);
        db.Documents.Add(file);
        await db.SaveChangesAsync();
    }
}
