using ExchangePortal.Core.Cohorts;

namespace ExchangePortal.Core.Applications;

/// <summary>The decision that puts an application into one host lab; it holds one seat until released.</summary>
public class Placement
{
    public int Id { get; private set; }
    public int ApplicationId { get; private set; }
    public ExchangeApplication Application { get; private set; } = null!;
    public int CohortLabId { get; private set; }
    public CohortLab CohortLab { get; private set; } = null!;
    public string Supervisor { get; private set; } = "";
    public DateOnly StartsOn { get; private set; }
    public DateOnly EndsOn { get; private set; }
    public DateTimeOffset OfferedAt { get; private set; }
    public DateTimeOffset? ReleasedAt { get; private set; }

    private Placement() { }

    internal Placement(ExchangeApplication application, CohortLab lab, string supervisor, DateOnly startsOn, DateOnly endsOn, DateTimeOffset now)
    {
        Application = application;
        CohortLab = lab;
        Supervisor = supervisor;
        StartsOn = startsOn;
        EndsOn = endsOn;
        OfferedAt = now;
    }

    public bool HoldsSeat => ReleasedAt is null;

    internal void Release(DateTimeOffset now)
    {
        if (!HoldsSeat)
            return;
        ReleasedAt = now;
        CohortLab.FreeSeat();
    }
}
