using ExchangePortal.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace ExchangePortal.Core.Users;

/// <summary>Choices a user makes about how the portal speaks to them, kept with their account.</summary>
public class UserPreferences(PortalDbContext db)
{
    public async Task SetCultureAsync(string userId, string culture, CancellationToken ct = default)
    {
        var user = await db.Users.SingleAsync(u => u.Id == userId, ct);
        user.PreferredCulture = culture;
        await db.SaveChangesAsync(ct);
    }
}
