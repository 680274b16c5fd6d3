using ExchangePortal.Core.Cohorts;

namespace ExchangePortal.Core.Applications;

/// <summary>One ranked host-lab choice of an application (rank 1 is the first choice).</summary>
public class LabChoice
{
    public int Id { get; private set; }
    public int ApplicationId { get; private set; }
    public int CohortLabId { get; private set; }
    public CohortLab CohortLab { get; private set; } = null!;
    public int Rank { get; private set; }

    private LabChoice() { }

    internal LabChoice(CohortLab lab, int rank)
    {
        CohortLab = lab;
        CohortLabId = lab.Id;
        Rank = rank;
    }
}
