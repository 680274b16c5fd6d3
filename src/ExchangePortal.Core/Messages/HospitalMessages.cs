using ExchangePortal.Core.Applications;
using ExchangePortal.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace ExchangePortal.Core.Messages;

/// <summary>A hospital coordinator reads the thread of an application of their own hospital's staff (never the notes); they
/// do not write in it.</summary>
public class HospitalMessages(PortalDbContext db)
{
    public async Task<MessageThread?> ThreadAsync(int id, string userId, CancellationToken ct = default)
    {
        var hospitalId = await db.Users.Where(u => u.Id == userId).Select(u => u.HospitalId).SingleOrDefaultAsync(ct);
        if (hospitalId is null)
            return null;
        var scope = db.Applications.Where(a => a.Doctor.HospitalId == hospitalId && a.Status != ApplicationStatus.Draft);
        return await MessageThreads.ReadAsync(db, scope, id, withNotes: false, ct);
    }
}
