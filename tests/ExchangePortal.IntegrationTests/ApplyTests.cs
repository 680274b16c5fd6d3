using System.Net;
using System.Net.Http.Headers;
using ExchangePortal.Core.Applications;
using ExchangePortal.Core.Documents;
using Microsoft.EntityFrameworkCore;

namespace ExchangePortal.IntegrationTests;

[Collection(PostgresCollection.Name)]
public class ApplyTests(PortalFactory portal) : IClassFixture<PortalFactory>
{
    internal static readonly byte[] Pdf = "%PDF-1.4\n%test\n"u8.ToArray();

    [Fact]
    public async Task A_new_applicant_applies_uploads_documents_and_submits()
    {
        var client = await RegisterAsync("applicant.one@hospital.test");
        await FillProfileAsync(client);
        var cohortId = await OpenCohortAsync();

        var apply = await client.GetPageAsync($"/Applicant/Apply/{cohortId}");
        var firstLab = apply.Document.QuerySelectorAll("#Input_Choice1 option").Select(o => o.GetAttribute("value")).First(v => v != "")!;
        var saved = await client.SubmitAsync(apply, "#apply-form", new Dictionary<string, string>
        {
            ["Input.Choice1"] = firstLab,
            ["Input.Plan"] = "Learn cardiac imaging.",
        });
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var detailsPath = saved.Headers.Location!.OriginalString;
        var id = int.Parse(detailsPath.Split('/').Last());

        var early = await client.SubmitAsync(await client.GetPageAsync(detailsPath), "#submit-form", new Dictionary<string, string>());
        var earlyText = (await HtmlForms.ParseAsync(early)).Text();
        Assert.Contains("Upload your CV.", earlyText);
        Assert.Contains("Upload your nomination letter.", earlyText);
        Assert.Equal(ApplicationStatus.Draft, await StatusOfAsync(id));

        await UploadAsync(client, id, DocumentKind.Cv, "cv.pdf", Pdf, null);
        await UploadAsync(client, id, DocumentKind.PractisingLicence, "licence.pdf", Pdf, DateOnly.FromDateTime(DateTime.UtcNow.AddYears(3)));
        await UploadAsync(client, id, DocumentKind.NominationLetter, "letter.pdf", Pdf, null);
        var submitted = await client.SubmitAsync(await client.GetPageAsync(detailsPath), "#submit-form", new Dictionary<string, string>());

        Assert.Equal(HttpStatusCode.Redirect, submitted.StatusCode);
        Assert.Equal(ApplicationStatus.Submitted, await StatusOfAsync(id));
        await using var db = portal.NewDbContext();
        Assert.True(await db.Notifications.AnyAsync(n => n.Kind == "endorsement.Awaiting" && n.ToAddress == "hospital@demo.local"));
        Assert.True(await db.Notifications.AnyAsync(n => n.Kind == "application.Submitted" && n.ToAddress == "applicant.one@hospital.test"));

        // A second application to the same cohort is refused: the page says so and a forged post changes nothing.
        var again = await client.GetPageAsync($"/Applicant/Apply/{cohortId}");
        Assert.Contains("Your application can no longer be edited here.", again.Document.Text());
        var forged = await client.PostAsync($"/Applicant/Apply/{cohortId}", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = apply.Document.QuerySelector("#apply-form input[name=__RequestVerificationToken]")!.GetAttribute("value")!,
            ["Input.Choice1"] = firstLab,
            ["Input.Plan"] = "A second application",
        }));
        var forgedText = (await HtmlForms.ParseAsync(forged)).Text();
        Assert.True(forgedText.Contains("You cannot edit an application that is submitted."), forgedText);
        Assert.Equal(1, await db.Applications.CountAsync(a => a.Doctor.Email == "applicant.one@hospital.test"));
        Assert.Equal("Learn cardiac imaging.", await db.Applications.Where(a => a.Id == id).Select(a => a.Plan).SingleAsync());
    }

    [Fact]
    public async Task A_renamed_executable_is_refused_and_a_second_application_to_the_same_cohort_continues_the_first()
    {
        var client = await RegisterAsync("applicant.two@hospital.test");
        var cohortId = await OpenCohortAsync();
        var apply = await client.GetPageAsync($"/Applicant/Apply/{cohortId}");
        var lab = apply.Document.QuerySelectorAll("#Input_Choice1 option").Select(o => o.GetAttribute("value")).First(v => v != "")!;
        var saved = await client.SubmitAsync(apply, "#apply-form", new Dictionary<string, string> { ["Input.Choice1"] = lab });
        var id = int.Parse(saved.Headers.Location!.OriginalString.Split('/').Last());

        var exe = await UploadAsync(client, id, DocumentKind.Cv, "cv.pdf", "MZ\u0090\0fake executable"u8.ToArray(), null);
        var again = await client.SubmitAsync(await client.GetPageAsync($"/Applicant/Apply/{cohortId}"), "#apply-form",
            new Dictionary<string, string> { ["Input.Choice1"] = lab, ["Input.Plan"] = "Second save" });

        Assert.Contains("Upload a PDF, PNG or JPEG file; this file is none of them.", (await HtmlForms.ParseAsync(exe)).Text());
        await using var db = portal.NewDbContext();
        Assert.Equal(0, await db.Documents.CountAsync(d => d.ApplicationId == id));
        Assert.Equal(saved.Headers.Location, again.Headers.Location);
        Assert.Equal(1, await db.Applications.CountAsync(a => a.Doctor.Email == "applicant.two@hospital.test"));
    }

    [Fact]
    public async Task Dates_outside_the_cohort_and_labs_of_another_cohort_are_refused()
    {
        var client = await RegisterAsync("applicant.three@hospital.test");
        var cohortId = await OpenCohortAsync();
        await using var db = portal.NewDbContext();
        var foreignLab = await db.CohortLabs.Where(l => l.CohortId != cohortId).Select(l => l.Id).FirstAsync();
        var apply = await client.GetPageAsync($"/Applicant/Apply/{cohortId}");

        var foreign = await client.SubmitAsync(apply, "#apply-form", new Dictionary<string, string> { ["Input.Choice1"] = foreignLab.ToString() });
        var lab = apply.Document.QuerySelectorAll("#Input_Choice1 option").Select(o => o.GetAttribute("value")).First(v => v != "")!;
        var early = await client.SubmitAsync(apply, "#apply-form", new Dictionary<string, string>
        {
            ["Input.Choice1"] = lab,
            ["Input.IntendedStartOn"] = "2020-01-01",
        });

        Assert.Contains("Choose labs from the list of this cohort's labs.", (await HtmlForms.ParseAsync(foreign)).Text());
        Assert.Contains("must fall within the exchange dates", (await HtmlForms.ParseAsync(early)).Text());
        Assert.False(await db.Applications.AnyAsync(a => a.Doctor.Email == "applicant.three@hospital.test"));
    }

    [Fact]
    public async Task Another_applicant_cannot_download_or_delete_my_documents()
    {
        await using var db = portal.NewDbContext();
        var document = await db.Documents.Where(d => d.Application!.Doctor.Email == "doctor02@demo.local" || d.Application!.Doctor.Email == "doctor2@demo.local")
            .Select(d => new { d.Id, d.ApplicationId }).FirstAsync();
        var owner = await portal.SignInAsync("doctor2@demo.local");
        var stranger = await portal.SignInAsync("doctor@demo.local");

        var mine = await owner.GetAsync($"/Applicant/Applications/{document.ApplicationId}/Documents?handler=File&documentId={document.Id}");
        var theirs = await stranger.GetAsync($"/Applicant/Applications/{document.ApplicationId}/Documents?handler=File&documentId={document.Id}");

        Assert.Equal(HttpStatusCode.OK, mine.StatusCode);
        Assert.Equal("attachment", mine.Content.Headers.ContentDisposition!.DispositionType);
        Assert.Equal(HttpStatusCode.NotFound, theirs.StatusCode);
        Assert.True(await db.AuditEntries.AnyAsync(e => e.Action == "document.downloaded" && e.RecordId == document.Id.ToString()));
    }

    [Fact]
    public async Task A_closed_window_refuses_new_applications()
    {
        var client = await RegisterAsync("applicant.four@hospital.test");
        await using var db = portal.NewDbContext();
        var past = await db.Cohorts.Where(c => c.Status == Core.Cohorts.CohortStatus.Completed).Select(c => c.Id).SingleAsync();
        var page = await client.GetPageAsync($"/Applicant/Apply/{past}");
        var open = await client.GetPageAsync($"/Applicant/Apply/{await OpenCohortAsync()}");
        var token = open.Document.QuerySelector("#apply-form input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        var lab = await db.CohortLabs.Where(l => l.CohortId == past).Select(l => l.Id).FirstAsync();

        var response = await client.PostAsync($"/Applicant/Apply/{past}", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token,
            ["Input.Choice1"] = lab.ToString(),
        }));

        Assert.Contains("This cohort is not open for applications.", page.Document.Text());
        Assert.Contains("This cohort is not open for applications.", (await HtmlForms.ParseAsync(response)).Text());
        Assert.False(await db.Applications.AnyAsync(a => a.Doctor.Email == "applicant.four@hospital.test"));
    }

    [Fact]
    public async Task An_11_MB_file_is_refused_with_a_message()
    {
        var client = await RegisterAsync("applicant.five@hospital.test");
        var cohortId = await OpenCohortAsync();
        var apply = await client.GetPageAsync($"/Applicant/Apply/{cohortId}");
        var lab = apply.Document.QuerySelectorAll("#Input_Choice1 option").Select(o => o.GetAttribute("value")).First(v => v != "")!;
        var saved = await client.SubmitAsync(apply, "#apply-form", new Dictionary<string, string> { ["Input.Choice1"] = lab });
        var id = int.Parse(saved.Headers.Location!.OriginalString.Split('/').Last());
        var big = new byte[11 * 1024 * 1024];
        Pdf.CopyTo(big, 0);

        var response = await UploadAsync(client, id, DocumentKind.Cv, "big.pdf", big, null);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("The file is larger than 10 MB.", (await HtmlForms.ParseAsync(response)).Text());
        await using var db = portal.NewDbContext();
        Assert.False(await db.Documents.AnyAsync(d => d.ApplicationId == id));
    }

    private async Task<HttpClient> RegisterAsync(string email)
    {
        var client = portal.CreateClientWithoutRedirects();
        var page = await client.GetPageAsync("/Identity/Account/Register");
        var hospital = page.Document.QuerySelectorAll("#Input_HospitalId option").First(o => o.TextContent.StartsWith("Beijing")).GetAttribute("value")!;
        var response = await client.SubmitAsync(page, "#register-form", new Dictionary<string, string>
        {
            ["Input.FullName"] = "Dr. Test Applicant",
            ["Input.Email"] = email,
            ["Input.HospitalId"] = hospital,
            ["Input.Password"] = "a sufficiently long passphrase",
            ["Input.ConfirmPassword"] = "a sufficiently long passphrase",
            ["Input.AcceptPrivacyNotice"] = "true",
        });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        // Submitting waits for a confirmed address (InvitationTests follow the emailed link); these tests are about applying.
        await using var db = portal.NewDbContext();
        await db.Users.Where(u => u.Email == email).ExecuteUpdateAsync(s => s.SetProperty(u => u.EmailConfirmed, true));
        return client;
    }

    internal static async Task FillProfileAsync(HttpClient client)
    {
        var profile = await client.GetPageAsync("/Applicant/Profile");
        var saved = await client.SubmitAsync(profile, "#profile-form", new Dictionary<string, string>
        {
            ["Input.Title"] = "Attending Physician",
            ["Input.Department"] = "Cardiology",
            ["Input.Specialty"] = "Cardiology",
            ["Input.YearsOfPractice"] = "8",
            ["Input.LicenceNumber"] = "110123",
            ["Input.Phone"] = "+86 10 1234 5678",
        });
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
    }

    internal static async Task<HttpResponseMessage> UploadAsync(HttpClient client, int id, DocumentKind kind, string name, byte[] bytes, DateOnly? expires)
    {
        var page = await client.GetPageAsync($"/Applicant/Applications/{id}/Documents");
        var token = page.Document.QuerySelector("#upload-form input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        var action = System.Net.WebUtility.HtmlDecode(page.Document.QuerySelector("#upload-form")!.GetAttribute("action")!);
        using var content = new MultipartFormDataContent
        {
            { new StringContent(token), "__RequestVerificationToken" },
            { new StringContent(kind.ToString()), "Input.Kind" },
            { new StringContent(expires?.ToString("yyyy-MM-dd") ?? ""), "Input.ExpiresOn" },
        };
        var file = new ByteArrayContent(bytes);
        file.Headers.ContentType = new MediaTypeHeaderValue("application/pdf");
        content.Add(file, "Input.File", name);
        return await client.PostAsync(action, content);
    }

    private async Task<int> OpenCohortAsync()
    {
        await using var db = portal.NewDbContext();
        return await db.Cohorts.Where(c => c.Status == Core.Cohorts.CohortStatus.Open).Select(c => c.Id).SingleAsync();
    }

    private async Task<ApplicationStatus> StatusOfAsync(int id)
    {
        await using var db = portal.NewDbContext();
        return await db.Applications.Where(a => a.Id == id).Select(a => a.Status).SingleAsync();
    }
}
