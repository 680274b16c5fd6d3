using System.Net;
using ExchangePortal.Core.Agreements;
using ExchangePortal.Core.Data;
using ExchangePortal.Core.Data.Configurations;
using ExchangePortal.Core.Institutions;
using ExchangePortal.Core.Notifications;
using ExchangePortal.Core.Users;
using ExchangePortal.Web.Setup;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace ExchangePortal.IntegrationTests.Cycle;

[Collection(PostgresCollection.Name)]
public class AgreementExpiryTests(FakeClockPortalFactory portal) : IClassFixture<FakeClockPortalFactory>
{
    private const string Admin = "admin@demo.local";

    [Fact]
    public async Task Administrators_are_reminded_180_90_and_30_days_before_an_agreement_ends_once_each()
    {
        var title = $"Ending agreement {Guid.NewGuid():N}";
        var id = await AddActiveAgreementAsync(title, portal.Today.AddDays(181));
        var endsOn = portal.Today.AddDays(181);
        var administrators = await AdministratorIdsAsync();

        var keysByDay = new List<string[]>();
        var queuedAgain = new List<int>();
        foreach (var advance in new[] { 0, 1, 1, 89, 1, 59, 1, 30, 2 })
        {
            portal.Time.Advance(TimeSpan.FromDays(advance));
            await RemindAsync();
            queuedAgain.Add(await RemindAsync());
            await using var db = portal.NewDbContext();
            keysByDay.Add(await db.SentReminders.Where(r => r.Key.StartsWith($"agreement:{id}:")).Select(r => r.Key).ToArrayAsync());
        }

        // 181 days left: nothing; 180: the 180-day one; 179: nothing new; 90; 89; 30; 29; the end day; after it: nothing new.
        Assert.Equal(new[] { 0, 1, 1, 2, 2, 3, 3, 3, 3 }.Select(n => n * administrators.Count), keysByDay.Select(k => k.Length));
        Assert.All(queuedAgain, n => Assert.Equal(0, n));
        foreach (var window in new[] { 180, 90, 30 })
            foreach (var administrator in administrators)
                Assert.Contains($"agreement:{id}:ends-{window}:{endsOn:yyyy-MM-dd}:{administrator}", keysByDay[^1]);
        await using var after = portal.NewDbContext();
        var emails = await after.Notifications.Where(n => n.ToAddress == Admin && n.Subject.Contains(title)).OrderBy(n => n.Id).ToListAsync();
        Assert.Equal(["reminder.agreement.ends-180", "reminder.agreement.ends-90", "reminder.agreement.ends-30"], emails.Select(n => n.Kind));
        Assert.Equal($"Agreement ends on {endsOn:yyyy-MM-dd}: {title}", emails[0].Subject);
        Assert.Contains("(in 180 days)", emails[0].Body);
        Assert.Contains("(in 30 days)", emails[2].Body);
        Assert.All(emails, n => Assert.Contains($"{PortalFactory.PublicUrl}Admin/Agreements/{id}", n.Body));
    }

    [Fact]
    public async Task An_administrator_who_reads_chinese_gets_the_reminder_in_chinese()
    {
        var title = $"Chinese reminder {Guid.NewGuid():N}";
        await AddActiveAgreementAsync(title, portal.Today.AddDays(90));
        await SetCultureAsync("zh-Hans");
        try
        {
            await RemindAsync();
        }
        finally
        {
            await SetCultureAsync(null);
        }

        await using var db = portal.NewDbContext();
        var email = await db.Notifications.SingleAsync(n => n.ToAddress == Admin && n.Subject.Contains(title));
        Assert.Equal("reminder.agreement.ends-90", email.Kind);
        Assert.StartsWith("协议将于", email.Subject);
        Assert.Contains("创建续签里程碑", email.Body);
    }

    [Fact]
    public async Task An_active_agreement_expires_by_itself_the_day_after_its_end_once_and_audited()
    {
        var title = $"Expiring agreement {Guid.NewGuid():N}";
        var id = await AddActiveAgreementAsync(title, portal.Today.AddDays(1));
        var draftId = await AddAgreementAsync($"Draft past its end {Guid.NewGuid():N}", portal.Today.AddDays(1), sign: false);

        var statuses = new List<AgreementStatus>();
        foreach (var advance in new[] { 0, 1, 1, 1 })
        {
            portal.Time.Advance(TimeSpan.FromDays(advance));
            await RunJobAsync();
            await using var db = portal.NewDbContext();
            statuses.Add(await db.Agreements.Where(a => a.Id == id).Select(a => a.Status).SingleAsync());
        }

        Assert.Equal([AgreementStatus.Active, AgreementStatus.Active, AgreementStatus.Expired, AgreementStatus.Expired], statuses);
        await using var after = portal.NewDbContext();
        var audit = await after.AuditEntries.SingleAsync(e => e.RecordType == nameof(Agreement) && e.RecordId == id.ToString() && e.Action == "agreement.expired");
        Assert.Null(audit.ActorId);
        Assert.Equal(new Core.Auditing.FieldChange("Active", "Expired"), audit.Changes["Status"]);
        Assert.Equal(AgreementStatus.Draft, await after.Agreements.Where(a => a.Id == draftId).Select(a => a.Status).SingleAsync());
        var client = await portal.SignInAsync(Admin);
        var list = await client.GetPageAsync("/Admin/Agreements");
        var row = list.Document.QuerySelectorAll("tr").Single(r => r.TextContent.Contains(title));
        Assert.Contains("Expired", row.TextContent);
        var details = await client.GetPageAsync($"/Admin/Agreements/{id}");
        Assert.Null(details.Document.QuerySelector("#renewal-form"));
        Assert.Contains("Status: Active → Expired", details.Document.QuerySelectorAll("#history .history-change").Select(c => c.TextContent));
    }

    [Fact]
    public async Task The_reminders_link_leads_to_the_agreement_where_a_renewal_milestone_is_created_once()
    {
        var title = $"Renewed agreement {Guid.NewGuid():N}";
        var endsOn = portal.Today.AddDays(100);
        var id = await AddActiveAgreementAsync(title, endsOn);
        await RemindAsync();
        await using (var db = portal.NewDbContext())
        {
            var email = await db.Notifications.SingleAsync(n => n.ToAddress == Admin && n.Subject.Contains(title));
            Assert.Equal("reminder.agreement.ends-180", email.Kind);
        }
        var client = await portal.SignInAsync(Admin);
        var page = await client.GetPageAsync($"/Admin/Agreements/{id}");

        var created = await client.SubmitAsync(page, "#renewal-form", new Dictionary<string, string>());
        var shown = await client.GetPageAsync($"/Admin/Agreements/{id}");
        var again = await client.SubmitAsync(page, "#renewal-form", new Dictionary<string, string>());

        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Contains("This agreement already has an open renewal milestone.", (await HtmlForms.ParseAsync(again)).Text());
        await using var after = portal.NewDbContext();
        var renewal = await after.Milestones.Include(m => m.Owner).SingleAsync(m => m.AgreementId == id);
        Assert.Equal(($"Renewal of {title}", endsOn.AddDays(-MilestoneAdministration.RenewalLeadDays), Admin, MilestoneStatus.Planned),
            (renewal.Title, renewal.DueOn, renewal.Owner!.Email, renewal.Status));
        Assert.True(await after.AuditEntries.AnyAsync(e => e.RecordId == renewal.Id.ToString() && e.Action == "milestone.created"));
        Assert.Contains("Renewal milestone created.", shown.Document.Text());
        Assert.Contains($"Renewal of {title}", shown.Document.QuerySelector("#milestones")!.TextContent);
    }

    [Fact]
    public async Task No_renewal_is_offered_or_accepted_while_the_end_is_more_than_180_days_away()
    {
        var id = await AddActiveAgreementAsync($"Far from its end {Guid.NewGuid():N}", portal.Today.AddDays(181));
        var nearId = await AddActiveAgreementAsync($"Near its end {Guid.NewGuid():N}", portal.Today.AddDays(180));
        var client = await portal.SignInAsync(Admin);
        var near = await client.GetPageAsync($"/Admin/Agreements/{nearId}");
        var far = await client.GetPageAsync($"/Admin/Agreements/{id}");
        near.Document.QuerySelector("#renewal-form")!.SetAttribute("action", $"/Admin/Agreements/{id}?handler=Renewal");

        var refused = await client.SubmitAsync(near, "#renewal-form", new Dictionary<string, string>());
        near.Document.QuerySelector("#renewal-form")!.SetAttribute("action", "/Admin/Agreements/999999?handler=Renewal");
        var unknown = await client.SubmitAsync(near, "#renewal-form", new Dictionary<string, string>());

        Assert.Null(far.Document.QuerySelector("#renewal-form"));
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains("A renewal milestone can be created for an active agreement within 180 days of its end.", (await HtmlForms.ParseAsync(refused)).Text());
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        await using var db = portal.NewDbContext();
        Assert.False(await db.Milestones.AnyAsync(m => m.AgreementId == id));
    }

    private async Task<int> RemindAsync()
    {
        await using var scope = portal.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<Reminders>().SendDueAsync();
    }

    /// <summary>One round of the hourly job, as each instance runs it: expiry, then the day's reminders.</summary>
    private async Task RunJobAsync()
    {
        await using var scope = portal.Services.CreateAsyncScope();
        await new ReminderJob(Options.Create(new ReminderOptions { Hour = 0 })).RunAsync(scope.ServiceProvider, CancellationToken.None);
    }

    private Task<int> AddActiveAgreementAsync(string title, DateOnly endsOn) => AddAgreementAsync(title, endsOn, sign: true);

    private async Task<int> AddAgreementAsync(string title, DateOnly endsOn, bool sign)
    {
        await using var db = portal.NewDbContext();
        var university = await db.Institutions.OrderBy(i => i.Id).FirstAsync(i => i.Kind == InstitutionKind.University);
        var hospital = await db.Institutions.OrderBy(i => i.Id).FirstAsync(i => i.Kind == InstitutionKind.Hospital);
        var startsOn = portal.Today.AddYears(-1);
        var agreement = new Agreement(title, university, hospital, startsOn, endsOn);
        if (sign)
            agreement.Sign(startsOn, [new AgreementSignatory("Prof. Henry Cheung", "President", university)]);
        db.Agreements.Add(agreement);
        await db.SaveChangesAsync();
        return agreement.Id;
    }

    private async Task<List<string>> AdministratorIdsAsync()
    {
        await using var db = portal.NewDbContext();
        var role = RoleConfiguration.RoleId(Roles.Administrator);
        return await db.UserRoles.Where(r => r.RoleId == role).Select(r => r.UserId).ToListAsync();
    }

    private async Task SetCultureAsync(string? culture)
    {
        await using var db = portal.NewDbContext();
        await db.Users.Where(u => u.Email == Admin).ExecuteUpdateAsync(s => s.SetProperty(u => u.PreferredCulture, culture));
    }
}
