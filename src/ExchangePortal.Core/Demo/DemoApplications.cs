using System.Text;
using ExchangePortal.Core.Applications;
using ExchangePortal.Core.Cohorts;
using ExchangePortal.Core.Data;
using ExchangePortal.Core.Doctors;
using ExchangePortal.Core.Documents;

namespace ExchangePortal.Core.Demo;

/// <summary>Moves demo applications to a given status through the entity's own transitions.</summary>
internal sealed class DemoApplications(PortalDbContext db, string coordinatorId, string hospitalId, string otherHospitalId, string adminId)
{
    // A minimal valid one-page PDF, shared by every demo document.
    private static readonly byte[] Pdf = Encoding.ASCII.GetBytes(
        "%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n" +
        "3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n");

    public int Count { get; private set; }

    public ExchangeApplication Draft(ExchangeCohort cohort, VisitingDoctor doctor, CohortLab first, CohortLab? second, DateTimeOffset at)
    {
        var application = new ExchangeApplication(cohort, doctor, doctor.UserId, at);
        application.EditPlan($"Learn {doctor.Specialty.ToLowerInvariant()} research methods and bring them back to my department.",
            cohort.StartsOn, cohort.EndsOn, at);
        application.ChooseLabs(second is null ? [first] : [first, second], at);
        db.Applications.Add(application);
        Count++;
        return application;
    }

    public ExchangeApplication Submitted(ExchangeCohort cohort, VisitingDoctor doctor, CohortLab lab, DateTimeOffset at)
    {
        var application = Draft(cohort, doctor, lab, null, at);
        foreach (var kind in new[] { DocumentKind.Cv, DocumentKind.PractisingLicence, DocumentKind.NominationLetter })
            AddDocument(application, doctor, kind, at, kind == DocumentKind.PractisingLicence ? cohort.EndsOn.AddYears(2) : null);
        application.Submit(doctor.UserId, at.AddHours(1));
        return application;
    }

    public ExchangeApplication Endorsed(ExchangeCohort cohort, VisitingDoctor doctor, CohortLab lab, DateTimeOffset at)
    {
        var application = Submitted(cohort, doctor, lab, at);
        application.Endorse(HospitalCoordinatorOf(doctor), at.AddDays(1), "Strong candidate; nominated by the department head.");
        return application;
    }

    public ExchangeApplication NotEndorsed(ExchangeCohort cohort, VisitingDoctor doctor, CohortLab lab, DateTimeOffset at)
    {
        var application = Submitted(cohort, doctor, lab, at);
        application.DeclineEndorsement("The department cannot release you during the exchange dates.", HospitalCoordinatorOf(doctor), at.AddDays(1));
        return application;
    }

    public ExchangeApplication UnderReview(ExchangeCohort cohort, VisitingDoctor doctor, CohortLab lab, DateTimeOffset at)
    {
        var application = Endorsed(cohort, doctor, lab, at);
        application.StartReview(coordinatorId, at.AddDays(2));
        return application;
    }

    public ExchangeApplication ChangesRequested(ExchangeCohort cohort, VisitingDoctor doctor, CohortLab lab, DateTimeOffset at)
    {
        var application = UnderReview(cohort, doctor, lab, at);
        application.RequestChanges("Please describe what you will learn in the lab week by week.", coordinatorId, at.AddDays(3));
        return application;
    }

    public ExchangeApplication Offered(ExchangeCohort cohort, VisitingDoctor doctor, CohortLab lab, DateTimeOffset at, DateTimeOffset respondBy)
    {
        var application = UnderReview(cohort, doctor, lab, at);
        application.Approve(lab, lab.HostLab.PrincipalInvestigatorName, cohort.StartsOn, cohort.EndsOn, respondBy, coordinatorId, at.AddDays(3));
        return application;
    }

    public ExchangeApplication Waitlisted(ExchangeCohort cohort, VisitingDoctor doctor, CohortLab lab, DateTimeOffset at)
    {
        var application = UnderReview(cohort, doctor, lab, at);
        application.Waitlist(lab, coordinatorId, at.AddDays(3));
        return application;
    }

    public ExchangeApplication Rejected(ExchangeCohort cohort, VisitingDoctor doctor, CohortLab lab, DateTimeOffset at)
    {
        var application = UnderReview(cohort, doctor, lab, at);
        application.Reject("The plan does not match the lab's current research.", coordinatorId, at.AddDays(3));
        return application;
    }

    public ExchangeApplication Withdrawn(ExchangeCohort cohort, VisitingDoctor doctor, CohortLab lab, DateTimeOffset at)
    {
        var application = Endorsed(cohort, doctor, lab, at);
        application.Withdraw(doctor.UserId, at.AddDays(2), "Family reasons.");
        return application;
    }

    public ExchangeApplication Declined(ExchangeCohort cohort, VisitingDoctor doctor, CohortLab lab, DateTimeOffset at)
    {
        var application = Offered(cohort, doctor, lab, at, at.AddDays(17));
        application.DeclineOffer(doctor.UserId, at.AddDays(4), "I accepted a fellowship elsewhere.");
        return application;
    }

    public ExchangeApplication Confirmed(ExchangeCohort cohort, VisitingDoctor doctor, CohortLab lab, DateTimeOffset at)
    {
        var application = Offered(cohort, doctor, lab, at, at.AddDays(17));
        application.AcceptOffer(doctor.UserId, at.AddDays(5));
        AddDocument(application, doctor, DocumentKind.TravelDocument, at.AddDays(6), cohort.EndsOn.AddYears(3));
        AddDocument(application, doctor, DocumentKind.Insurance, at.AddDays(6), cohort.EndsOn.AddDays(-10));
        return application;
    }

    public ExchangeApplication InProgress(ExchangeCohort cohort, VisitingDoctor doctor, CohortLab lab, DateTimeOffset at)
    {
        var application = Confirmed(cohort, doctor, lab, at);
        application.MarkArrived(coordinatorId, new DateTimeOffset(cohort.StartsOn.ToDateTime(new TimeOnly(10, 0), DateTimeKind.Utc)));
        return application;
    }

    public ExchangeApplication Cancelled(ExchangeCohort cohort, VisitingDoctor doctor, CohortLab lab, DateTimeOffset at)
    {
        var application = Confirmed(cohort, doctor, lab, at);
        application.Cancel("Entry permit was refused.", adminId, at.AddDays(20));
        return application;
    }

    public ExchangeApplication Completed(ExchangeCohort cohort, VisitingDoctor doctor, CohortLab lab, DateTimeOffset at, DateOnly endsOn)
    {
        var application = InProgress(cohort, doctor, lab, at);
        var end = new DateTimeOffset(endsOn.ToDateTime(new TimeOnly(10, 0), DateTimeKind.Utc));
        AddDocument(application, doctor, DocumentKind.EndOfStayReport, end.AddDays(-2), null);
        application.Complete(endOfStayReportFiled: true, coordinatorId, end);
        return application;
    }

    private string HospitalCoordinatorOf(VisitingDoctor doctor) =>
        doctor.Hospital.ShortName == "BCTH" ? hospitalId : otherHospitalId;

    private void AddDocument(ExchangeApplication application, VisitingDoctor doctor, DocumentKind kind, DateTimeOffset at, DateOnly? expiresOn)
    {
        var document = new StoredDocument(kind, $"{kind}.pdf", "application/pdf", Pdf, doctor.UserId, at, expiresOn);
        document.AttachTo(application);
        db.Documents.Add(document);
    }
}
