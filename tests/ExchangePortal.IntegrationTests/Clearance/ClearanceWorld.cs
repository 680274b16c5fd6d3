using System.Net;
using System.Net.Http.Headers;
using System.Text;
using ExchangePortal.Core.Agreements;
using ExchangePortal.Core.Applications;
using ExchangePortal.Core.Cohorts;
using ExchangePortal.Core.Data;
using ExchangePortal.Core.Doctors;
using ExchangePortal.Core.Documents;
using ExchangePortal.Core.Users;
using ExchangePortal.IntegrationTests.Privacy;
using Microsoft.EntityFrameworkCore;

namespace ExchangePortal.IntegrationTests.Clearance;

/// <summary>Cohorts whose stays start soon, confirmed doctors in them and their pre-arrival papers, for the clearance tests.</summary>
public static class ClearanceWorld
{
    public static readonly byte[] Pdf = Encoding.ASCII.GetBytes("%PDF-1.4\n% clearance test\n%%EOF\n");

    /// <summary>A cohort with one lab and <paramref name="seats"/> seats whose stays start in <paramref name="startsInDays"/> days.</summary>
    public static async Task<ExchangeCohort> CohortAsync(PortalDbContext db, int startsInDays = 20, int seats = 10)
    {
        var agreement = await db.Agreements.FirstAsync(a => a.Status == AgreementStatus.Active);
        var lab = await db.HostLabs.FirstAsync(l => l.IsActive && l.UniversityId == agreement.UniversityId);
        var cohort = PrivacyWorld.Cohort(db, agreement, lab, $"Clearance cohort {Guid.NewGuid():N}"[..30], startsInDays, seats);
        await db.SaveChangesAsync();
        return cohort;
    }

    /// <summary>A doctor with an account that cannot sign in (no password), placed and confirmed in the cohort.</summary>
    public static async Task<ExchangeApplication> ConfirmedAsync(PortalDbContext db, ExchangeCohort cohort, string name, DateTimeOffset now)
    {
        var hospital = await db.Institutions.SingleAsync(i => i.ShortName == "BCTH");
        var email = $"{Guid.NewGuid():N}@clearance.test";
        var user = new PortalUser { UserName = email, Email = email, DisplayName = name, HospitalId = hospital.Id };
        db.Users.Add(user);
        var doctor = new VisitingDoctor(user, hospital, name, email);
        return await ConfirmAsync(db, cohort, doctor, now);
    }

    /// <summary>The doctor's application to the cohort, submitted, approved into its first lab for the cohort's dates and accepted.</summary>
    public static async Task<ExchangeApplication> ConfirmAsync(PortalDbContext db, ExchangeCohort cohort, VisitingDoctor doctor, DateTimeOffset now)
    {
        var coordinator = await db.Users.Where(u => u.Email == "coordinator@demo.local").Select(u => u.Id).SingleAsync();
        var application = PrivacyWorld.Apply(db, cohort, doctor, now, "Clearance plan");
        application.Submit(doctor.UserId, now);
        application.StartReview(coordinator, now);
        application.Approve(cohort.Labs[0], "Prof. Clear", cohort.StartsOn, cohort.EndsOn, now.AddDays(7), coordinator, now);
        application.AcceptOffer(doctor.UserId, now);
        await db.SaveChangesAsync();
        return application;
    }

    /// <summary>A paper on the application, left waiting, verified or returned.</summary>
    public static StoredDocument Paper(PortalDbContext db, ExchangeApplication application, DocumentKind kind, DateOnly? expiresOn,
        DocumentVerification verification, DateTimeOffset now)
    {
        var document = new StoredDocument(kind, $"{kind}.pdf", "application/pdf", Pdf, application.Doctor.UserId, now, expiresOn);
        document.AttachTo(application);
        if (verification == DocumentVerification.Verified)
            document.Verify(application.Doctor.UserId, now);
        else if (verification == DocumentVerification.Returned)
            document.Return("The scan is unreadable.", application.Doctor.UserId, now);
        db.Documents.Add(document);
        return document;
    }

    /// <summary>Uploads through the applicant's real documents form (multipart, antiforgery token included).</summary>
    public static async Task<HttpResponseMessage> UploadAsync(HttpClient client, int applicationId, DocumentKind kind, DateOnly? expires,
        PermitEndorsement? endorsement = null, string name = "paper.pdf")
    {
        var page = await client.GetPageAsync($"/Applicant/Applications/{applicationId}/Documents");
        var token = page.Document.QuerySelector("#upload-form input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        var action = WebUtility.HtmlDecode(page.Document.QuerySelector("#upload-form")!.GetAttribute("action")!);
        using var content = new MultipartFormDataContent
        {
            { new StringContent(token), "__RequestVerificationToken" },
            { new StringContent(kind.ToString()), "Input.Kind" },
            { new StringContent(expires?.ToString("yyyy-MM-dd") ?? ""), "Input.ExpiresOn" },
            { new StringContent(endorsement?.ToString() ?? ""), "Input.Endorsement" },
        };
        var file = new ByteArrayContent(Pdf);
        file.Headers.ContentType = new MediaTypeHeaderValue("application/pdf");
        content.Add(file, "Input.File", name);
        return await client.PostAsync(action, content);
    }
}
