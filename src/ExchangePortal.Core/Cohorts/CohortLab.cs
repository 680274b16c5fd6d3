using ExchangePortal.Core.HostLabs;

namespace ExchangePortal.Core.Cohorts;

/// <summary>A host lab taking part in a cohort, with its seats. Contended: approvals race for the last seat.</summary>
public class CohortLab
{
    public int Id { get; private set; }
    public int CohortId { get; private set; }
    public ExchangeCohort Cohort { get; private set; } = null!;
    public int HostLabId { get; private set; }
    public HostLab HostLab { get; private set; } = null!;
    public int Seats { get; private set; }
    public int SeatsTaken { get; private set; }
    public uint Version { get; private set; }

    private CohortLab() { }

    internal CohortLab(ExchangeCohort cohort, HostLab lab, int seats)
    {
        if (seats < 0)
            throw new DomainException("Seats cannot be negative.");
        Cohort = cohort;
        HostLab = lab;
        Seats = seats;
    }

    public int SeatsFree => Seats - SeatsTaken;

    public void ChangeSeats(int seats)
    {
        if (seats < SeatsTaken)
            throw new DomainException($"{SeatsTaken} seats are already taken; seats cannot go below that.");
        Seats = seats;
    }

    internal void TakeSeat()
    {
        if (SeatsTaken >= Seats)
            throw new DomainException("This lab has no free seat any more.");
        SeatsTaken++;
    }

    internal void FreeSeat()
    {
        if (SeatsTaken > 0)
            SeatsTaken--;
    }
}
