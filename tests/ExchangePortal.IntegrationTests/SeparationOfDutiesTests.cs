using ExchangePortal.Core.Privacy;
using System.Globalization;
using System.Net;
using ExchangePortal.Core.Applications;
using ExchangePortal.Core.Cohorts;
using ExchangePortal.Core.Data.Configurations;
using ExchangePortal.Core.Demo;
using ExchangePortal.Core.Doctors;
using ExchangePortal.Core.Users;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace ExchangePortal.IntegrationTests;

/// <summary>A person who holds the Applicant role and a staff role never decides on their own application: the page
/// offers no decision, and a decision posted all the same is refused, audited, and changes nothing.</summary>
[Collection(PostgresCollection.Name)]
public class SeparationOfDutiesTests(PortalFactory portal) : IClassFixture<PortalFactory>
{
    private const string Refusal = "You cannot decide on your own application; ask another coordinator.";

    /// <summary>The application a dual-role person holds, and what a decision form on it would send.</summary>
    public sealed record Own(string Email, string UserId, int Id, uint Version, int LabId, DateOnly StartsOn, DateOnly EndsOn);

    /// <summary>A decision verb: who takes it, from which status, the form it has for other people's applications and
    /// the handler and values that form posts.</summary>
    public sealed record Verb(string Role, ApplicationStatus From, string Form, string Handler, Func<Own, Dictionary<string, string>> Values);

    private static readonly Dictionary<string, Verb> Verbs = new()
    {
        ["endorse"] = new(Roles.HospitalCoordinator, ApplicationStatus.Submitted, "#endorse-form", "Endorse", _ => new() { ["Endorsement.Comment"] = "Recommended." }),
        ["decline"] = new(Roles.HospitalCoordinator, ApplicationStatus.Submitted, "#decline-form", "Decline", _ => new() { ["Decline.Reason"] = "Needed on the ward." }),
        ["start review"] = new(Roles.UniversityCoordinator, ApplicationStatus.Endorsed, "#start-review-form", "StartReview", _ => new()),
        ["request changes"] = new(Roles.UniversityCoordinator, ApplicationStatus.UnderReview, "#request-changes-form", "RequestChanges", _ => new() { ["changes.Text"] = "Add a plan." }),
        ["approve"] = new(Roles.UniversityCoordinator, ApplicationStatus.UnderReview, "#approve-form", "Approve", own => new()
        {
            ["approval.CohortLabId"] = own.LabId.ToString(CultureInfo.InvariantCulture),
            ["approval.Supervisor"] = "Dr. Grace Wong",
            ["approval.StartsOn"] = own.StartsOn.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            ["approval.EndsOn"] = own.EndsOn.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            ["approval.RespondBy"] = DateOnly.FromDateTime(DateTime.UtcNow.AddDays(7)).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        }),
        ["waitlist"] = new(Roles.UniversityCoordinator, ApplicationStatus.UnderReview, "#waitlist-form", "Waitlist",
            own => new() { ["waitlist.CohortLabId"] = own.LabId.ToString(CultureInfo.InvariantCulture) }),
        ["reject"] = new(Roles.UniversityCoordinator, ApplicationStatus.UnderReview, "#reject-form", "Reject", _ => new() { ["rejection.Text"] = "Not this time." }),
        ["mark arrived"] = new(Roles.UniversityCoordinator, ApplicationStatus.Confirmed, "#arrived-form", "Arrived", _ => new()),
        ["complete"] = new(Roles.UniversityCoordinator, ApplicationStatus.InProgress, "#complete-form", "Complete", _ => new()),
        ["cancel"] = new(Roles.Administrator, ApplicationStatus.Confirmed, "#stay-{0} .cancel-form", "Cancel", _ => new() { ["cancel.Reason"] = "Visa refused." }),
    };

    [Theory]
    [InlineData("endorse")]
    [InlineData("decline")]
    [InlineData("start review")]
    [InlineData("request changes")]
    [InlineData("approve")]
    [InlineData("waitlist")]
    [InlineData("reject")]
    [InlineData("mark arrived")]
    [InlineData("complete")]
    [InlineData("cancel")]
    public async Task A_staff_member_cannot_decide_on_their_own_application(string name)
    {
        var verb = Verbs[name];
        var own = await OwnApplicationAsync(verb.Role, verb.From);
        await using var before = portal.NewDbContext();
        var seatsTaken = await before.CohortLabs.SumAsync(l => l.SeatsTaken);
        var client = await portal.SignInAsync(own.Email);
        var page = await client.GetPageAsync(PageOf(verb.Role, own.Id));
        Assert.Equal(HttpStatusCode.OK, page.Response.StatusCode);
        Assert.Null(page.Document.QuerySelector(string.Format(CultureInfo.InvariantCulture, verb.Form, own.Id)));
        Assert.NotNull(page.Document.QuerySelector(verb.Role == Roles.Administrator ? $"#stay-{own.Id} .own-stay" : "#own-application"));

        var response = await PostAnywayAsync(client, page, verb, own);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(Refusal, (await HtmlForms.ParseAsync(response)).Text());
        await using var db = portal.NewDbContext();
        Assert.Equal(verb.From, await db.Applications.Where(a => a.Id == own.Id).Select(a => a.Status).SingleAsync());
        Assert.Equal(seatsTaken, await db.CohortLabs.SumAsync(l => l.SeatsTaken));
        Assert.True(await db.AuditEntries.AnyAsync(e => e.Action == "application.self-decision.refused" && e.ActorId == own.UserId
            && e.RecordId == own.Id.ToString()));
        Assert.False(await db.AuditEntries.AnyAsync(e => e.Action == "application.status" && e.RecordId == own.Id.ToString()));
    }

    [Fact]
    public async Task The_refusal_and_the_note_come_in_chinese()
    {
        var own = await OwnApplicationAsync(Roles.HospitalCoordinator, ApplicationStatus.Submitted);
        var client = await portal.SignInAsync(own.Email);
        var languages = await client.GetPageAsync("/Hospital");
        await client.SubmitAsync(languages, "#language-form", new Dictionary<string, string> { ["culture"] = "zh-Hans" });
        var page = await client.GetPageAsync($"/Hospital/Applications/{own.Id}");

        var response = await PostAnywayAsync(client, page, Verbs["endorse"], own);

        Assert.Equal("这是您自己的申请：由您所在医院的另一位协调员负责推荐。", page.Document.QuerySelector("#own-application")!.TextContent);
        Assert.Contains("您不能对自己的申请做出决定；请另一位协调员处理。", (await HtmlForms.ParseAsync(response)).Text());
    }

    [Fact]
    public async Task The_same_person_still_decides_on_other_peoples_applications()
    {
        var own = await OwnApplicationAsync(Roles.UniversityCoordinator, ApplicationStatus.UnderReview);
        var other = await OwnApplicationAsync(Roles.HospitalCoordinator, ApplicationStatus.Endorsed);
        var client = await portal.SignInAsync(own.Email);
        var page = await client.GetPageAsync($"/Coordinator/Applications/{other.Id}");

        var response = await client.SubmitAsync(page, "#start-review-form", new Dictionary<string, string>());

        Assert.Null(page.Document.QuerySelector("#own-application"));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        await using var db = portal.NewDbContext();
        Assert.Equal(ApplicationStatus.UnderReview, await db.Applications.Where(a => a.Id == other.Id).Select(a => a.Status).SingleAsync());
        Assert.False(await db.AuditEntries.AnyAsync(e => e.Action == "application.self-decision.refused" && e.ActorId == own.UserId));
    }

    [Fact]
    public async Task The_administrators_user_page_shows_both_roles()
    {
        var own = await OwnApplicationAsync(Roles.UniversityCoordinator, ApplicationStatus.UnderReview);
        var admin = await portal.SignInAsync("admin@demo.local");

        var page = await admin.GetPageAsync($"/Admin/Users/Edit/{own.UserId}");

        var held = page.Document.QuerySelectorAll("#roles-form .form-check")
            .Where(box => ((AngleSharp.Html.Dom.IHtmlInputElement)box.QuerySelector("input[type=checkbox]")!).IsChecked)
            .Select(box => box.QuerySelector("input[type=hidden][name$='.Value']")!.GetAttribute("value")).ToList();
        Assert.Equal([Roles.Applicant, Roles.UniversityCoordinator], held.Order());
        Assert.Contains(own.Email, page.Document.Text());
    }

    private static string PageOf(string role, int id) => role switch
    {
        Roles.HospitalCoordinator => $"/Hospital/Applications/{id}",
        Roles.Administrator => "/Admin/Stays",
        _ => $"/Coordinator/Applications/{id}",
    };

    /// <summary>Posts what the verb's form would send, with the antiforgery token of the page the person sees.</summary>
    private static Task<HttpResponseMessage> PostAnywayAsync(HttpClient client, HtmlForms.Page page, Verb verb, Own own)
    {
        var fields = verb.Values(own);
        fields["version"] = own.Version.ToString(CultureInfo.InvariantCulture);
        fields["__RequestVerificationToken"] = page.Document.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        var url = verb.Role == Roles.Administrator ? $"/Admin/Stays?id={own.Id}&handler={verb.Handler}" : $"{PageOf(verb.Role, own.Id)}?handler={verb.Handler}";
        return client.PostAsync(url, new FormUrlEncodedContent(fields));
    }

    /// <summary>A new account at the demo hospital with the Applicant role and <paramref name="staffRole"/>, whose own
    /// application in the open cohort was brought to <paramref name="status"/> by other people.</summary>
    private async Task<Own> OwnApplicationAsync(string staffRole, ApplicationStatus status)
    {
        await using var db = portal.NewDbContext();
        var cohort = await db.Cohorts.Include(c => c.Labs).ThenInclude(l => l.HostLab).SingleAsync(c => c.Status == CohortStatus.Open);
        var hospital = await db.Institutions.SingleAsync(i => i.ShortName == "BCTH");
        var coordinator = await db.Users.Where(u => u.Email == "coordinator@demo.local").Select(u => u.Id).SingleAsync();
        var endorser = await db.Users.Where(u => u.Email == "hospital@demo.local").Select(u => u.Id).SingleAsync();
        var email = $"self-{Guid.NewGuid():N}@test";
        var user = new PortalUser
        {
            UserName = email,
            NormalizedUserName = email.ToUpperInvariant(),
            Email = email,
            NormalizedEmail = email.ToUpperInvariant(),
            EmailConfirmed = true,
            DisplayName = "Dr. Dual Role",
            HospitalId = hospital.Id,
            SecurityStamp = Guid.NewGuid().ToString("N"),
        };
        user.PasswordHash = new PasswordHasher<PortalUser>().HashPassword(user, DemoData.Password);
        db.Users.Add(user);
        db.UserRoles.AddRange(new[] { Roles.Applicant, staffRole }.Select(r => new IdentityUserRole<string> { UserId = user.Id, RoleId = RoleConfiguration.RoleId(r) }));
        var lab = cohort.Labs.OrderByDescending(l => l.SeatsFree).First();
        var now = DateTimeOffset.UtcNow;
        db.ConsentRecords.Add(ConsentRecord.Given(user.Id, PrivacyNotice.Latest, now));
        var application = new ExchangeApplication(cohort, new VisitingDoctor(user, hospital, "Dr. Dual Role", email), user.Id, now);
        application.ChooseLabs([lab], now);
        application.Submit(user.Id, now);
        if (status != ApplicationStatus.Submitted)
            application.Endorse(endorser, now);
        if (status is ApplicationStatus.UnderReview or ApplicationStatus.Confirmed or ApplicationStatus.InProgress)
            application.StartReview(coordinator, now);
        if (status is ApplicationStatus.Confirmed or ApplicationStatus.InProgress)
        {
            application.Approve(lab, "Dr. Grace Wong", cohort.StartsOn, cohort.EndsOn, now.AddDays(7), coordinator, now);
            application.AcceptOffer(user.Id, now);
        }
        if (status == ApplicationStatus.InProgress)
            application.MarkArrived(coordinator, now);
        db.Applications.Add(application);
        await db.SaveChangesAsync();
        Assert.Equal(status, application.Status);
        return new(email, user.Id, application.Id, application.Version, lab.Id, cohort.StartsOn, cohort.EndsOn);
    }
}
