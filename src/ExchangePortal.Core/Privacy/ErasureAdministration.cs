using System.Security.Cryptography;
using ExchangePortal.Core.Applications;
using ExchangePortal.Core.Auditing;
using ExchangePortal.Core.Data;
using ExchangePortal.Core.Notifications;
using Microsoft.EntityFrameworkCore;

namespace ExchangePortal.Core.Privacy;

public sealed record ErasureRequestRow(int Id, string Person, string? Email, ErasureStatus Status, DateTimeOffset RequestedAt,
    DateOnly DueOn, DateTimeOffset? ClosedAt)
{
    public int DaysLeft(DateOnly today) => DueOn.DayNumber - today.DayNumber;

    public bool IsOverdue(DateOnly today) => ErasureRequest.IsOverdue(Status, DueOn, today);
}

public sealed record ErasureApplicationRow(int Id, string Cohort, ApplicationStatus Status);

public sealed record ErasureRequestDetail(ErasureRequestRow Request, uint Version, string? Reason, string? RefusalReason,
    IReadOnlyList<string> Roles, IReadOnlyList<ErasureApplicationRow> Applications);

/// <summary>The programme office's side of erasure requests: the list with its statutory clock, refusing, carrying out.</summary>
public class ErasureAdministration(PortalDbContext db, ProgrammeClock clock, PublicLinks links, PersonErasure erasure)
{
    public const string ChangedMeanwhile = "This request changed while you were looking at it. Reload the page and try again.";
    /// <summary>Pending requests come first, so the list never hides one that waits.</summary>
    public const int ListLimit = 200;

    /// <summary>Pending requests by due date, then the latest closed ones.</summary>
    public async Task<IReadOnlyList<ErasureRequestRow>> ListAsync(CancellationToken ct = default) =>
        await Rows(db.ErasureRequests.AsNoTracking()
            .OrderBy(r => r.Status != ErasureStatus.Pending).ThenBy(r => r.Status == ErasureStatus.Pending ? r.DueOn : DateOnly.MinValue)
            .ThenByDescending(r => r.ClosedAt).ThenBy(r => r.Id)
            .Take(ListLimit))
            .ToListAsync(ct);

    public async Task<ErasureRequestDetail?> GetAsync(int id, CancellationToken ct = default)
    {
        var found = await db.ErasureRequests.AsNoTracking().Where(r => r.Id == id)
            .Select(r => new
            {
                r.Version,
                r.Reason,
                r.RefusalReason,
                Roles = db.UserRoles.Where(ur => ur.UserId == r.UserId).Join(db.Roles, ur => ur.RoleId, role => role.Id, (_, role) => role.Name!).ToList(),
                Applications = db.Applications.Where(a => a.Doctor.UserId == r.UserId).OrderBy(a => a.Cohort.StartsOn)
                    .Select(a => new ErasureApplicationRow(a.Id, a.Cohort.Name, a.Status)).ToList(),
            })
            .SingleOrDefaultAsync(ct);
        if (found is null)
            return null;
        var row = await Rows(db.ErasureRequests.AsNoTracking().Where(r => r.Id == id)).SingleAsync(ct);
        return new ErasureRequestDetail(row, found.Version, found.Reason, found.RefusalReason, found.Roles, found.Applications);
    }

    /// <summary>Refuses a pending request with a reason, which is kept and emailed to the person in their language.</summary>
    public async Task<bool> RefuseAsync(int id, uint version, string reason, string actorId, CancellationToken ct = default)
    {
        var request = await db.ErasureRequests.SingleOrDefaultAsync(r => r.Id == id, ct);
        if (request is null)
            return false;
        if (request.Version != version)
            throw new DomainException(ChangedMeanwhile);
        request.Refuse(reason, actorId, clock.Now);
        var person = await db.Users.Where(u => u.Id == request.UserId).Select(u => new { u.Email, u.PreferredCulture }).SingleOrDefaultAsync(ct);
        if (person?.Email is { } email)
            db.Notifications.Add(ErasureEmails.Refused(email, person.PreferredCulture, request.RefusalReason!, clock, links));
        db.AuditEntries.Add(new AuditEntry(clock.Now, actorId, "erasure.refused", nameof(ErasureRequest), id.ToString()));
        await SaveAsync(db, ct);
        return true;
    }

    /// <summary>
    /// Carries out a pending request in one transaction (<see cref="PersonErasure"/>), then removes the mail pickup files
    /// that name the person. False when the request is not there.
    /// </summary>
    public async Task<bool> CarryOutAsync(int id, uint version, string actorId, CancellationToken ct = default)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var request = await db.ErasureRequests.FromSql($"""SELECT *, xmin FROM "ErasureRequests" WHERE "Id" = {id} FOR UPDATE""")
            .SingleOrDefaultAsync(ct);
        if (request is null)
            return false;
        if (request.Version != version)
            throw new DomainException(ChangedMeanwhile);
        var pseudonym = "Erased person " + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4));
        request.CarryOut(pseudonym, actorId, clock.Now);
        await db.SaveChangesAsync(ct);
        var result = await erasure.EraseAsync(request.UserId, pseudonym, actorId, ct);
        db.AuditEntries.Add(new AuditEntry(clock.Now, actorId, "erasure.carried-out", nameof(ErasureRequest), id.ToString(),
            result.Counts.ToDictionary(c => c.Key, c => new FieldChange(null, c.Value.ToString(System.Globalization.CultureInfo.InvariantCulture)))));
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        erasure.DeleteMailFiles(result.Identifiers);
        return true;
    }

    internal static async Task SaveAsync(PortalDbContext db, CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            throw new DomainException(ChangedMeanwhile);
        }
    }

    private IQueryable<ErasureRequestRow> Rows(IQueryable<ErasureRequest> requests) => requests.Select(r => new ErasureRequestRow(r.Id,
        db.Users.Where(u => u.Id == r.UserId).Select(u => u.DisplayName).FirstOrDefault() ?? r.Pseudonym ?? "",
        db.Users.Where(u => u.Id == r.UserId).Select(u => u.Email).FirstOrDefault(),
        r.Status, r.RequestedAt, r.DueOn, r.ClosedAt));
}
