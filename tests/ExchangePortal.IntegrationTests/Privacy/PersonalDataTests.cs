using System.Diagnostics;
using System.IO.Compression;
using System.Net;
using System.Text.Json;
using ExchangePortal.Core.Applications;
using ExchangePortal.Core.Doctors;
using ExchangePortal.Core.Documents;
using ExchangePortal.Core.Privacy;
using Microsoft.EntityFrameworkCore;

namespace ExchangePortal.IntegrationTests.Privacy;

[Collection(PostgresCollection.Name)]
public class PersonalDataTests(PortalFactory portal) : IClassFixture<PortalFactory>
{
    [Fact]
    public async Task The_zip_holds_the_json_and_every_document_byte_identical_for_3_applications_and_20_documents_within_10_seconds()
    {
        var email = "doctor05@demo.local";
        await GiveThreeApplicationsAndTwentyDocumentsAsync(email);
        var client = await portal.SignInAsync(email);

        var clock = Stopwatch.StartNew();
        var response = await client.GetAsync("/Account/Privacy?handler=Download");
        var bytes = await response.Content.ReadAsByteArrayAsync();
        clock.Stop();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/zip", response.Content.Headers.ContentType!.MediaType);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), $"The download took {clock.Elapsed}.");
        using var zip = new ZipArchive(new MemoryStream(bytes));
        using var json = JsonDocument.Parse(zip.GetEntry(PersonalDataExport.DataFile)!.Open());
        var root = json.RootElement;

        await using var db = portal.NewDbContext();
        var doctor = await db.Doctors.Include(d => d.Hospital).SingleAsync(d => d.Email == email);
        var profile = root.GetProperty("profile");
        foreach (var field in typeof(VisitingDoctor).GetProperties().Where(p => p.PropertyType == typeof(string) || p.PropertyType == typeof(int)))
            Assert.True(profile.TryGetProperty(JsonNamingPolicy.CamelCase.ConvertName(field.Name), out var value)
                && (value.ValueKind == JsonValueKind.Null ? null : value.ToString()) == field.GetValue(doctor)?.ToString(), $"profile.{field.Name}");
        Assert.Equal(doctor.Hospital.Name, profile.GetProperty("hospital").GetString());
        Assert.Equal(email, root.GetProperty("account").GetProperty("email").GetString());
        Assert.True(root.GetProperty("consents").GetArrayLength() >= 1);
        Assert.True(root.TryGetProperty("notifications", out _) && root.TryGetProperty("accessLog", out _));

        var applications = root.GetProperty("applications").EnumerateArray().ToList();
        Assert.Equal(await db.Applications.CountAsync(a => a.DoctorId == doctor.Id), applications.Count);
        Assert.True(applications.Count >= 3);
        Assert.All(applications, a => Assert.True(a.GetProperty("history").GetArrayLength() >= 1));
        var documents = await db.Documents.Where(d => d.Application!.DoctorId == doctor.Id)
            .Select(d => new { d.Id, d.FileName, d.Content.Bytes }).ToListAsync();
        Assert.True(documents.Count >= 20);
        foreach (var document in documents)
        {
            using var entry = zip.GetEntry(PersonalDataExport.FilePath(document.Id, document.FileName))!.Open();
            using var copy = new MemoryStream();
            await entry.CopyToAsync(copy);
            Assert.Equal(document.Bytes, copy.ToArray());
        }
        Assert.Equal(documents.Count, applications.Sum(a => a.GetProperty("documents").GetArrayLength()));
        Assert.True(await db.AuditEntries.AnyAsync(e => e.Action == "personalData.downloaded" && e.RecordId == doctor.UserId));
    }

    [Fact]
    public async Task Who_has_seen_my_data_shows_the_coordinators_view_of_the_licence_by_role_and_institution_without_names()
    {
        var (applicationId, licence, userId) = await SubmittedDocumentAsync(DocumentKind.PractisingLicence);
        var email = await EmailOfAsync(userId);
        var coordinator = await portal.SignInAsync("coordinator@demo.local");
        Assert.Equal(HttpStatusCode.OK, (await coordinator.GetAsync($"/Coordinator/Applications/{applicationId}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await coordinator.GetAsync($"/Coordinator/Applications/{applicationId}?handler=Document&documentId={licence}")).StatusCode);

        var doctor = await portal.SignInAsync(email);
        var page = await doctor.GetPageAsync("/Account/Privacy");
        var rows = page.Document.QuerySelectorAll("#access-log tbody tr").Select(r => r.TextContent).ToList();
        Assert.Contains(rows, r => r.Contains("Viewed your document: Practising licence") && r.Contains("University coordinator")
            && r.Contains("Victoria Harbour University"));
        Assert.Contains(rows, r => r.Contains("Opened your application"));
        Assert.DoesNotContain("coordinator@demo.local", page.Document.Text());
        Assert.DoesNotContain("Carmen Lau", page.Document.Text());

        // The view keeps the application and the person, so replacing the document loses nothing.
        await using var db = portal.NewDbContext();
        var view = await db.AuditEntries.Where(e => e.Action == "document.viewed" && e.RecordId == licence.ToString()).SingleAsync();
        Assert.Equal(applicationId.ToString(), view.Changes["Application"].After);
        Assert.Equal(userId, view.Changes["Person"].After);
        Assert.Equal([userId], view.SubjectIds);
        var opened = await db.AuditEntries.Where(e => e.Action == "application.viewed" && e.RecordId == applicationId.ToString()).FirstAsync();
        Assert.Contains(licence.ToString(), opened.Changes["Documents"].After);
    }

    [Fact]
    public async Task Exports_are_audited_with_the_ids_of_their_rows_and_the_people_in_them()
    {
        var admin = await portal.SignInAsync("admin@demo.local");
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync("/Admin/Exports?handler=Applications")).StatusCode);
        var cohortId = await RosterCohortAsync();
        var coordinator = await portal.SignInAsync("coordinator@demo.local");
        Assert.Equal(HttpStatusCode.OK, (await coordinator.GetAsync($"/Coordinator/Roster/{cohortId}?handler=Excel")).StatusCode);

        await using var db = portal.NewDbContext();
        var export = await db.AuditEntries.Where(e => e.Action == "export.applications").OrderByDescending(e => e.Id).FirstAsync();
        var ids = await db.Applications.OrderBy(a => a.CohortId).ThenBy(a => a.Id).Select(a => a.Id.ToString()).ToListAsync();
        Assert.Equal(ids, export.Changes["Rows"].After!.Split(','));
        Assert.Equal((await db.Applications.Select(a => a.Doctor.UserId).Distinct().ToListAsync()).Order(), export.SubjectIds.Order());
        Assert.DoesNotContain(export.Changes.Values, c => c.After!.Contains("@demo.local"));
        var roster = await db.AuditEntries.Where(e => e.Action == $"export.roster:{cohortId}").SingleAsync();
        Assert.NotEmpty(roster.SubjectIds);

        var someone = roster.SubjectIds[0];
        var person = await portal.SignInAsync(await EmailOfAsync(someone));
        var page = await person.GetPageAsync("/Account/Privacy");
        Assert.Contains(page.Document.QuerySelectorAll("#access-log tbody tr"), r => r.TextContent.Contains("Exported a list that contained you")
            && r.TextContent.Contains("Administrator"));
    }

    [Fact]
    public async Task The_privacy_page_reads_a_constant_number_of_statements_however_many_views_there_are()
    {
        var (applicationId, cv, userId) = await SubmittedDocumentAsync(DocumentKind.Cv);
        var person = await portal.SignInAsync(await EmailOfAsync(userId));
        var before = await CountStatementsAsync(person);
        var coordinator = await portal.SignInAsync("coordinator@demo.local");
        for (var i = 0; i < 5; i++)
            await coordinator.GetAsync($"/Coordinator/Applications/{applicationId}?handler=Document&documentId={cv}");
        var after = await CountStatementsAsync(person);
        Assert.InRange(before, 1, 6);
        Assert.Equal(before, after);
    }

    private async Task<int> CountStatementsAsync(HttpClient client)
    {
        await client.GetAsync("/Account/Privacy");
        portal.Sql.Reset();
        var response = await client.GetAsync("/Account/Privacy");
        response.EnsureSuccessStatusCode();
        return portal.Sql.Count - portal.Sql.StampChecks;
    }

    private async Task<(int ApplicationId, Guid Document, string UserId)> SubmittedDocumentAsync(DocumentKind kind)
    {
        await using var db = portal.NewDbContext();
        var found = await db.Documents.Where(d => d.Kind == kind && d.Application!.Status == ApplicationStatus.UnderReview)
            .OrderBy(d => d.ApplicationId)
            .Select(d => new { ApplicationId = d.ApplicationId!.Value, d.Id, d.Application!.Doctor.UserId }).FirstAsync();
        return (found.ApplicationId, found.Id, found.UserId);
    }

    private async Task<string> EmailOfAsync(string userId)
    {
        await using var db = portal.NewDbContext();
        return await db.Users.Where(u => u.Id == userId).Select(u => u.Email!).SingleAsync();
    }

    private async Task<int> RosterCohortAsync()
    {
        await using var db = portal.NewDbContext();
        return await db.Applications.Where(a => a.Status == ApplicationStatus.Confirmed || a.Status == ApplicationStatus.InProgress)
            .Select(a => a.CohortId).FirstAsync();
    }

    private async Task GiveThreeApplicationsAndTwentyDocumentsAsync(string email)
    {
        await using var db = portal.NewDbContext();
        var doctor = await db.Doctors.Include(d => d.User).SingleAsync(d => d.Email == email);
        var cohorts = await db.Cohorts.Where(c => !db.Applications.Any(a => a.CohortId == c.Id && a.DoctorId == doctor.Id)).ToListAsync();
        foreach (var cohort in cohorts)
            db.Applications.Add(new ExchangeApplication(cohort, doctor, doctor.UserId, DateTimeOffset.UtcNow));
        await db.SaveChangesAsync();
        var applications = await db.Applications.Where(a => a.DoctorId == doctor.Id).OrderBy(a => a.Id).Take(3).ToListAsync();
        Assert.Equal(3, applications.Count);
        var random = new Random(14);
        var existing = await db.Documents.CountAsync(d => d.Application!.DoctorId == doctor.Id);
        for (var i = existing; i < 20; i++)
        {
            var bytes = new byte[300_000];
            random.NextBytes(bytes);
            "%PDF-1.7\n"u8.CopyTo(bytes);
            var document = new StoredDocument(Enum.GetValues<DocumentKind>()[i % 8], $"file-{i}.pdf", "application/pdf", bytes, doctor.UserId, DateTimeOffset.UtcNow);
            document.AttachTo(applications[i % 3]);
            db.Documents.Add(document);
        }
        await db.SaveChangesAsync();
    }
}
