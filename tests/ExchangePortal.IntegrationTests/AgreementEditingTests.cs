using System.Net;
using System.Net.Http.Headers;
using ExchangePortal.Core.Agreements;
using ExchangePortal.Core.Auditing;
using ExchangePortal.Core.Documents;
using Microsoft.EntityFrameworkCore;

namespace ExchangePortal.IntegrationTests;

[Collection(PostgresCollection.Name)]
public class AgreementEditingTests(PortalFactory portal) : IClassFixture<PortalFactory>
{
    [Fact]
    public async Task A_new_agreement_starts_as_a_draft_and_its_creation_is_audited()
    {
        var admin = await portal.SignInAsync("admin@demo.local");
        var list = await admin.GetPageAsync("/Admin/Agreements");

        var created = await admin.SubmitAsync(list, "#agreement-new-form", NewAgreement("Memorandum on joint MedTech training", "2027-01-01", "2029-12-31", list));

        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        await using var db = portal.NewDbContext();
        var agreement = await db.Agreements.Include(a => a.University).Include(a => a.Hospital)
            .SingleAsync(a => a.Title == "Memorandum on joint MedTech training");
        Assert.Equal($"/Admin/Agreements/{agreement.Id}", created.Headers.Location!.OriginalString);
        Assert.Equal(AgreementStatus.Draft, agreement.Status);
        Assert.Equal(new DateOnly(2027, 1, 1), agreement.EffectiveFrom);
        var audit = await db.AuditEntries.SingleAsync(e => e.RecordType == "Agreement" && e.RecordId == agreement.Id.ToString());
        Assert.Equal("agreement.created", audit.Action);
        Assert.Equal(new FieldChange(null, "Memorandum on joint MedTech training"), audit.Changes["Title"]);
        Assert.Equal("Draft", audit.Changes["Status"].After);
        var page = await admin.GetPageAsync(created.Headers.Location!.OriginalString);
        Assert.Contains("Title: — → Memorandum on joint MedTech training", page.Document.QuerySelector("#history")!.TextContent);
    }

    [Theory]
    [InlineData("Memorandum ending before it starts", "2028-01-01", "2027-01-01", "An agreement cannot end before it takes effect.")]
    [InlineData("", "2027-01-01", "2028-01-01", "Give the agreement a title.")]
    [InlineData("Memorandum without dates", "", "", "Give the date the agreement takes effect.")]
    public async Task Bad_input_for_a_new_agreement_is_refused_with_a_message_and_nothing_is_saved(string title, string from, string to, string message)
    {
        var admin = await portal.SignInAsync("admin@demo.local");
        await using var db = portal.NewDbContext();
        var before = await db.Agreements.CountAsync();
        var list = await admin.GetPageAsync("/Admin/Agreements");

        var refused = await admin.SubmitAsync(list, "#agreement-new-form", NewAgreement(title, from, to, list));

        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains(message, (await HtmlForms.ParseAsync(refused)).QuerySelector(".validation-summary-errors")!.TextContent);
        Assert.Equal(before, await db.Agreements.CountAsync());
    }

    [Fact]
    public async Task An_edit_records_exactly_the_changed_fields_before_and_after_in_the_history_and_the_audit_trail()
    {
        var id = await NewDraftAsync("Agreement to be edited");
        var admin = await portal.SignInAsync("admin@demo.local");
        var page = await admin.GetPageAsync($"/Admin/Agreements/{id}/Edit");
        var hospitalId = page.Document.QuerySelectorAll("#Agreement_Signatories_0__InstitutionId option").Last().GetAttribute("value")!;
        var area = page.Document.QuerySelectorAll("#agreement-form input.form-check-input[name$='.Selected']")
            .Single(a => a.NextElementSibling!.TextContent == "Medical education").GetAttribute("name")!;

        var saved = await admin.SubmitAsync(page, "#agreement-form", new Dictionary<string, string>
        {
            ["agreement.Title"] = "Agreement as edited",
            ["agreement.SignedOn"] = "2026-06-01",
            ["agreement.Signatories[0].Name"] = "Dr. Liu Fang",
            ["agreement.Signatories[0].Title"] = "Vice President",
            ["agreement.Signatories[0].InstitutionId"] = hospitalId,
            [area] = "true",
            ["agreement.NewArea"] = "Joint research",
        });

        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.Equal($"/Admin/Agreements/{id}", saved.Headers.Location!.OriginalString);
        await using var db = portal.NewDbContext();
        var entry = await db.AuditEntries.Where(e => e.RecordType == "Agreement" && e.RecordId == id.ToString() && e.Action == "agreement.edited").SingleAsync();
        Assert.Equal(["Areas", "Signatories", "SignedOn", "Title"], entry.Changes.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(new FieldChange("Agreement to be edited", "Agreement as edited"), entry.Changes["Title"]);
        Assert.Equal(new FieldChange(null, "2026-06-01"), entry.Changes["SignedOn"]);
        Assert.Equal(new FieldChange(null, "Dr. Liu Fang, Vice President, Beijing Capital Teaching Hospital"), entry.Changes["Signatories"]);
        Assert.Equal(new FieldChange(null, "Joint research, Medical education"), entry.Changes["Areas"]);
        Assert.True(await db.CollaborationAreas.AnyAsync(a => a.Name == "Joint research"));

        var history = (await admin.GetPageAsync($"/Admin/Agreements/{id}")).Document.QuerySelector("#history")!.TextContent;
        Assert.Contains("Title: Agreement to be edited → Agreement as edited", history);
        Assert.Contains("Signatories: — → Dr. Liu Fang, Vice President, Beijing Capital Teaching Hospital", history);
        var trail = await admin.GetPageAsync($"/Admin/Audit?Filter.Type=Agreement&Filter.Record={id}");
        Assert.Contains("Title: Agreement to be edited → Agreement as edited", trail.Document.Text());

        // A second edit that changes the status only records the status.
        var again = await admin.GetPageAsync($"/Admin/Agreements/{id}/Edit");
        var activated = await admin.SubmitAsync(again, "#agreement-form", new Dictionary<string, string> { ["agreement.Status"] = "Active" });
        Assert.Equal(HttpStatusCode.Redirect, activated.StatusCode);
        var second = await db.AuditEntries.Where(e => e.RecordType == "Agreement" && e.RecordId == id.ToString() && e.Action == "agreement.edited")
            .OrderByDescending(e => e.Id).FirstAsync();
        Assert.Equal(["Status"], second.Changes.Keys);
        Assert.Equal(new FieldChange("Draft", "Active"), second.Changes["Status"]);
    }

    [Fact]
    public async Task A_refused_edit_says_why_and_changes_nothing()
    {
        var id = await NewDraftAsync("Agreement not yet signed");
        var admin = await portal.SignInAsync("admin@demo.local");
        var page = await admin.GetPageAsync($"/Admin/Agreements/{id}/Edit");

        var refused = await admin.SubmitAsync(page, "#agreement-form", new Dictionary<string, string>
        {
            ["agreement.Title"] = "Renamed while refused",
            ["agreement.Status"] = "Active",
        });

        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains("Give the date the agreement was signed on before making it active.", (await HtmlForms.ParseAsync(refused)).Text());
        await using var db = portal.NewDbContext();
        var agreement = await db.Agreements.SingleAsync(a => a.Id == id);
        Assert.Equal(("Agreement not yet signed", AgreementStatus.Draft), (agreement.Title, agreement.Status));
        Assert.False(await db.AuditEntries.AnyAsync(e => e.RecordType == "Agreement" && e.RecordId == id.ToString() && e.Action == "agreement.edited"));
    }

    [Fact]
    public async Task A_terminated_agreement_is_kept_as_it_was()
    {
        var id = await NewDraftAsync("Agreement to terminate");
        var admin = await portal.SignInAsync("admin@demo.local");
        var page = await admin.GetPageAsync($"/Admin/Agreements/{id}/Edit");

        var terminated = await admin.SubmitAsync(page, "#agreement-form", new Dictionary<string, string> { ["agreement.Status"] = "Terminated" });

        Assert.Equal(HttpStatusCode.Redirect, terminated.StatusCode);
        var after = await admin.GetPageAsync($"/Admin/Agreements/{id}");
        Assert.Null(after.Document.QuerySelector("#agreement-edit"));
        Assert.NotNull(after.Document.QuerySelector("#agreement-terminated"));
        Assert.Contains("Status: Draft → Terminated", after.Document.QuerySelector("#history")!.TextContent);
        var edit = await admin.GetPageAsync($"/Admin/Agreements/{id}/Edit");
        Assert.Null(edit.Document.QuerySelector("#agreement-form"));
        Assert.NotNull(edit.Document.QuerySelector("#agreement-terminated"));
    }

    [Fact]
    public async Task An_edit_made_on_a_stale_page_is_refused()
    {
        var id = await NewDraftAsync("Agreement edited twice");
        var admin = await portal.SignInAsync("admin@demo.local");
        var first = await admin.GetPageAsync($"/Admin/Agreements/{id}/Edit");
        var second = await admin.GetPageAsync($"/Admin/Agreements/{id}/Edit");

        var saved = await admin.SubmitAsync(first, "#agreement-form", new Dictionary<string, string> { ["agreement.Title"] = "First edit wins" });
        var stale = await admin.SubmitAsync(second, "#agreement-form", new Dictionary<string, string>
        {
            ["agreement.Signatories[0].Name"] = "Prof. Late Comer",
            ["agreement.Signatories[0].Title"] = "Dean",
        });

        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.Equal(HttpStatusCode.OK, stale.StatusCode);
        Assert.Contains(AgreementAdministration.ChangedMeanwhile, (await HtmlForms.ParseAsync(stale)).Text());
        await using var db = portal.NewDbContext();
        Assert.Equal("First edit wins", await db.Agreements.Where(a => a.Id == id).Select(a => a.Title).SingleAsync());
        Assert.False(await db.AgreementSignatories.AnyAsync(s => s.AgreementId == id));
    }

    [Fact]
    public async Task The_signed_pdf_is_kept_a_non_pdf_is_refused_and_every_download_is_audited()
    {
        var id = await NewDraftAsync("Agreement with its signed text");
        var admin = await portal.SignInAsync("admin@demo.local");
        var pdf = "%PDF-1.7\nsigned agreement\n%%EOF"u8.ToArray();

        var refused = await UploadAsync(admin, id, "signed.pdf", "\x89PNG\r\n\x1a\nnot a pdf"u8.ToArray());
        var accepted = await UploadAsync(admin, id, "signed agreement.pdf", pdf);

        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains("Upload the signed agreement as a PDF file; this file is not a PDF.", (await HtmlForms.ParseAsync(refused)).Text());
        Assert.Equal(HttpStatusCode.Redirect, accepted.StatusCode);
        await using var db = portal.NewDbContext();
        var document = await db.Documents.SingleAsync(d => d.AgreementId == id);
        Assert.Equal((DocumentKind.SignedAgreement, "application/pdf", "signed agreement.pdf"), (document.Kind, document.ContentType, document.FileName));

        var page = await admin.GetPageAsync($"/Admin/Agreements/{id}");
        var link = page.Document.QuerySelector("#signed-documents a")!.GetAttribute("href")!;
        var download = await admin.GetAsync(link);

        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal("application/pdf", download.Content.Headers.ContentType!.MediaType);
        Assert.Equal("attachment", download.Content.Headers.ContentDisposition!.DispositionType);
        Assert.Equal(pdf, await download.Content.ReadAsByteArrayAsync());
        Assert.True(await db.AuditEntries.AnyAsync(e => e.Action == "document.downloaded" && e.RecordId == document.Id.ToString()));
        var uploadEntry = await db.AuditEntries.SingleAsync(e => e.RecordType == "Agreement" && e.RecordId == id.ToString() && e.Action == "agreement.document");
        Assert.StartsWith("signed agreement.pdf", uploadEntry.Changes["SignedDocument"].After);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync($"/Admin/Agreements/{id}/Documents?handler=File&documentId={Guid.NewGuid()}")).StatusCode);
    }

    private static async Task<HttpResponseMessage> UploadAsync(HttpClient client, int id, string name, byte[] bytes)
    {
        var page = await client.GetPageAsync($"/Admin/Agreements/{id}/Documents");
        var token = page.Document.QuerySelector("#upload-form input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        var action = WebUtility.HtmlDecode(page.Document.QuerySelector("#upload-form")!.GetAttribute("action")!);
        using var content = new MultipartFormDataContent { { new StringContent(token), "__RequestVerificationToken" } };
        var file = new ByteArrayContent(bytes);
        file.Headers.ContentType = new MediaTypeHeaderValue("application/pdf");
        content.Add(file, "document", name);
        return await client.PostAsync(action, content);
    }

    private async Task<int> NewDraftAsync(string title)
    {
        await using var db = portal.NewDbContext();
        var university = await db.Institutions.FirstAsync(i => i.Kind == Core.Institutions.InstitutionKind.University);
        var hospital = await db.Institutions.FirstAsync(i => i.ShortName == "BCTH");
        var agreement = new Agreement(title, university, hospital, new DateOnly(2026, 1, 1), new DateOnly(2030, 12, 31));
        db.Agreements.Add(agreement);
        await db.SaveChangesAsync();
        return agreement.Id;
    }

    private static Dictionary<string, string> NewAgreement(string title, string from, string to, HtmlForms.Page list) => new()
    {
        ["Input.Title"] = title,
        ["Input.UniversityId"] = list.Document.QuerySelectorAll("#Input_UniversityId option").Last().GetAttribute("value")!,
        ["Input.HospitalId"] = list.Document.QuerySelectorAll("#Input_HospitalId option").Last().GetAttribute("value")!,
        ["Input.EffectiveFrom"] = from,
        ["Input.EffectiveTo"] = to,
    };
}
