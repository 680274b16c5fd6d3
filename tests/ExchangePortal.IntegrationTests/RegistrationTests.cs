using System.Net;
using ExchangePortal.Core.Privacy;
using ExchangePortal.Core.Users;
using Microsoft.EntityFrameworkCore;

namespace ExchangePortal.IntegrationTests;

[Collection(PostgresCollection.Name)]
public class RegistrationTests(PortalFactory portal) : IClassFixture<PortalFactory>
{
    [Fact]
    public async Task Hospital_staff_register_with_consent_and_land_on_their_applications()
    {
        var client = portal.CreateClientWithoutRedirects();
        var page = await client.GetPageAsync("/Identity/Account/Register");
        var hospitalId = page.Document.QuerySelectorAll("#Input_HospitalId option").Select(o => o.GetAttribute("value")).First(v => v != "")!;

        var response = await client.SubmitAsync(page, "#register-form", Form("new.doctor@hospital.test", hospitalId, consent: true));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/Applicant", response.Headers.Location!.OriginalString);
        await using var db = portal.NewDbContext();
        var user = await db.Users.SingleAsync(u => u.Email == "new.doctor@hospital.test");
        var consent = await db.ConsentRecords.SingleAsync(c => c.UserId == user.Id);
        Assert.Equal(PrivacyNotice.Latest, consent.NoticeVersion);
        Assert.True(consent.Accepted && consent.Programme && consent.SensitiveData && consent.OutsideMainland);
        Assert.Null(consent.WithdrawnAt);
        Assert.InRange(consent.At, DateTimeOffset.UtcNow.AddMinutes(-1), DateTimeOffset.UtcNow);
        Assert.True(await db.UserRoles.AnyAsync(r => r.UserId == user.Id && r.RoleId == "role-applicant"));
        Assert.True(await db.Doctors.AnyAsync(d => d.UserId == user.Id && d.HospitalId == int.Parse(hospitalId)));
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/Applicant")).StatusCode);
    }

    [Fact]
    public async Task Registration_without_consent_is_refused_and_creates_nothing()
    {
        var client = portal.CreateClientWithoutRedirects();
        var page = await client.GetPageAsync("/Identity/Account/Register");
        var hospitalId = page.Document.QuerySelectorAll("#Input_HospitalId option").Select(o => o.GetAttribute("value")).First(v => v != "")!;

        var response = await client.SubmitAsync(page, "#register-form", Form("no.consent@hospital.test", hospitalId, consent: false));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Please agree to the privacy notice to register.", (await HtmlForms.ParseAsync(response)).Text());
        await using var db = portal.NewDbContext();
        Assert.False(await db.Users.AnyAsync(u => u.Email == "no.consent@hospital.test"));
    }

    [Theory]
    [InlineData("short", "short", "The password must be at least 12 characters long.")]
    [InlineData("a long enough passphrase", "another long passphrase", "The two passwords do not match.")]
    public async Task Bad_passwords_get_clear_messages(string password, string confirm, string message)
    {
        var client = portal.CreateClientWithoutRedirects();
        var page = await client.GetPageAsync("/Identity/Account/Register");
        var values = Form("bad.password@hospital.test", "1", consent: true);
        values["Input.Password"] = password;
        values["Input.ConfirmPassword"] = confirm;

        var response = await client.SubmitAsync(page, "#register-form", values);

        Assert.Contains(message, (await HtmlForms.ParseAsync(response)).Text());
        await using var db = portal.NewDbContext();
        Assert.False(await db.Users.AnyAsync(u => u.Email == "bad.password@hospital.test"));
    }

    [Fact]
    public async Task A_university_cannot_be_chosen_as_the_hospital()
    {
        var client = portal.CreateClientWithoutRedirects();
        var page = await client.GetPageAsync("/Identity/Account/Register");
        await using var db = portal.NewDbContext();
        var universityId = await db.Institutions.Where(i => i.Kind == Core.Institutions.InstitutionKind.University).Select(i => i.Id).FirstAsync();

        var response = await client.SubmitAsync(page, "#register-form", Form("sneaky@hospital.test", universityId.ToString(), consent: true));

        Assert.Contains("Please choose your hospital from the list.", (await HtmlForms.ParseAsync(response)).Text());
        Assert.False(await db.Users.AnyAsync(u => u.Email == "sneaky@hospital.test"));
    }

    private static Dictionary<string, string> Form(string email, string hospitalId, bool consent) => new()
    {
        ["Input.FullName"] = "Dr. Test Person",
        ["Input.Email"] = email,
        ["Input.HospitalId"] = hospitalId,
        ["Input.Password"] = "a sufficiently long passphrase",
        ["Input.ConfirmPassword"] = "a sufficiently long passphrase",
        ["Input.AcceptPrivacyNotice"] = consent ? "true" : "false",
    };
}
