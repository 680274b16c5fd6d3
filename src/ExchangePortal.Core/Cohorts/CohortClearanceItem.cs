using ExchangePortal.Core.Documents;

namespace ExchangePortal.Core.Cohorts;

/// <summary>A document every confirmed doctor of the cohort must have verified, valid through the stay, before arrival.</summary>
public class CohortClearanceItem
{
    public int CohortId { get; private set; }
    public DocumentKind Kind { get; private set; }

    private CohortClearanceItem() { }

    internal CohortClearanceItem(DocumentKind kind) => Kind = kind;
}
