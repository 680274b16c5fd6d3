using System.Security.Cryptography;
using ExchangePortal.Core.Applications;
using ExchangePortal.Core.Auditing;
using ExchangePortal.Core.Data;
using ExchangePortal.Core.Documents;
using ExchangePortal.Core.Notifications;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace ExchangePortal.Core.Stays;

/// <summary>What <c>/Verify/{code}</c> shows about a genuine certificate.</summary>
public sealed record CertificateCheck(string Code, string DoctorName, string? DoctorChineseName, string Hospital, string Lab,
    string University, DateOnly StartsOn, DateOnly EndsOn, DateTimeOffset IssuedAt);

/// <summary>
/// Certificates of completion: issued with the completion, downloaded by the doctor and by their hospital's coordinators
/// (every download audited), checked by anyone holding the verification code.
/// </summary>
public class StayCertificates(PortalDbContext db, ProgrammeClock clock, PublicLinks links, IOptions<CertificateOptions> options)
{
    // Crockford's base 32: no I, L, O or U to misread; 16 characters are 80 random bits.
    private const string Alphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

    /// <summary>Renders the certificate of a stay being completed and adds it to the caller's unit of work.</summary>
    internal async Task IssueAsync(ExchangeApplication application, CancellationToken ct)
    {
        var facts = await db.Applications.Where(a => a.Id == application.Id)
            .Select(a => new CertificateFacts(a.Doctor.FullName, a.Doctor.ChineseName, a.Doctor.Hospital.Name,
                a.Placement!.CohortLab.HostLab.Name, a.Cohort.Agreement.University.Name, a.Placement.StartsOn, a.Placement.EndsOn))
            .SingleAsync(ct);
        var code = NewCode();
        var pdf = CertificatePdf.Render(facts, code, links.To($"/Verify/{code}"), options.Value.FontPath);
        db.Certificates.Add(new StayCertificate(application.Id, code, facts, pdf, clock.Now));
    }

    /// <summary>The doctor's own certificate; null when there is none in their scope.</summary>
    public Task<DocumentFile?> OpenForApplicantAsync(int applicationId, string userId, CancellationToken ct = default) =>
        OpenAsync(db.Certificates.Where(c => c.ApplicationId == applicationId
            && db.Applications.Any(a => a.Id == applicationId && a.Doctor.UserId == userId)), userId, ct);

    /// <summary>The certificate of one of the coordinator's own hospital's staff; null otherwise.</summary>
    public Task<DocumentFile?> OpenForHospitalAsync(int applicationId, string userId, CancellationToken ct = default) =>
        OpenAsync(db.Certificates.Where(c => c.ApplicationId == applicationId
            && db.Applications.Any(a => a.Id == applicationId
                && db.Users.Any(u => u.Id == userId && u.HospitalId != null && u.HospitalId == a.Doctor.HospitalId))), userId, ct);

    /// <summary>The certificate a code belongs to; null for an unknown (or malformed) code.</summary>
    public async Task<CertificateCheck?> VerifyAsync(string? code, CancellationToken ct = default)
    {
        if (Normalize(code) is not { } normalized)
            return null;
        return await db.Certificates.AsNoTracking().Where(c => c.Code == normalized)
            .Select(c => new CertificateCheck(c.Code, c.DoctorName, c.DoctorChineseName, c.Hospital, c.Lab, c.University, c.StartsOn,
                c.EndsOn, c.IssuedAt))
            .SingleOrDefaultAsync(ct);
    }

    /// <summary>A code as people type it (lower case, spaces, no dashes) in its stored form; null when it cannot be one.</summary>
    public static string? Normalize(string? code)
    {
        var letters = new string((code ?? "").Where(c => c is not ('-' or ' ')).Select(char.ToUpperInvariant).ToArray());
        return letters.Length == 16 && letters.All(Alphabet.Contains) ? string.Join('-', letters.Chunk(4).Select(c => new string(c))) : null;
    }

    private static string NewCode() =>
        string.Join('-', Enumerable.Range(0, 4).Select(_ => new string(Enumerable.Range(0, 4)
            .Select(_ => Alphabet[RandomNumberGenerator.GetInt32(Alphabet.Length)]).ToArray())));

    private async Task<DocumentFile?> OpenAsync(IQueryable<StayCertificate> allowed, string userId, CancellationToken ct)
    {
        var certificate = await allowed.AsNoTracking().Select(c => new { c.Id, c.ApplicationId, c.Pdf, c.Code }).SingleOrDefaultAsync(ct);
        if (certificate is null)
            return null;
        db.AuditEntries.Add(new AuditEntry(clock.Now, userId, "certificate.downloaded", nameof(ExchangeApplication),
            certificate.ApplicationId.ToString()));
        await db.SaveChangesAsync(ct);
        return new DocumentFile(certificate.Pdf, "application/pdf", $"certificate-{certificate.Code}.pdf");
    }
}
