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
    /// <summary>Where the evaluation link goes; none until the coordinator enters it.</summary>
    public string? SupervisorEmail { get; private set; }
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

    /// <returns>Whether the email address changed (a new address gets a new evaluation link).</returns>
    public bool NameSupervisor(string name, string? email)
    {
        if (string.IsNullOrWhiteSpace(name))
            throw new DomainException("Please give a supervisor.");
        var address = string.IsNullOrWhiteSpace(email) ? null : email.Trim();
        var changed = !string.Equals(address, SupervisorEmail, StringComparison.OrdinalIgnoreCase);
        Supervisor = name.Trim();
        SupervisorEmail = address;
        return changed;
    }

    internal void Release(DateTimeOffset now)
    {
        if (!HoldsSeat)
            return;
        ReleasedAt = now;
        CohortLab.FreeSeat();
    }
}
