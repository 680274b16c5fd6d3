using System.Net;
using ExchangePortal.Core.Applications;
using Microsoft.EntityFrameworkCore;

namespace ExchangePortal.IntegrationTests;

/// <summary>Every change to an application that is not there in the user's scope — unknown, or someone else's — is a 404
/// and changes nothing, whichever handler it is posted to.</summary>
[Collection(PostgresCollection.Name)]
public class UnknownApplicationTests(PortalFactory portal) : IClassFixture<PortalFactory>
{
    private const string Unknown = "987654";

    public static TheoryData<string, string, string> Posts() => new()
    {
        // user, path ({other} = an application of another hospital's doctor, never the user's own), extra form fields
        { "coordinator@demo.local", $"/Coordinator/Applications/{Unknown}?handler=StartReview", "" },
        { "coordinator@demo.local", $"/Coordinator/Applications/{Unknown}?handler=RequestChanges", "Changes.Text=More detail" },
        { "coordinator@demo.local", $"/Coordinator/Applications/{Unknown}?handler=Reject", "Rejection.Text=No" },
        { "coordinator@demo.local", $"/Coordinator/Applications/{Unknown}?handler=Waitlist", "Waitlist.CohortLabId={lab}" },
        { "coordinator@demo.local", $"/Coordinator/Applications/{Unknown}?handler=Approve",
            "Approval.CohortLabId={lab}&Approval.Supervisor=Dr. Lee&Approval.StartsOn=2030-01-01&Approval.EndsOn=2030-02-01&Approval.RespondBy=2029-12-01" },
        { "coordinator@demo.local", $"/Coordinator/Applications/{Unknown}?handler=Arrived", "" },
        { "coordinator@demo.local", $"/Coordinator/Applications/{Unknown}?handler=Complete", "" },
        { "hospital2@demo.local", "/Hospital/Applications/{other}?handler=Endorse", "" },
        { "hospital2@demo.local", "/Hospital/Applications/{other}?handler=Decline", "Decline.Reason=No" },
        { "doctor@demo.local", "/Applicant/Applications/{other}?handler=Submit", "" },
        { "doctor@demo.local", "/Applicant/Applications/{other}?handler=Resubmit", "Resubmit.Plan=A plan" },
        { "doctor@demo.local", "/Applicant/Applications/{other}?handler=Accept", "" },
        { "doctor@demo.local", "/Applicant/Applications/{other}?handler=Decline", "" },
        { "doctor@demo.local", "/Applicant/Applications/{other}?handler=Withdraw", "Withdrawal.Confirm=true" },
        { "doctor@demo.local", $"/Applicant/Applications/{{other}}/Documents?handler=Delete&documentId={Guid.Empty}", "" },
        { "doctor@demo.local", $"/Applicant/Apply/{Unknown}", "Input.Choice1=1&Input.Plan=A plan" },
        { "admin@demo.local", $"/Admin/Stays?handler=Cancel&id={Unknown}", "Cancel.Reason=No" },
    };

    [Theory]
    [MemberData(nameof(Posts))]
    public async Task A_change_to_an_application_out_of_scope_is_not_found_and_changes_nothing(string user, string path, string fields)
    {
        await using var db = portal.NewDbContext();
        // doctor2 is at the Beijing hospital and has a submitted application: not the doctor's, not hospital2's, not a stay.
        var other = await db.Applications.Where(a => a.Doctor.Email == "doctor2@demo.local").Select(a => a.Id).SingleAsync();
        var lab = await db.CohortLabs.Select(l => l.Id).FirstAsync();
        var changesBefore = await db.Set<ApplicationStatusChange>().CountAsync();
        var client = await portal.SignInAsync(user);
        var home = await client.GetPageAsync("/");
        var token = home.Document.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        var values = fields.Split('&', StringSplitOptions.RemoveEmptyEntries).Select(f => f.Split('=', 2))
            .Select(f => new KeyValuePair<string, string>(f[0], f[1].Replace("{lab}", lab.ToString())))
            .Append(new("version", "0")).Append(new("__RequestVerificationToken", token));

        var response = await client.PostAsync(path.Replace("{other}", other.ToString()), new FormUrlEncodedContent(values));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal(changesBefore, await db.Set<ApplicationStatusChange>().CountAsync());
        Assert.Equal(ApplicationStatus.Submitted, await db.Applications.Where(a => a.Id == other).Select(a => a.Status).SingleAsync());
    }
}
