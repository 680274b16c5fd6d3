using System.Net;
using Microsoft.EntityFrameworkCore;

namespace ExchangePortal.IntegrationTests;

[Collection(PostgresCollection.Name)]
public class UserAdministrationTests(PortalFactory portal) : IClassFixture<PortalFactory>
{
    [Fact]
    public async Task Removing_a_role_takes_effect_on_the_users_next_request_and_is_audited()
    {
        var coordinator = await portal.SignInAsync("coordinator@demo.local");
        Assert.Equal(HttpStatusCode.OK, (await coordinator.GetAsync("/Coordinator")).StatusCode);
        var admin = await portal.SignInAsync("admin@demo.local");
        var page = await admin.GetPageAsync($"/Admin/Users/Edit/{await IdOfAsync("coordinator@demo.local")}");

        var saved = await admin.SubmitAsync(page, "#roles-form", OnlyRole(page, "Applicant"));

        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var next = await coordinator.GetAsync("/Coordinator");
        Assert.Equal(HttpStatusCode.Redirect, next.StatusCode);
        Assert.StartsWith("/Identity/Account/Login", next.Headers.Location!.PathAndQuery);
        await using var db = portal.NewDbContext();
        Assert.True(await db.AuditEntries.AnyAsync(e => e.Action == "user.roles.changed"));
    }

    [Fact]
    public async Task An_administrator_cannot_remove_their_own_administrator_role()
    {
        var admin = await portal.SignInAsync("admin@demo.local");
        var page = await admin.GetPageAsync($"/Admin/Users/Edit/{await IdOfAsync("admin@demo.local")}");

        var response = await admin.SubmitAsync(page, "#roles-form", OnlyRole(page, "Applicant"));

        Assert.Contains("You cannot remove your own Administrator role", (await HtmlForms.ParseAsync(response)).Text());
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync("/Admin")).StatusCode);
    }

    [Fact]
    public async Task A_hospital_coordinator_needs_a_hospital()
    {
        var admin = await portal.SignInAsync("admin@demo.local");
        var page = await admin.GetPageAsync($"/Admin/Users/Edit/{await IdOfAsync("doctor03@demo.local")}");

        var values = OnlyRole(page, "HospitalCoordinator");
        values["Input.HospitalId"] = "";
        var response = await admin.SubmitAsync(page, "#roles-form", values);

        Assert.Contains("A hospital coordinator must belong to a hospital", (await HtmlForms.ParseAsync(response)).Text());
    }

    [Fact]
    public async Task A_locked_account_is_signed_out_at_once_and_cannot_sign_in()
    {
        var doctor = await portal.SignInAsync("doctor06@demo.local");
        Assert.Equal(HttpStatusCode.OK, (await doctor.GetAsync("/Applicant")).StatusCode); // the account was just found current
        var admin = await portal.SignInAsync("admin@demo.local");
        var page = await admin.GetPageAsync($"/Admin/Users/Edit/{await IdOfAsync("doctor06@demo.local")}");

        await admin.SubmitAsync(page, "#lock-form", new Dictionary<string, string>());

        Assert.Equal(HttpStatusCode.Redirect, (await doctor.GetAsync("/Applicant")).StatusCode);
        var again = await portal.CreateClientWithoutRedirects().SignInAsync("doctor06@demo.local", "Portal-Demo-2026");
        Assert.Contains("locked", (await HtmlForms.ParseAsync(again)).Text());
    }

    [Fact]
    public async Task A_run_of_requests_reads_the_account_once()
    {
        var doctor = await portal.SignInAsync("doctor07@demo.local");
        Assert.Equal(HttpStatusCode.OK, (await doctor.GetAsync("/Privacy")).StatusCode);
        portal.Sql.Reset();

        Assert.Equal(HttpStatusCode.OK, (await doctor.GetAsync("/Privacy")).StatusCode);

        Assert.Equal(0, portal.Sql.StampChecks);
        Assert.Equal(0, portal.Sql.Count);
    }

    [Fact]
    public async Task The_user_list_searches_by_email()
    {
        var admin = await portal.SignInAsync("admin@demo.local");

        var page = await admin.GetPageAsync("/Admin/Users?q=hospital");

        Assert.Equivalent(new[] { "hospital@demo.local", "hospital2@demo.local" },
            page.Document.QuerySelectorAll("tbody tr td:first-child").Select(c => c.TextContent.Trim()).ToArray(), strict: true);
    }

    [Theory]
    [InlineData("#roles-form", "Roles")]
    [InlineData("#lock-form", "Lock&locked=true")]
    public async Task A_post_about_a_user_who_is_not_there_is_not_found_and_changes_nothing(string form, string handler)
    {
        var admin = await portal.SignInAsync("admin@demo.local");
        await using var db = portal.NewDbContext();
        var audited = await db.AuditEntries.CountAsync();
        var page = await admin.GetPageAsync($"/Admin/Users/Edit/{await IdOfAsync("doctor05@demo.local")}");
        page.Document.QuerySelector(form)!.SetAttribute("action", $"/Admin/Users/Edit/no-such-user?handler={handler}");

        var response = await admin.SubmitAsync(page, form, OnlyRole(page, "Applicant"));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal(audited, await db.AuditEntries.CountAsync());
    }

    /// <summary>The roles form's boxes with only the given role ticked.</summary>
    private static Dictionary<string, string> OnlyRole(HtmlForms.Page page, string role) =>
        page.Document.QuerySelectorAll("#roles-form input[name$='.Value']").ToDictionary(
            v => v.GetAttribute("name")!.Replace(".Value", ".Selected"), v => v.GetAttribute("value") == role ? "true" : "false");

    private async Task<string> IdOfAsync(string email)
    {
        await using var db = portal.NewDbContext();
        return await db.Users.Where(u => u.Email == email).Select(u => u.Id).SingleAsync();
    }
}
