using System.IO.Compression;
using System.Text.Json;
using System.Text.Json.Serialization;
using ExchangePortal.Core.Applications;
using ExchangePortal.Core.Auditing;
using ExchangePortal.Core.Data;
using ExchangePortal.Core.Data.Configurations;
using ExchangePortal.Core.Documents;
using ExchangePortal.Core.Users;
using Microsoft.EntityFrameworkCore;

namespace ExchangePortal.Core.Privacy;

public sealed record AccountExport(string Id, string? Email, string? UserName, string DisplayName, string? PhoneNumber, bool EmailConfirmed,
    bool TwoFactorEnabled, string? PreferredCulture, string? Hospital, List<string> Roles);

public sealed record ProfileExport(int Id, string UserId, int HospitalId, string FullName, string? ChineseName, string Title, string Department, string Specialty,
    int YearsOfPractice, string LicenceNumber, string Email, string Phone, string Languages, string Bio, string Hospital);

public sealed record LabChoiceExport(int Rank, string Lab);

public sealed record HistoryExport(DateTimeOffset At, ApplicationStatus? From, ApplicationStatus To, string By, string? Comment);

public sealed record PlacementExport(string Lab, string Supervisor, DateOnly StartsOn, DateOnly EndsOn, DateTimeOffset OfferedAt,
    DateTimeOffset? ReleasedAt);

public sealed record DocumentExport(Guid Id, DocumentKind Kind, string FileName, string ContentType, long SizeBytes, string Sha256,
    DateTimeOffset UploadedAt, DateOnly? ExpiresOn)
{
    /// <summary>Where the original file is inside the ZIP.</summary>
    public string File => PersonalDataExport.FilePath(Id, FileName);
}

public sealed record ApplicationExport(int Id, string Cohort, ApplicationStatus Status, string Plan, DateOnly? IntendedStartOn,
    DateOnly? IntendedEndOn, bool EndorsementRequired, DateTimeOffset CreatedAt, DateTimeOffset? SubmittedAt, DateTimeOffset UpdatedAt,
    DateTimeOffset? OfferRespondBy, string? WaitlistedFor, List<LabChoiceExport> LabChoices, List<HistoryExport> History,
    PlacementExport? Placement, List<DocumentExport> Documents, List<MessageExport> Messages);

/// <summary>A message of the application's thread (the coordinators' internal notes are not the person's to read).</summary>
public sealed record MessageExport(DateTimeOffset SentAt, Messages.MessageKind Kind, string By, string Text);

public sealed record NotificationExport(DateTimeOffset CreatedAt, string Kind, string To, string Subject, string Body, DateTimeOffset? SentAt);

public sealed record PersonalData(DateTimeOffset ExportedAt, AccountExport Account, IReadOnlyList<ConsentRow> Consents, ProfileExport? Profile,
    IReadOnlyList<ApplicationExport> Applications, IReadOnlyList<NotificationExport> Notifications, IReadOnlyList<AccessRow> AccessLog);

/// <summary>
/// "Download my data": everything the portal keeps about the person as one JSON (data.json) plus the original files of
/// their documents, in a ZIP; the download is audited.
/// </summary>
public class PersonalDataExport(PortalDbContext db, AccountPrivacy privacy, ProgrammeClock clock)
{
    public const string DataFile = "data.json";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        Converters = { new JsonStringEnumConverter() },
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static string FilePath(Guid documentId, string fileName) => $"documents/{documentId:N}/{fileName}";

    /// <summary>Writes the ZIP to <paramref name="output"/>; false when there is no such account.</summary>
    public async Task<bool> WriteAsync(string userId, Stream output, CancellationToken ct = default)
    {
        var data = await ReadAsync(userId, ct);
        if (data is null)
            return false;
        using (var zip = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true))
        {
            await using (var json = zip.CreateEntry(DataFile, CompressionLevel.Optimal).Open())
                await JsonSerializer.SerializeAsync(json, data, Json, ct);
            // One document's bytes in memory at a time.
            await foreach (var document in db.Documents.AsNoTracking().Where(d => d.Application!.Doctor.UserId == userId)
                               .Select(d => new { d.Id, d.FileName, d.Content.Bytes }).AsAsyncEnumerable().WithCancellation(ct))
            {
                await using var entry = zip.CreateEntry(FilePath(document.Id, document.FileName), CompressionLevel.Fastest).Open();
                await entry.WriteAsync(document.Bytes, ct);
            }
        }
        db.AuditEntries.Add(new AuditEntry(clock.Now, userId, "personalData.downloaded", nameof(PortalUser), userId, new()
        {
            ["Applications"] = new(null, string.Join(",", data.Applications.Select(a => a.Id))),
            ["Documents"] = new(null, string.Join(",", data.Applications.SelectMany(a => a.Documents).Select(d => d.Id))),
        }, [userId]));
        await db.SaveChangesAsync(ct);
        return true;
    }

    private async Task<PersonalData?> ReadAsync(string userId, CancellationToken ct)
    {
        var account = await db.Users.AsNoTracking().Where(u => u.Id == userId)
            .Select(u => new AccountExport(u.Id, u.Email, u.UserName, u.DisplayName, u.PhoneNumber, u.EmailConfirmed, u.TwoFactorEnabled,
                u.PreferredCulture, u.Hospital == null ? null : u.Hospital.Name,
                db.UserRoles.Where(r => r.UserId == u.Id).Select(r => r.RoleId).ToList()))
            .SingleOrDefaultAsync(ct);
        if (account is null)
            return null;
        account = account with { Roles = Roles.All.Where(r => account.Roles.Contains(RoleConfiguration.RoleId(r))).ToList() };
        var profile = await db.Doctors.AsNoTracking().Where(d => d.UserId == userId)
            .Select(d => new ProfileExport(d.Id, d.UserId, d.HospitalId, d.FullName, d.ChineseName, d.Title, d.Department, d.Specialty, d.YearsOfPractice,
                d.LicenceNumber, d.Email, d.Phone, d.Languages, d.Bio, d.Hospital.Name))
            .SingleOrDefaultAsync(ct);
        var applications = await db.Applications.AsNoTracking().AsSplitQuery().Where(a => a.Doctor.UserId == userId).OrderBy(a => a.Id)
            .Select(a => new ApplicationExport(a.Id, a.Cohort.Name, a.Status, a.Plan, a.IntendedStartOn, a.IntendedEndOn, a.EndorsementRequired,
                a.CreatedAt, a.SubmittedAt, a.UpdatedAt, a.OfferRespondBy, a.WaitlistedFor == null ? null : a.WaitlistedFor.HostLab.Name,
                a.LabChoices.OrderBy(c => c.Rank).Select(c => new LabChoiceExport(c.Rank, c.CohortLab.HostLab.Name)).ToList(),
                a.History.OrderBy(h => h.At).ThenBy(h => h.Id)
                    .Select(h => new HistoryExport(h.At, h.From, h.To, h.Actor == null ? "Exchange Portal" : h.Actor.DisplayName, h.Comment)).ToList(),
                a.Placement == null ? null : new PlacementExport(a.Placement.CohortLab.HostLab.Name, a.Placement.Supervisor, a.Placement.StartsOn,
                    a.Placement.EndsOn, a.Placement.OfferedAt, a.Placement.ReleasedAt),
                db.Documents.Where(d => d.ApplicationId == a.Id).OrderBy(d => d.Kind).ThenBy(d => d.UploadedAt)
                    .Select(d => new DocumentExport(d.Id, d.Kind, d.FileName, d.ContentType, d.SizeBytes, d.Sha256, d.UploadedAt, d.ExpiresOn)).ToList(),
                db.ApplicationMessages.Where(m => m.ApplicationId == a.Id && m.Kind != Messages.MessageKind.InternalNote).OrderBy(m => m.SentAt).ThenBy(m => m.Id)
                    .Select(m => new MessageExport(m.SentAt, m.Kind, m.Author == null ? m.ErasedAuthor ?? "Exchange Portal" : m.Author.DisplayName, m.Text)).ToList()))
            .ToListAsync(ct);
        var addresses = new[] { account.Email, profile?.Email }.Where(a => a is not null).Select(a => a!).Distinct().ToList();
        var notifications = await db.Notifications.AsNoTracking().Where(n => addresses.Contains(n.ToAddress)).OrderBy(n => n.CreatedAt)
            .Select(n => new NotificationExport(n.CreatedAt, n.Kind, n.ToAddress, n.Subject, n.Body, n.SentAt))
            .ToListAsync(ct);
        var consents = await AccountPrivacy.ConsentHistory(db, userId).ToListAsync(ct);
        var access = await privacy.AccessLogAsync(userId, (await AccountPrivacy.ApplicationsOf(db, userId).ToListAsync(ct)).Select(a => a.University), null, ct);
        return new PersonalData(clock.Now, account, consents, profile, applications, notifications, access);
    }
}
