using System.Net;
using ExchangePortal.Core.Applications;
using ExchangePortal.Core.Clearance;
using ExchangePortal.Core.Documents;
using ExchangePortal.IntegrationTests.Privacy;
using Microsoft.EntityFrameworkCore;

namespace ExchangePortal.IntegrationTests.Clearance;

/// <summary>Pre-arrival documents from the offer on: the applicant's uploads through the one upload path, and the coordinator's
/// verification or return (version-checked, in the history, audited, the return emailed in the applicant's language).</summary>
[Collection(PostgresCollection.Name)]
public class ClearanceDocumentTests(PortalFactory portal) : IClassFixture<PortalFactory>
{
    [Fact]
    public async Task After_the_offer_the_applicant_uploads_pre_arrival_papers_with_their_expiry_and_nothing_else()
    {
        var (person, application) = await ConfirmedPersonAsync();
        var client = await portal.SignInAsync(person.Email, Person.Password);
        var endsOn = application.Cohort.EndsOn;

        var noExpiry = await ClearanceWorld.UploadAsync(client, application.Id, DocumentKind.Insurance, null);
        var cv = await ClearanceWorld.UploadAsync(client, application.Id, DocumentKind.Cv, null);
        var permitWithoutEndorsement = await ClearanceWorld.UploadAsync(client, application.Id, DocumentKind.ExitEntryPermit, endsOn.AddYears(1));
        await using var db = portal.NewDbContext();
        Assert.Equal(0, await db.Documents.CountAsync(d => d.ApplicationId == application.Id));
        Assert.Contains("Give the expiry date of your insurance.", (await HtmlForms.ParseAsync(noExpiry)).Text());
        Assert.Contains("After the offer, upload your pre-arrival documents", (await HtmlForms.ParseAsync(cv)).Text());
        Assert.Contains("Choose the endorsement type of your Exit-Entry Permit.", (await HtmlForms.ParseAsync(permitWithoutEndorsement)).Text());

        Assert.Equal(HttpStatusCode.Redirect, (await ClearanceWorld.UploadAsync(client, application.Id, DocumentKind.Insurance, endsOn)).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect,
            (await ClearanceWorld.UploadAsync(client, application.Id, DocumentKind.ExitEntryPermit, endsOn.AddYears(1), PermitEndorsement.Other)).StatusCode);
        var papers = await db.Documents.AsNoTracking().Where(d => d.ApplicationId == application.Id).OrderBy(d => d.Kind).ToListAsync();
        Assert.Equal([DocumentKind.Insurance, DocumentKind.ExitEntryPermit], papers.Select(d => d.Kind).Order());
        Assert.All(papers, d => Assert.Equal(DocumentVerification.Waiting, d.Verification));
        Assert.Equal(PermitEndorsement.Other, papers.Single(d => d.Kind == DocumentKind.ExitEntryPermit).Endorsement);

        var page = await client.GetPageAsync($"/Applicant/Applications/{application.Id}");
        var items = page.Document.QuerySelectorAll("#my-clearance li")
            .Select(li => $"{li.GetAttribute("data-kind")}:{li.QuerySelector(".badge")!.GetAttribute("data-state")}").ToList();
        Assert.Equal(["TravelDocument:Missing", "Insurance:Waiting", "ExitEntryPermit:Waiting", "PractisingLicence:Missing"], items);
    }

    [Fact]
    public async Task A_verified_paper_stays_until_its_new_version_is_verified_and_an_unverified_one_is_replaced()
    {
        var (person, application) = await ConfirmedPersonAsync();
        var coordinator = await portal.SignInAsync("coordinator@demo.local");
        var client = await portal.SignInAsync(person.Email, Person.Password);
        var endsOn = application.Cohort.EndsOn;
        await ClearanceWorld.UploadAsync(client, application.Id, DocumentKind.Insurance, endsOn);
        await using var db = portal.NewDbContext();
        var first = await db.Documents.AsNoTracking().SingleAsync(d => d.ApplicationId == application.Id);
        Assert.Equal(HttpStatusCode.Redirect, (await CheckAsync(coordinator, application.Id, first.Id, "Verify")).StatusCode);

        await ClearanceWorld.UploadAsync(client, application.Id, DocumentKind.Insurance, endsOn.AddYears(1), name: "renewal.pdf");
        await ClearanceWorld.UploadAsync(client, application.Id, DocumentKind.Insurance, endsOn.AddYears(2), name: "renewal-again.pdf");
        var kept = await db.Documents.AsNoTracking().Where(d => d.ApplicationId == application.Id).OrderBy(d => d.UploadedAt).ToListAsync();
        Assert.Equal([first.Id.ToString(), "renewal-again.pdf"], kept.Select(d => d.Id == first.Id ? d.Id.ToString() : d.FileName));
        Assert.Equal([DocumentVerification.Verified, DocumentVerification.Waiting], kept.Select(d => d.Verification));
        var delete = await client.GetPageAsync($"/Applicant/Applications/{application.Id}/Documents");
        var refused = await client.SubmitAsync(delete, $"form[action*='{first.Id}']", new Dictionary<string, string>());
        Assert.Contains("A verified document stays until its new version is verified", (await HtmlForms.ParseAsync(refused)).Text());

        Assert.Equal(HttpStatusCode.Redirect, (await CheckAsync(coordinator, application.Id, kept[1].Id, "Verify")).StatusCode);
        var left = await db.Documents.AsNoTracking().Where(d => d.ApplicationId == application.Id).ToListAsync();
        Assert.Equal(kept[1].Id, Assert.Single(left).Id);
        Assert.False(await db.DocumentContents.AnyAsync(c => c.DocumentId == first.Id));
    }

    [Fact]
    public async Task Returning_needs_a_reason_and_emails_it_in_the_applicants_language_and_a_stale_check_changes_nothing()
    {
        var (person, application) = await ConfirmedPersonAsync("zh-Hans");
        var coordinator = await portal.SignInAsync("coordinator@demo.local");
        var client = await portal.SignInAsync(person.Email, Person.Password);
        await ClearanceWorld.UploadAsync(client, application.Id, DocumentKind.VisaOrEntryPermit, application.Cohort.EndsOn.AddDays(30));
        await using var db = portal.NewDbContext();
        var permit = await db.Documents.AsNoTracking().SingleAsync(d => d.ApplicationId == application.Id);

        var empty = await CheckAsync(coordinator, application.Id, permit.Id, "Return", "  ");
        Assert.Equal(HttpStatusCode.OK, empty.StatusCode);
        Assert.Contains("Please give a reason the applicant can act on.", (await HtmlForms.ParseAsync(empty)).Text());
        var stale = await CheckAsync(coordinator, application.Id, permit.Id, "Verify", version: permit.Version + 1);
        Assert.Contains(CoordinatorDocuments.ChangedMeanwhile, (await HtmlForms.ParseAsync(stale)).Text());
        Assert.Equal(DocumentVerification.Waiting, (await db.Documents.AsNoTracking().SingleAsync(d => d.Id == permit.Id)).Verification);

        var auditBefore = await db.AuditEntries.CountAsync(e => e.RecordId == permit.Id.ToString());
        var returned = await CheckAsync(coordinator, application.Id, permit.Id, "Return", "The entry permit must cover the whole stay.");
        Assert.Equal(HttpStatusCode.Redirect, returned.StatusCode);

        var stored = await db.Documents.AsNoTracking().SingleAsync(d => d.Id == permit.Id);
        Assert.Equal((DocumentVerification.Returned, "The entry permit must cover the whole stay."), (stored.Verification, stored.ReturnReason));
        var email = await db.Notifications.AsNoTracking().SingleAsync(n => n.ToAddress == person.Email && n.Kind == "document.returned");
        Assert.Contains("签证或入境许可", email.Subject);
        Assert.Contains("The entry permit must cover the whole stay.", email.Body);
        Assert.Contains($"{PortalFactory.PublicUrl}Applicant/Applications/{application.Id}/Documents", email.Body);
        var history = await db.ApplicationHistory.AsNoTracking().Where(h => h.ApplicationId == application.Id).OrderBy(h => h.Id).ToListAsync();
        Assert.Equal((ApplicationStatus.Confirmed, ApplicationStatus.Confirmed), (history[^1].From, history[^1].To));
        Assert.Equal("Visa or entry permit returned: The entry permit must cover the whole stay.", history[^1].Comment);
        var audit = await db.AuditEntries.AsNoTracking().Where(e => e.RecordId == permit.Id.ToString()).ToListAsync();
        Assert.Equal(auditBefore + 1, audit.Count);
        Assert.Equal(("document.returned", "Returned"), (audit[^1].Action, audit[^1].Changes["Verification"].After));

        // A returned paper waits for its new version: nothing more to check on it.
        var checks = await coordinator.GetPageAsync($"/Coordinator/Applications/{application.Id}/Documents");
        Assert.Empty(checks.Document.QuerySelectorAll($"#check-{permit.Id} form"));
        Assert.Contains("The entry permit must cover the whole stay.", checks.Document.QuerySelector($"#check-{permit.Id}")!.TextContent);
        var todo = await client.GetPageAsync($"/Applicant/Applications/{application.Id}");
        Assert.Contains("The entry permit must cover the whole stay.", todo.Document.QuerySelector("#my-clearance")?.TextContent ?? "");
    }

    [Fact]
    public async Task A_document_of_another_application_or_a_draft_is_not_there_for_the_coordinator()
    {
        var (_, application) = await ConfirmedPersonAsync();
        var (_, other) = await ConfirmedPersonAsync();
        await using var db = portal.NewDbContext();
        var paper = ClearanceWorld.Paper(db, await db.Applications.Include(a => a.Doctor).SingleAsync(a => a.Id == other.Id), DocumentKind.Insurance,
            other.Cohort.EndsOn, DocumentVerification.Waiting, DateTimeOffset.UtcNow);
        await db.SaveChangesAsync();
        var coordinator = await portal.SignInAsync("coordinator@demo.local");

        var page = await coordinator.GetPageAsync($"/Coordinator/Applications/{other.Id}/Documents");
        var token = page.Document.QuerySelector("#document-checks form input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        var foreign = await coordinator.PostAsync($"/Coordinator/Applications/{application.Id}/Documents?handler=Verify&documentId={paper.Id}",
            new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token, ["version"] = paper.Version.ToString() }));
        Assert.Equal(HttpStatusCode.NotFound, foreign.StatusCode);
        Assert.Equal(DocumentVerification.Waiting, (await db.Documents.AsNoTracking().SingleAsync(d => d.Id == paper.Id)).Verification);
        Assert.Equal(HttpStatusCode.NotFound, (await coordinator.GetAsync("/Coordinator/Applications/999999/Documents")).StatusCode);
    }

    private async Task<(Person Person, ExchangeApplication Application)> ConfirmedPersonAsync(string? culture = null)
    {
        var person = await PrivacyWorld.NewDoctorAsync(portal, culture);
        await using var db = portal.NewDbContext();
        var cohort = await ClearanceWorld.CohortAsync(db);
        var doctor = await db.Doctors.SingleAsync(d => d.Id == person.DoctorId);
        var application = await ClearanceWorld.ConfirmAsync(db, cohort, doctor, DateTimeOffset.UtcNow);
        return (person, application);
    }

    /// <summary>Verifies or returns through the coordinator's real form for that document.</summary>
    internal static async Task<HttpResponseMessage> CheckAsync(HttpClient coordinator, int applicationId, Guid documentId, string handler,
        string? reason = null, uint? version = null)
    {
        var page = await coordinator.GetPageAsync($"/Coordinator/Applications/{applicationId}/Documents");
        var values = new Dictionary<string, string>();
        if (reason is not null)
            values["Returning.Reason"] = reason;
        if (version is { } v)
            values["version"] = v.ToString();
        return await coordinator.SubmitAsync(page, $"#check-{documentId} form[action*='handler={handler}']", values);
    }
}
