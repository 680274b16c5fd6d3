using AngleSharp.Html.Dom;
using ExchangePortal.Core.Applications;
using ExchangePortal.Core.Cohorts;
using ExchangePortal.Core.Doctors;
using ExchangePortal.Core.Users;
using Microsoft.EntityFrameworkCore;

namespace ExchangePortal.IntegrationTests.CohortOps;

/// <summary>Applications made for these tests through the entity's own transitions, and the queue's selection form.</summary>
internal static class CohortOpsData
{
    /// <summary>Adds endorsed applications to the demo's open cohort, named "{prefix} 00", "{prefix} 01"…; returns their ids in name order.</summary>
    public static async Task<List<int>> AddEndorsedAsync(PortalFactory portal, string prefix, int count, DateTimeOffset? at = null, int? cohortId = null)
    {
        await using var db = portal.NewDbContext();
        var cohort = await db.Cohorts.Include(c => c.Labs)
            .SingleAsync(c => cohortId == null ? c.Status == CohortStatus.Open : c.Id == cohortId);
        var hospital = await db.Institutions.SingleAsync(i => i.ShortName == "BCTH");
        var endorser = await db.Users.SingleAsync(u => u.Email == "hospital@demo.local");
        var now = at ?? DateTimeOffset.UtcNow;
        var added = new List<ExchangeApplication>();
        for (var i = 0; i < count; i++)
        {
            var email = $"{prefix.Replace(' ', '-').ToLowerInvariant()}-{i:00}-{Guid.NewGuid():N}@test";
            var user = new PortalUser { UserName = email, Email = email, DisplayName = $"{prefix} {i:00}" };
            db.Users.Add(user);
            var application = new ExchangeApplication(cohort, new VisitingDoctor(user, hospital, $"{prefix} {i:00}", email), user.Id, now);
            application.ChooseLabs([cohort.Labs[i % cohort.Labs.Count]], now);
            application.Submit(user.Id, now);
            application.Endorse(endorser.Id, now);
            db.Applications.Add(application);
            added.Add(application);
        }
        await db.SaveChangesAsync();
        return added.Select(a => a.Id).ToList();
    }

    /// <summary>Adds an application in the open cohort with an offer to answer by the end of <paramref name="respondBy"/>
    /// (Hong Kong time), accepted when <paramref name="accept"/>; returns its id.</summary>
    public static async Task<int> AddOfferedAsync(PortalFactory portal, string name, DateOnly respondBy, DateTimeOffset now,
        string? culture = null, bool accept = false)
    {
        await using var db = portal.NewDbContext();
        var cohort = await db.Cohorts.Include(c => c.Labs).ThenInclude(l => l.HostLab).SingleAsync(c => c.Status == CohortStatus.Open);
        var hospital = await db.Institutions.SingleAsync(i => i.ShortName == "BCTH");
        var staff = await db.Users.Where(u => u.Email == "hospital@demo.local" || u.Email == "coordinator@demo.local").ToDictionaryAsync(u => u.Email!);
        var email = $"offer-{Guid.NewGuid():N}@test";
        var user = new PortalUser { UserName = email, Email = email, DisplayName = name, PreferredCulture = culture };
        db.Users.Add(user);
        var application = new ExchangeApplication(cohort, new VisitingDoctor(user, hospital, name, email), user.Id, now.AddDays(-3));
        var lab = cohort.Labs.OrderByDescending(l => l.SeatsFree).First();
        application.ChooseLabs([lab], now.AddDays(-3));
        application.Submit(user.Id, now.AddDays(-3));
        application.Endorse(staff["hospital@demo.local"].Id, now.AddDays(-2));
        application.StartReview(staff["coordinator@demo.local"].Id, now.AddDays(-2));
        var deadline = new Core.ProgrammeClock(TimeProvider.System, Core.ProgrammeClock.DefaultTimeZone).EndOfDay(respondBy);
        application.Approve(lab, "Dr. Supervisor", cohort.StartsOn, cohort.EndsOn, deadline, staff["coordinator@demo.local"].Id, now.AddDays(-1));
        if (accept)
            application.AcceptOffer(user.Id, now.AddHours(-1));
        db.Applications.Add(application);
        await db.SaveChangesAsync();
        return application.Id;
    }

    /// <summary>Ticks every row's box of the queue's selection form, or only those of <paramref name="ids"/>.</summary>
    public static void Select(HtmlForms.Page queue, IEnumerable<int>? ids = null)
    {
        var wanted = ids?.Select(id => id.ToString()).ToHashSet();
        foreach (var box in queue.Document.QuerySelectorAll("#queue-selection input[type=checkbox][name=ids]").Cast<IHtmlInputElement>())
            box.IsChecked = wanted is null || wanted.Contains(box.Value);
    }

    /// <summary>Posts the selection form as its button would (the button's formaction).</summary>
    public static Task<HttpResponseMessage> PressAsync(this HttpClient client, HtmlForms.Page queue, string button)
    {
        var form = (IHtmlFormElement)queue.Document.QuerySelector("#queue-selection")!;
        form.SetAttribute("action", queue.Document.QuerySelector(button)!.GetAttribute("formaction")!);
        return client.SubmitAsync(queue, "#queue-selection", new Dictionary<string, string>());
    }
}
