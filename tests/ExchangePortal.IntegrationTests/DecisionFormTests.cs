using ExchangePortal.Core.Applications;
using Microsoft.EntityFrameworkCore;

namespace ExchangePortal.IntegrationTests;

/// <summary>The decision forms are rendered from their models: names a handler binds, rules the browser checks before posting.</summary>
[Collection(PostgresCollection.Name)]
public class DecisionFormTests(PortalFactory portal) : IClassFixture<PortalFactory>
{
    [Theory]
    [InlineData("coordinator@demo.local", "/Coordinator/Applications/{id}", ApplicationStatus.UnderReview, "#request-changes-form textarea[name='Changes.Text']")]
    [InlineData("coordinator@demo.local", "/Coordinator/Applications/{id}", ApplicationStatus.UnderReview, "#reject-form textarea[name='Rejection.Text']")]
    [InlineData("coordinator@demo.local", "/Coordinator/Applications/{id}", ApplicationStatus.UnderReview, "#approve-form input[name='Approval.Supervisor']")]
    [InlineData("hospital@demo.local", "/Hospital/Applications/{id}", ApplicationStatus.Submitted, "#decline-form textarea[name='Decline.Reason']")]
    [InlineData("doctor2@demo.local", "/Applicant/Applications/{id}", ApplicationStatus.Submitted, "#withdraw-form input[name='Withdrawal.Confirm'][type=checkbox]")]
    public async Task Decision_forms_check_their_fields_in_the_browser(string user, string path, ApplicationStatus status, string field)
    {
        await using var db = portal.NewDbContext();
        var id = await db.Applications.Where(a => a.Status == status && a.Doctor.HospitalId == db.Users.Single(u => u.Email == "hospital@demo.local").HospitalId
                && (user != "doctor2@demo.local" || a.Doctor.Email == user))
            .Select(a => a.Id).FirstAsync();
        var client = await portal.SignInAsync(user);

        var page = await client.GetPageAsync(path.Replace("{id}", id.ToString()));

        var input = page.Document.QuerySelector(field);
        Assert.NotNull(input);
        Assert.Equal("true", input.GetAttribute("data-val"));
        Assert.NotNull(input.GetAttribute("data-val-required"));
        Assert.NotNull(page.Document.QuerySelector("script[src*='jquery.validate.unobtrusive']"));
        Assert.NotNull(page.Document.QuerySelector($"label[for='{input.Id}']"));
    }
}
