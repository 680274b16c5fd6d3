using ExchangePortal.Core.Users;

namespace ExchangePortal.Core.Privacy;

/// <summary>
/// One decision of a person about one version of the privacy notice: accepted (with each purpose consented to separately)
/// or declined, and when it was withdrawn. A new decision adds a record; none is ever overwritten.
/// </summary>
public class ConsentRecord
{
    public long Id { get; private set; }
    public string UserId { get; private set; } = "";
    public PortalUser User { get; private set; } = null!;
    public string NoticeVersion { get; private set; } = "";
    public bool Accepted { get; private set; }

    /// <summary>Processing of the person's data to run the exchange programme.</summary>
    public bool Programme { get; private set; }

    /// <summary>Sensitive personal information: practising licence, passport or travel permit, insurance (PIPL Art. 28–29).</summary>
    public bool SensitiveData { get; private set; }

    /// <summary>Provision to the host institution outside the mainland (PIPL Art. 38–39).</summary>
    public bool OutsideMainland { get; private set; }

    public DateTimeOffset At { get; private set; }
    public DateTimeOffset? WithdrawnAt { get; private set; }

    private ConsentRecord() { }

    private ConsentRecord(string userId, string version, bool accepted, DateTimeOffset now)
    {
        UserId = userId;
        NoticeVersion = version;
        Accepted = accepted;
        Programme = SensitiveData = OutsideMainland = accepted;
        At = now;
    }

    public static ConsentRecord Given(string userId, string version, DateTimeOffset now) => new(userId, version, true, now);

    public static ConsentRecord Declined(string userId, string version, DateTimeOffset now) => new(userId, version, false, now);

    /// <summary>Whether this consent lets the portal process something new for the person.</summary>
    public bool IsInForce => Accepted && WithdrawnAt is null;

    public void Withdraw(DateTimeOffset now)
    {
        if (!IsInForce)
            throw new DomainException("There is no consent in force to withdraw.");
        WithdrawnAt = now;
    }
}
