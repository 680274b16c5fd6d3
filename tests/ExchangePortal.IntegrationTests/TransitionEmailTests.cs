using System.Net;
using ExchangePortal.Core.Notifications;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ExchangePortal.IntegrationTests;

/// <summary>Each transition's email reaches a real SMTP server through the outbox; a refused change sends nothing.</summary>
[Collection(PostgresCollection.Name)]
public class TransitionEmailTests
{
    [Fact]
    public async Task Every_step_of_an_application_emails_the_applicant_and_a_refused_step_emails_nobody()
    {
        await using var smtp = SmtpTestServer.Start();
        await using var portal = new EmailPortalFactory(smtp.Port);
        var hospital = await portal.SignInAsync("hospital@demo.local");
        var coordinator = await portal.SignInAsync("coordinator@demo.local");
        var doctor = await portal.SignInAsync("doctor2@demo.local");
        int id;
        await using (var db = portal.NewDbContext())
            id = await db.Applications.Where(a => a.Doctor.Email == "doctor2@demo.local").Select(a => a.Id).SingleAsync();

        async Task<string> StepAsync(HttpClient client, string path, string form, Dictionary<string, string> values)
        {
            var response = await client.SubmitAsync(await client.GetPageAsync(path), form, values);
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            await DispatchAsync(portal);
            var message = smtp.Messages.Last();
            Assert.Equal("doctor2@demo.local", message.To.Mailboxes.Single().Address);
            return message.Subject ?? "";
        }

        var review = $"/Coordinator/Applications/{id}";
        Assert.Contains("endorsed", await StepAsync(hospital, $"/Hospital/Applications/{id}", "#endorse-form", []));
        Assert.Contains("under review", await StepAsync(coordinator, review, "#start-review-form", []));
        Assert.Contains("needs changes", await StepAsync(coordinator, review, "#request-changes-form", new() { ["changes.Text"] = "More detail." }));
        Assert.Contains("under review", await StepAsync(doctor, $"/Applicant/Applications/{id}", "#resubmit-form", new() { ["resubmit.Plan"] = "Detailed plan." }));
        var sentBefore = smtp.Messages.Count;

        var full = await coordinator.SubmitAsync(await coordinator.GetPageAsync(review), "#approve-form", new Dictionary<string, string>
        {
            ["approval.CohortLabId"] = (await FullLabAsync(portal)).ToString(),
            ["approval.Supervisor"] = "Prof. Yip",
        });
        await DispatchAsync(portal);
        Assert.Equal(HttpStatusCode.OK, full.StatusCode);
        Assert.Equal(sentBefore, smtp.Messages.Count);

        Assert.Contains("has an offer", await StepAsync(coordinator, review, "#approve-form", new() { ["approval.Supervisor"] = "Prof. Chan" }));
        Assert.Contains("is confirmed", await StepAsync(doctor, $"/Applicant/Applications/{id}", "#accept-form", []));
    }

    private static async Task<int> FullLabAsync(PortalFactory portal)
    {
        await using var db = portal.NewDbContext();
        return await db.CohortLabs.Where(l => l.Cohort.Status == Core.Cohorts.CohortStatus.Open && l.SeatsTaken >= l.Seats)
            .Select(l => l.Id).FirstAsync();
    }

    private static async Task DispatchAsync(PortalFactory portal)
    {
        await using var scope = portal.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<OutboxDispatcher>().DispatchDueAsync(CancellationToken.None);
    }
}
