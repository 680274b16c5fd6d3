using System.Net;
using System.Text.RegularExpressions;
using ExchangePortal.Core.Applications;
using ExchangePortal.Core.Cohorts;
using ExchangePortal.Core.Data.Configurations;
using ExchangePortal.Core.Demo;
using ExchangePortal.Core.Doctors;
using ExchangePortal.Core.Users;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace ExchangePortal.IntegrationTests;

/// <summary>A person who holds the Applicant role and a staff role never decides on their own application.</summary>
[Collection(PostgresCollection.Name)]
public class SeparationOfDutiesTests(PortalFactory portal) : IClassFixture<PortalFactory>
{
    private const string Refusal = "You cannot decide on your own application; ask another coordinator.";

    /// <summary>Each decision verb: who may take it, from which status, on which page, with which form and values.</summary>
    public sealed record Verb(string Role, ApplicationStatus From, string Form, Dictionary<string, string> Values);

    private static readonly Dictionary<string, Verb> Verbs = new()
    {
        ["endorse"] = new(Roles.HospitalCoordinator, ApplicationStatus.Submitted, "#endorse-form", new() { ["Endorsement.Comment"] = "Recommended." }),
        ["decline"] = new(Roles.HospitalCoordinator, ApplicationStatus.Submitted, "#decline-form", new() { ["Decline.Reason"] = "Needed on the ward." }),
        ["start review"] = new(Roles.UniversityCoordinator, ApplicationStatus.Endorsed, "#start-review-form", new()),
        ["request changes"] = new(Roles.UniversityCoordinator, ApplicationStatus.UnderReview, "#request-changes-form", new() { ["changes.Text"] = "Add a plan." }),
        ["approve"] = new(Roles.UniversityCoordinator, ApplicationStatus.UnderReview, "#approve-form", new() { ["approval.Supervisor"] = "Dr. Grace Wong" }),
        ["waitlist"] = new(Roles.UniversityCoordinator, ApplicationStatus.UnderReview, "#waitlist-form", new()),
        ["reject"] = new(Roles.UniversityCoordinator, ApplicationStatus.UnderReview, "#reject-form", new() { ["rejection.Text"] = "Not this time." }),
        ["mark arrived"] = new(Roles.UniversityCoordinator, ApplicationStatus.Confirmed, "#arrived-form", new()),
        ["complete"] = new(Roles.UniversityCoordinator, ApplicationStatus.InProgress, "#complete-form", new()),
        ["cancel"] = new(Roles.Administrator, ApplicationStatus.Confirmed, "#own-stay", new() { ["cancel.Reason"] = "Visa refused." }),
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
        var (email, userId, id) = await OwnApplicationAsync(verb.Role, verb.From, fullLab: name == "waitlist");
        var client = await portal.SignInAsync(email);
        var page = await client.GetPageAsync(PageOf(verb.Role, id));
        if (verb.Role == Roles.Administrator)
            StayForm(page, id).Id = "own-stay";

        var response = await client.SubmitAsync(page, verb.Form, verb.Values);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(Refusal, (await HtmlForms.ParseAsync(response)).Text());
        await using var db = portal.NewDbContext();
        Assert.Equal(verb.From, await db.Applications.Where(a => a.Id == id).Select(a => a.Status).SingleAsync());
        Assert.True(await db.AuditEntries.AnyAsync(e => e.Action == "application.self-decision.refused" && e.ActorId == userId
            && e.RecordId == id.ToString()));
        Assert.False(await db.AuditEntries.AnyAsync(e => e.Action == "application.status" && e.RecordId == id.ToString()));
    }

    [Fact]
    public async Task The_refusal_comes_in_chinese_and_leaves_the_seats_as_they_were()
    {
        var (email, _, id) = await OwnApplicationAsync(Roles.UniversityCoordinator, ApplicationStatus.UnderReview, fullLab: false);
        await using var before = portal.NewDbContext();
        var seatsTaken = await before.CohortLabs.SumAsync(l => l.SeatsTaken);
        var client = await portal.SignInAsync(email);
        var languages = await client.GetPageAsync("/Coordinator");
        await client.SubmitAsync(languages, "#language-form", new Dictionary<string, string> { ["culture"] = "zh-Hans" });
        var page = await client.GetPageAsync($"/Coordinator/Applications/{id}");

        var response = await client.SubmitAsync(page, "#approve-form", Verbs["approve"].Values);

        Assert.Contains("您不能对自己的申请做出决定；请另一位协调员处理。", (await HtmlForms.ParseAsync(response)).Text());
        await using var db = portal.NewDbContext();
        Assert.Equal(seatsTaken, await db.CohortLabs.SumAsync(l => l.SeatsTaken));
        Assert.False(await db.Placements.AnyAsync(p => p.ApplicationId == id));
    }

    [Fact]
    public async Task The_same_person_still_decides_on_other_peoples_applications()
    {
        var (email, userId, _) = await OwnApplicationAsync(Roles.UniversityCoordinator, ApplicationStatus.UnderReview, fullLab: false);
        var (_, _, other) = await OwnApplicationAsync(Roles.HospitalCoordinator, ApplicationStatus.Endorsed, fullLab: false);
        var client = await portal.SignInAsync(email);
        var page = await client.GetPageAsync($"/Coordinator/Applications/{other}");

        var response = await client.SubmitAsync(page, "#start-review-form", new Dictionary<string, string>());

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        await using var db = portal.NewDbContext();
        Assert.Equal(ApplicationStatus.UnderReview, await db.Applications.Where(a => a.Id == other).Select(a => a.Status).SingleAsync());
        Assert.False(await db.AuditEntries.AnyAsync(e => e.Action == "application.self-decision.refused" && e.ActorId == userId));
    }

    [Fact]
    public async Task The_administrators_user_page_shows_both_roles()
    {
        var (email, userId, _) = await OwnApplicationAsync(Roles.UniversityCoordinator, ApplicationStatus.UnderReview, fullLab: false);
        var admin = await portal.SignInAsync("admin@demo.local");

        var page = await admin.GetPageAsync($"/Admin/Users/Edit/{userId}");

        var held = page.Document.QuerySelectorAll("#roles-form .form-check")
            .Where(box => ((AngleSharp.Html.Dom.IHtmlInputElement)box.QuerySelector("input[type=checkbox]")!).IsChecked)
            .Select(box => box.QuerySelector("input[type=hidden][name$='.Value']")!.GetAttribute("value")).ToList();
        Assert.Equal([Roles.Applicant, Roles.UniversityCoordinator], held.Order());
        Assert.Contains(email, page.Document.Text());
    }

    private static string PageOf(string role, int id) => role switch
    {
        Roles.HospitalCoordinator => $"/Hospital/Applications/{id}",
        Roles.Administrator => "/Admin/Stays",
        _ => $"/Coordinator/Applications/{id}",
    };

    private static AngleSharp.Dom.IElement StayForm(HtmlForms.Page page, int id) =>
        page.Document.QuerySelectorAll(".cancel-form").Single(f => Regex.IsMatch(f.GetAttribute("action")!, $@"[?&]id={id}(&|$)"));

    /// <summary>A new account at the demo hospital with the Applicant role and <paramref name="staffRole"/>, whose own
    /// application in the open cohort was brought to <paramref name="status"/> by other people.</summary>
    private async Task<(string Email, string UserId, int ApplicationId)> OwnApplicationAsync(string staffRole, ApplicationStatus status, bool fullLab)
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
        if (fullLab && cohort.Labs.All(l => l.SeatsFree > 0))
            cohort.Labs.OrderBy(l => l.Id).Last().ChangeSeats(cohort.Labs.OrderBy(l => l.Id).Last().SeatsTaken);
        var lab = cohort.Labs.OrderByDescending(l => l.SeatsFree).First();
        var now = DateTimeOffset.UtcNow;
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
        return (email, user.Id, application.Id);
    }
}
