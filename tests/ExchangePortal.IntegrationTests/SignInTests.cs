using System.Net;
using ExchangePortal.Core.Demo;
using ExchangePortal.Web.Areas.Identity.Pages.Account;
using Microsoft.EntityFrameworkCore;

namespace ExchangePortal.IntegrationTests;

[Collection(PostgresCollection.Name)]
public class SignInTests(PortalFactory portal) : IClassFixture<PortalFactory>
{
    [Theory]
    [InlineData("admin@demo.local", "/Admin")]
    [InlineData("coordinator@demo.local", "/Coordinator")]
    [InlineData("hospital@demo.local", "/Hospital")]
    [InlineData("doctor@demo.local", "/Applicant")]
    public async Task Each_role_lands_on_its_home_page(string email, string home)
    {
        var client = portal.CreateClientWithoutRedirects();

        var response = await client.SignInAsync(email, DemoData.Password);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(home, response.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task A_wrong_password_is_refused_with_a_message()
    {
        var client = portal.CreateClientWithoutRedirects();

        var response = await client.SignInAsync("doctor2@demo.local", "not-the-password-at-all");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(LoginModel.Refused, (await HtmlForms.ParseAsync(response)).Text());
    }

    [Fact]
    public async Task Five_wrong_passwords_lock_the_account_for_fifteen_minutes()
    {
        const string email = "doctor05@demo.local";
        var client = portal.CreateClientWithoutRedirects();
        for (var i = 0; i < 5; i++)
            await client.SignInAsync(email, "wrong-password-" + i);

        var response = await client.SignInAsync(email, DemoData.Password);

        Assert.Contains(LoginModel.Refused, (await HtmlForms.ParseAsync(response)).Text());
        await using var db = portal.NewDbContext();
        var lockoutEnd = await db.Users.Where(u => u.Email == email).Select(u => u.LockoutEnd).SingleAsync();
        Assert.InRange(lockoutEnd!.Value - DateTimeOffset.UtcNow, TimeSpan.FromMinutes(14), TimeSpan.FromMinutes(15));
    }

    [Fact]
    public async Task An_empty_form_gets_clear_messages()
    {
        var client = portal.CreateClientWithoutRedirects();
        var login = await client.GetPageAsync("/Identity/Account/Login");

        var response = await client.SubmitAsync(login, "#login-form", new Dictionary<string, string>());

        var text = (await HtmlForms.ParseAsync(response)).Text();
        Assert.Contains("Please enter your email address.", text);
        Assert.Contains("Please enter your password.", text);
    }
}
