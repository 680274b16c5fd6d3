using System.Text;
using ExchangePortal.Core.Applications;
using ExchangePortal.Core.Cohorts;
using ExchangePortal.Core.Data;
using ExchangePortal.Core.Doctors;
using ExchangePortal.Core.Documents;
using ExchangePortal.Core.Stays;

namespace ExchangePortal.Core.Demo;

/// <summary>Moves demo applications to a given status through the entity's own transitions.</summary>
internal sealed class DemoApplications(PortalDbContext db, string coordinatorId, string hospitalId, string otherHospitalId, string adminId)
{
    // A minimal valid one-page PDF, shared by every demo document.
    private static readonly byte[] Pdf = Encoding.ASCII.GetBytes(
        "%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n" +
        "3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n");

    private readonly List<ExchangeApplication> _completed = [];

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
        // The report is the form (StayOutcomesAsync); the first completed stay also carries the optional PDF attachment.
        if (_completed.Count == 0)
            AddDocument(application, doctor, DocumentKind.EndOfStayReport, end.AddDays(-2), null);
        application.Complete(endOfStayReportFiled: true, coordinatorId, end);
        _completed.Add(application);
        return application;
    }

    /// <summary>
    /// The end-of-stay report form, the supervisor's evaluation and the certificate of every completed stay; called once the
    /// applications are saved (these rows need their ids). Answers and scores vary from stay to stay so that the reports differ.
    /// </summary>
    public async Task StayOutcomesAsync(StayCertificates certificates, CancellationToken ct)
    {
        string[] outputs =
        [
            "A joint abstract for the spring congress\nA protocol for CT-guided lung biopsy",
            "A teaching protocol for ultrasound-guided nerve blocks",
            "",
        ];
        for (var i = 0; i < _completed.Count; i++)
        {
            var application = _completed[i];
            var end = new DateTimeOffset(application.Placement!.EndsOn.ToDateTime(new TimeOnly(10, 0), DateTimeKind.Utc));
            var report = new StayReport(application.Id, end.AddDays(-3));
            report.Answer(new StayReportAnswers("Study design and data management in a research lab.", outputs[i % outputs.Length],
                "A weekly journal club and a data-quality checklist for the department.", 5 - i % 2,
                i % 2 == 0 ? AnswerLanguage.English : AnswerLanguage.SimplifiedChinese), end.AddDays(-3));
            db.StayReports.Add(report);
            db.SupervisorEvaluations.Add(new SupervisorEvaluation(application.Id, application.Placement.Supervisor,
                new EvaluationAnswers(5, 4 - i % 2, 4, 5 - i % 3, 5, "Reliable and curious; a welcome member of the lab.",
                    RecommendForFuture: i % 3 != 2, i % 2 == 0 ? AnswerLanguage.English : AnswerLanguage.SimplifiedChinese), end.AddDays(-1)));
            await certificates.IssueAsync(application, ct);
        }
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
