using ExchangePortal.Core.Documents;

namespace ExchangePortal.Core.Applications;

/// <summary>What an application still lacks before it can be submitted, in words the applicant understands.</summary>
internal static class SubmissionRules
{
    public static readonly DocumentKind[] Required = [DocumentKind.Cv, DocumentKind.PractisingLicence, DocumentKind.NominationLetter];

    public static readonly DocumentKind[] WithExpiry = [DocumentKind.PractisingLicence, DocumentKind.TravelDocument, DocumentKind.Insurance, DocumentKind.VisaOrEntryPermit, DocumentKind.ExitEntryPermit];

    /// <summary>Drafts may start at once; submitting waits until the applicant's address is proven (self-registration).</summary>
    public const string ConfirmEmail = "Confirm your email address: follow the link in the email we sent you when you registered.";

    public static IReadOnlyList<string> Missing(IReadOnlyList<string> missingProfileFields, IReadOnlyCollection<(DocumentKind Kind, DateOnly? ExpiresOn)> documents,
        int labChoices, string plan, bool windowOpen, DateOnly cohortEndsOn, bool emailConfirmed)
    {
        var missing = new List<string>();
        if (!windowOpen)
            missing.Add("The application window of this cohort is closed.");
        if (!emailConfirmed)
            missing.Add(ConfirmEmail);
        if (missingProfileFields.Count > 0)
            missing.Add($"Complete your profile: {string.Join(", ", missingProfileFields)}.");
        if (labChoices == 0)
            missing.Add("Choose at least one host lab.");
        if (string.IsNullOrWhiteSpace(plan))
            missing.Add("Describe your research or learning plan.");
        foreach (var kind in Required.Where(k => documents.All(d => d.Kind != k)))
            missing.Add($"Upload your {kind.InSentence()}.");
        foreach (var (kind, expiresOn) in documents.Where(d => d.Kind is DocumentKind.PractisingLicence or DocumentKind.Insurance && d.ExpiresOn < cohortEndsOn))
            missing.Add($"Your {kind.InSentence()} expires on {expiresOn:d MMM yyyy}, before the exchange ends; upload one valid until {cohortEndsOn:d MMM yyyy}.");
        return missing;
    }
}
