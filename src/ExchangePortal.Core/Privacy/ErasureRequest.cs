namespace ExchangePortal.Core.Privacy;

public enum ErasureStatus
{
    Pending,
    Cancelled,
    Refused,
    CarriedOut,
}

/// <summary>
/// A person's request to have their data erased, with its statutory clock (PDPO s.19: 40 days to comply). Once carried
/// out it keeps only the random account id (as the audit trail does), the pseudonym and its dates, as evidence that it
/// was handled in time.
/// </summary>
public class ErasureRequest
{
    /// <summary>PDPO: a data access or correction request is answered within 40 days; the office applies the same clock to erasure.</summary>
    public const int StatutoryDays = 40;
    public const int MaxReasonLength = 2000;
    public const int MaxRefusalLength = 4000;

    public int Id { get; private set; }

    /// <summary>The account's id; no foreign key, so the request outlives the account it erased.</summary>
    public string UserId { get; private set; } = "";
    public ErasureStatus Status { get; private set; }
    public string? Reason { get; private set; }
    public DateTimeOffset RequestedAt { get; private set; }
    public DateOnly DueOn { get; private set; }
    public DateTimeOffset? ClosedAt { get; private set; }
    public string? ClosedById { get; private set; }
    public string? RefusalReason { get; private set; }

    /// <summary>"Erased person 7f3a09c1": what applications, history and the audit trail show instead of the person.</summary>
    public string? Pseudonym { get; private set; }
    public uint Version { get; private set; }

    private ErasureRequest() { }

    public ErasureRequest(string userId, string? reason, DateTimeOffset now, DateOnly today)
    {
        UserId = userId;
        Reason = string.IsNullOrWhiteSpace(reason) ? null : reason.Trim();
        RequestedAt = now;
        DueOn = today.AddDays(StatutoryDays);
        Status = ErasureStatus.Pending;
    }

    public static bool IsOverdue(ErasureStatus status, DateOnly dueOn, DateOnly today) => status == ErasureStatus.Pending && today > dueOn;

    public void Cancel(DateTimeOffset now)
    {
        RequirePending();
        Status = ErasureStatus.Cancelled;
        ClosedAt = now;
        ClosedById = UserId;
    }

    public void Refuse(string reason, string actorId, DateTimeOffset now)
    {
        RequirePending();
        if (string.IsNullOrWhiteSpace(reason))
            throw new DomainException("Please give the reason for refusing; the person reads it.");
        Status = ErasureStatus.Refused;
        RefusalReason = reason.Trim();
        ClosedAt = now;
        ClosedById = actorId;
    }

    /// <summary>Marks the request carried out; the person's own words go with the rest of their data.</summary>
    public void CarryOut(string pseudonym, string actorId, DateTimeOffset now)
    {
        RequirePending();
        if (actorId == UserId)
            throw new DomainException("You cannot carry out your own erasure request; another administrator does.");
        Status = ErasureStatus.CarriedOut;
        Pseudonym = pseudonym;
        Reason = null;
        ClosedAt = now;
        ClosedById = actorId;
    }

    private void RequirePending()
    {
        if (Status != ErasureStatus.Pending)
            throw new DomainException(NoLongerPending);
    }

    public const string NoLongerPending = "This erasure request is no longer pending.";
}
