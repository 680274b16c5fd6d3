using ExchangePortal.Core.Agreements;
using ExchangePortal.Core.Auditing;
using ExchangePortal.Core.Cohorts;
using ExchangePortal.Core.Data;
using ExchangePortal.Core.Data.Configurations;
using ExchangePortal.Core.Users;
using Ical.Net;
using Ical.Net.CalendarComponents;
using Ical.Net.DataTypes;
using Ical.Net.Serialization;
using Microsoft.EntityFrameworkCore;

namespace ExchangePortal.Core.Programme;

public sealed record CalendarMilestone(int Id, int AgreementId, string Title, string Agreement, DateOnly DueOn, MilestoneStatus Status, bool Owned);

public sealed record CalendarCohort(int Id, string Name, CohortStatus Status, DateOnly OpensOn, DateOnly ClosesOn, DateOnly StartsOn, DateOnly EndsOn);

/// <summary>
/// Each staff member's secret iCalendar feed: the milestones they own or follow and the key dates of the cohorts still
/// ahead. Only the SHA-256 of the URL's token is stored, so the feed is found by its hash and the URL is shown once.
/// </summary>
public class CalendarFeed(PortalDbContext db, ProgrammeClock clock)
{
    private const string UidDomain = "exchange-portal";
    private static readonly string[] StaffRoleIds = Roles.Staff.Select(RoleConfiguration.RoleId).ToArray();

    public async Task<bool> HasFeedAsync(string userId, CancellationToken ct = default) =>
        await db.Users.AsNoTracking().AnyAsync(u => u.Id == userId && u.CalendarTokenHash != null, ct);

    /// <summary>Makes a new secret for the user's feed (the old URL stops working) and returns it; audited.</summary>
    public async Task<string> RegenerateTokenAsync(string userId, CancellationToken ct = default)
    {
        var user = await db.Users.SingleAsync(u => u.Id == userId, ct);
        var had = user.CalendarTokenHash is not null;
        var token = user.RegenerateCalendarToken();
        db.AuditEntries.Add(new AuditEntry(clock.Now, userId, had ? "calendar.regenerated" : "calendar.generated", nameof(PortalUser), userId, new()
        {
            ["CalendarToken"] = new FieldChange(had ? "previous token" : null, "new token"),
        }));
        await db.SaveChangesAsync(ct);
        return token;
    }

    /// <summary>
    /// The feed as iCalendar text, or null when no staff member has this token or an administrator locked the account
    /// (failed sign-ins, which anyone can cause, do not stop the feed).
    /// </summary>
    /// <param name="portalUrl">The portal's address ("https://portal.example"), for the events' links.</param>
    public async Task<string?> RenderAsync(string token, string portalUrl, CancellationToken ct = default)
    {
        if (token.Length is 0 or > 128)
            return null;
        var hash = PortalUser.HashCalendarToken(token);
        var now = clock.Now;
        var userId = await db.Users.AsNoTracking()
            .Where(u => u.CalendarTokenHash == hash && (u.LockoutEnd == null || u.LockoutEnd < PortalUser.AdministratorLockAfter))
            .Where(u => db.UserRoles.Any(r => r.UserId == u.Id && StaffRoleIds.Contains(r.RoleId)))
            .Select(u => u.Id)
            .SingleOrDefaultAsync(ct);
        if (userId is null)
            return null;
        var milestones = await db.Milestones.AsNoTracking()
            .Where(m => m.OwnerId == userId || m.Followers.Any(f => f.Id == userId))
            .OrderBy(m => m.DueOn).ThenBy(m => m.Id)
            .Select(m => new CalendarMilestone(m.Id, m.AgreementId, m.Title, m.Agreement.Title, m.DueOn, m.Status, m.OwnerId == userId))
            .ToListAsync(ct);
        var cohorts = await db.Cohorts.AsNoTracking()
            .Where(c => c.Status != CohortStatus.Completed && c.Status != CohortStatus.Cancelled)
            .OrderBy(c => c.StartsOn).ThenBy(c => c.Id)
            .Select(c => new CalendarCohort(c.Id, c.Name, c.Status, c.ApplicationOpensOn, c.ApplicationClosesOn, c.StartsOn, c.EndsOn))
            .ToListAsync(ct);
        return Serialize(milestones, cohorts, clock.Today, now, portalUrl);
    }

    public static string Serialize(IEnumerable<CalendarMilestone> milestones, IEnumerable<CalendarCohort> cohorts, DateOnly today, DateTimeOffset now,
        string portalUrl)
    {
        var calendar = new Calendar { ProductId = "-//Exchange Portal//Calendar feed//EN" };
        calendar.AddProperty("X-WR-CALNAME", "Exchange Portal");
        foreach (var m in milestones)
        {
            var overdue = MilestoneRules.IsOverdue(m.Status, m.DueOn, today);
            var status = overdue ? "Overdue" : m.Status == MilestoneStatus.InProgress ? "In progress" : m.Status.ToString();
            var link = $"{portalUrl}/Admin/Agreements/{m.AgreementId}";
            calendar.Events.Add(Day($"milestone-{m.Id}", m.DueOn, $"{m.Title} ({status})",
                $"{m.Agreement}\nStatus: {status}\n{(m.Owned ? "You own this milestone." : "You follow this milestone.")}\n{link}",
                link, now, m.Status == MilestoneStatus.Missed ? EventStatus.Cancelled : EventStatus.Confirmed));
        }
        foreach (var c in cohorts)
        {
            var link = $"{portalUrl}/Coordinator/Cohorts/{c.Id}";
            foreach (var (key, on, what) in new[]
            {
                ("window-opens", c.OpensOn, "application window opens"), ("window-closes", c.ClosesOn, "application window closes"),
                ("starts", c.StartsOn, "stay starts"), ("ends", c.EndsOn, "stay ends"),
            })
                calendar.Events.Add(Day($"cohort-{c.Id}-{key}", on, $"{c.Name}: {what}", $"{c.Name} ({c.Status})\n{link}", link, now));
        }
        return new CalendarSerializer().SerializeToString(calendar) ?? "";
    }

    // All-day events with a stable UID, so calendar apps update an item when it moves instead of adding another.
    private static CalendarEvent Day(string uid, DateOnly on, string summary, string description, string link, DateTimeOffset now,
        string status = EventStatus.Confirmed) => new()
        {
            Url = new Uri(link, UriKind.RelativeOrAbsolute),
            Uid = $"{uid}@{UidDomain}",
            Start = new CalDateTime(on),
            End = new CalDateTime(on.AddDays(1)),
            Summary = summary,
            Description = description,
            Status = status,
            DtStamp = new CalDateTime(now.UtcDateTime),
        };
}
