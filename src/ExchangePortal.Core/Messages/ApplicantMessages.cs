using ExchangePortal.Core.Applications;
using ExchangePortal.Core.Data;
using ExchangePortal.Core.Notifications;
using ExchangePortal.Core.Users;
using Microsoft.EntityFrameworkCore;

namespace ExchangePortal.Core.Messages;

/// <summary>The applicant's side of the thread on their own application: read the messages (never the notes), write to the
/// university's coordinators, who are emailed in their own language.</summary>
public class ApplicantMessages(PortalDbContext db, ProgrammeClock clock, PublicLinks links)
{
    public Task<MessageThread?> ThreadAsync(int id, string userId, CancellationToken ct = default) =>
        MessageThreads.ReadAsync(db, Own(userId), id, withNotes: false, ct);

    /// <summary>False when the application is not the applicant's.</summary>
    public async Task<bool> SendAsync(int id, string text, string userId, CancellationToken ct = default)
    {
        var target = (await MessageThreads.TargetsAsync(Own(userId), [id], ct)).SingleOrDefault();
        if (target is null)
            return false;
        var coordinatorRole = Data.Configurations.RoleConfiguration.RoleId(Roles.UniversityCoordinator);
        var coordinators = await db.Users.AsNoTracking()
            .Where(u => u.Id != userId && u.Email != null && db.UserRoles.Any(r => r.UserId == u.Id && r.RoleId == coordinatorRole))
            .Select(u => new MessageEmails.Reader(u.Email!, u.PreferredCulture, false))
            .ToListAsync(ct);
        MessageThreads.Post(db, target, MessageKind.FromApplicant, userId, text, coordinators, clock, links);
        await db.SaveChangesAsync(ct);
        return true;
    }

    private IQueryable<ExchangeApplication> Own(string userId) => db.Applications.Where(a => a.Doctor.UserId == userId);
}
