using System.Globalization;
using CsvHelper;
using ExchangePortal.Core.Clearance;
using ExchangePortal.Core.Documents;

namespace ExchangePortal.Web.Pages.Coordinator.Cohorts;

/// <summary>One doctor of the clearance board as exported: a column per pre-arrival document ("not required" where the cohort does not ask for it).</summary>
[CsvRecord]
public sealed partial record ClearanceLine(int Application, string Doctor, string Hospital, string Status, string Arrives, int DaysToArrival,
    string Cleared, string TravelDocument, string Insurance, string ExitEntryPermit, string VisaOrEntryPermit, string PractisingLicence)
{
    public static ClearanceLine Of(ClearanceRow r) => new(r.ApplicationId, r.Doctor, r.Hospital, r.Status.ToString(),
        r.ArrivesOn.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), r.DaysToArrival, r.Cleared ? "yes" : "no",
        State(r, DocumentKind.TravelDocument), State(r, DocumentKind.Insurance), State(r, DocumentKind.ExitEntryPermit),
        State(r, DocumentKind.VisaOrEntryPermit), State(r, DocumentKind.PractisingLicence));

    public static string FileName(int cohortId) => $"cohort-{cohortId}-clearance";

    private static string State(ClearanceRow r, DocumentKind kind) =>
        r.Items.FirstOrDefault(i => i.Kind == kind) is { } item ? item.State.Describe() : "not required";
}
