namespace ExchangePortal.Core.Stays;

/// <summary>
/// The certificate of completion issued when a stay is completed: a bilingual PDF, kept as issued, and the facts it states,
/// which <c>/Verify/{code}</c> shows to anyone holding its verification code.
/// </summary>
public class StayCertificate
{
    public int Id { get; private set; }
    public int ApplicationId { get; private set; }
    public string Code { get; private set; } = "";
    public string DoctorName { get; private set; } = "";
    public string? DoctorChineseName { get; private set; }
    public string Hospital { get; private set; } = "";
    public string Lab { get; private set; } = "";
    public string University { get; private set; } = "";
    public DateOnly StartsOn { get; private set; }
    public DateOnly EndsOn { get; private set; }
    public DateTimeOffset IssuedAt { get; private set; }
    public byte[] Pdf { get; private set; } = [];

    private StayCertificate() { }

    internal StayCertificate(int applicationId, string code, CertificateFacts facts, byte[] pdf, DateTimeOffset now)
    {
        ApplicationId = applicationId;
        Code = code;
        DoctorName = facts.DoctorName;
        DoctorChineseName = facts.DoctorChineseName;
        Hospital = facts.Hospital;
        Lab = facts.Lab;
        University = facts.University;
        StartsOn = facts.StartsOn;
        EndsOn = facts.EndsOn;
        IssuedAt = now;
        Pdf = pdf;
    }
}

/// <summary>What a certificate states.</summary>
public sealed record CertificateFacts(string DoctorName, string? DoctorChineseName, string Hospital, string Lab, string University,
    DateOnly StartsOn, DateOnly EndsOn);
