using System.Net;
using AngleSharp.Html.Dom;
using ExchangePortal.Core.Applications;
using ExchangePortal.Core.Auditing;
using ExchangePortal.Core.Documents;
using ExchangePortal.Core.Privacy;
using Microsoft.EntityFrameworkCore;

namespace ExchangePortal.IntegrationTests.Privacy;

/// <summary>Requesting, cancelling, refusing and carrying out erasure through the pages; other people's requests are not there.</summary>
[Collection(PostgresCollection.Name)]
public class ErasureRequestTests(PortalFactory portal) : IClassFixture<PortalFactory>
{
    [Fact]
    public async Task A_person_requests_erasure_follows_it_and_cancels_it_while_it_waits()
    {
        var person = await PrivacyWorld.NewDoctorAsync(portal);
        var client = await portal.SignInAsync(person.Email, Person.Password);
        var page = await client.GetPageAsync("/Account/Erasure");
        Assert.Contains("anonymous statistics", page.Document.QuerySelector("#erasure-effects")!.TextContent);

        Assert.Equal(HttpStatusCode.Redirect, (await client.SubmitAsync(page, "#erasure-request-form",
            new Dictionary<string, string> { ["Input.Reason"] = "I am leaving the programme." })).StatusCode);
        var again = await client.SubmitAsync(page, "#erasure-request-form", new Dictionary<string, string>());
        Assert.Contains(AccountErasure.AlreadyPending, (await HtmlForms.ParseAsync(again)).Text());

        var pending = await client.GetPageAsync("/Account/Erasure");
        Assert.Null(pending.Document.QuerySelector("#erasure-request-form"));
        Assert.Contains("Waiting for the programme office", pending.Document.QuerySelector("#erasure-requests")!.TextContent);
        Assert.Equal(HttpStatusCode.Redirect, (await client.SubmitAsync(pending, ".cancel-erasure-form", new Dictionary<string, string>())).StatusCode);

        await using var db = portal.NewDbContext();
        var request = await db.ErasureRequests.SingleAsync(r => r.UserId == person.UserId);
        Assert.Equal((ErasureStatus.Cancelled, "I am leaving the programme."), (request.Status, request.Reason));
        Assert.Equal(DateOnly.FromDateTime(request.RequestedAt.UtcDateTime).AddDays(40), request.DueOn, new DayTolerance());
        Assert.Equal(["erasure.cancelled", "erasure.requested"], await db.AuditEntries
            .Where(e => e.RecordType == nameof(ErasureRequest) && e.RecordId == request.Id.ToString()).OrderByDescending(e => e.Id).Select(e => e.Action).ToListAsync());
        Assert.Contains("Cancelled by you", (await client.GetPageAsync("/Account/Erasure")).Document.QuerySelector("#erasure-requests")!.TextContent);

        // The office is told: each administrator gets the due date and the request's address, never the person's name.
        var told = await db.Notifications.Where(n => n.Kind == "erasure.requested" && n.Body.Contains($"Admin/Privacy/Request/{request.Id}"))
            .ToListAsync();
        var due = request.DueOn.ToString("d MMM yyyy", System.Globalization.CultureInfo.InvariantCulture);
        var toAdmin = Assert.Single(told, n => n.ToAddress == "admin@demo.local");
        Assert.Equal($"New erasure request, due {due}", toAdmin.Subject);
        Assert.Contains($"{PortalFactory.PublicUrl}Admin/Privacy/Request/{request.Id}", toAdmin.Body);
        Assert.DoesNotContain(told, n => n.ToAddress == person.Email || person.Identifiers.Any(id => n.Subject.Contains(id) || n.Body.Contains(id)));
    }

    [Fact]
    public async Task Another_persons_request_and_unknown_requests_are_not_there()
    {
        var owner = await PrivacyWorld.NewDoctorAsync(portal);
        var other = await PrivacyWorld.NewDoctorAsync(portal);
        var ownerClient = await portal.SignInAsync(owner.Email, Person.Password);
        var ownerPage = await ownerClient.GetPageAsync("/Account/Erasure");
        await ownerClient.SubmitAsync(ownerPage, "#erasure-request-form", new Dictionary<string, string>());
        await using var db = portal.NewDbContext();
        var id = await db.ErasureRequests.Where(r => r.UserId == owner.UserId).Select(r => r.Id).SingleAsync();

        // The other person posts a cancel of the owner's request through their own page's token.
        var otherClient = await portal.SignInAsync(other.Email, Person.Password);
        var otherPage = await otherClient.GetPageAsync("/Account/Erasure");
        await otherClient.SubmitAsync(otherPage, "#erasure-request-form", new Dictionary<string, string>());
        otherPage = await otherClient.GetPageAsync("/Account/Erasure");
        var form = (IHtmlFormElement)otherPage.Document.QuerySelector(".cancel-erasure-form")!;
        form.Action = $"/Account/Erasure?id={id}&handler=Cancel";
        Assert.Equal(HttpStatusCode.NotFound, (await otherClient.SubmitAsync(otherPage, ".cancel-erasure-form", new Dictionary<string, string>())).StatusCode);
        Assert.Equal(ErasureStatus.Pending, await db.ErasureRequests.Where(r => r.Id == id).Select(r => r.Status).SingleAsync());

        var admin = await portal.SignInAsync("admin@demo.local");
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync("/Admin/Privacy/Request/999999")).StatusCode);
        var page = await admin.GetPageAsync($"/Admin/Privacy/Request/{id}");
        ((IHtmlFormElement)page.Document.QuerySelector("#carry-out-form")!).Action = "/Admin/Privacy/Request/999999?handler=CarryOut";
        Assert.Equal(HttpStatusCode.NotFound, (await admin.SubmitAsync(page, "#carry-out-form",
            new Dictionary<string, string> { ["CarryOut.Confirmed"] = "true" })).StatusCode);
        Assert.True(await db.Users.AnyAsync(u => u.Id == owner.UserId));
    }

    [Fact]
    public async Task The_office_sees_the_clock_and_a_refusal_reason_is_kept_and_emailed_in_the_persons_language()
    {
        var person = await PrivacyWorld.NewDoctorAsync(portal, culture: "zh-Hans");
        var late = await PrivacyWorld.NewDoctorAsync(portal);
        var requestId = await RequestAsync(person);
        var lateId = await RequestAsync(late);
        await using var db = portal.NewDbContext();
        var today = await db.ErasureRequests.Where(r => r.Id == requestId).Select(r => r.DueOn).SingleAsync();
        await db.ErasureRequests.Where(r => r.Id == lateId).ExecuteUpdateAsync(s => s.SetProperty(r => r.DueOn, today.AddDays(-43)));

        var admin = await portal.SignInAsync("admin@demo.local");
        var list = await admin.GetPageAsync("/Admin/Privacy");
        var row = list.Document.QuerySelector($"#privacy-request-{requestId}")!;
        Assert.Equal("40", row.QuerySelector(".days-left")!.TextContent.Trim());
        Assert.DoesNotContain("overdue", row.ClassName ?? "");
        var lateRow = list.Document.QuerySelector($"#privacy-request-{lateId}")!;
        Assert.Contains("overdue", lateRow.ClassName);
        Assert.Equal("Overdue by 3 days", lateRow.QuerySelector(".days-left")!.TextContent.Trim());

        var page = await admin.GetPageAsync($"/Admin/Privacy/Request/{requestId}");
        var refused = await admin.SubmitAsync(page, "#refuse-form", new Dictionary<string, string>());
        Assert.Contains("Please give the reason for refusing", (await HtmlForms.ParseAsync(refused)).Text());
        Assert.Equal(HttpStatusCode.Redirect, (await admin.SubmitAsync(page, "#refuse-form",
            new Dictionary<string, string> { ["Refuse.Reason"] = "Your stay report is still under audit until March." })).StatusCode);

        var request = await db.ErasureRequests.AsNoTracking().SingleAsync(r => r.Id == requestId);
        Assert.Equal((ErasureStatus.Refused, "Your stay report is still under audit until March."), (request.Status, request.RefusalReason));
        var email = await db.Notifications.SingleAsync(n => n.Kind == "erasure.refused" && n.ToAddress == person.Email);
        Assert.Equal("您的数据删除请求未获执行", email.Subject);
        Assert.Contains("Your stay report is still under audit until March.", email.Body);
        Assert.Contains($"{PortalFactory.PublicUrl}Account/Erasure", email.Body);
        Assert.True(await db.AuditEntries.AnyAsync(e => e.Action == "erasure.refused" && e.RecordId == requestId.ToString()));
        var client = await portal.SignInAsync(person.Email, Person.Password);
        Assert.Contains("Your stay report is still under audit until March.",
            (await client.GetPageAsync("/Account/Erasure")).Document.QuerySelector(".refusal-reason")!.TextContent);
        // The stale form cannot carry out the closed request.
        var closed = await admin.SubmitAsync(page, "#carry-out-form", new Dictionary<string, string> { ["CarryOut.Confirmed"] = "true" });
        Assert.Contains(ErasureAdministration.ChangedMeanwhile, (await HtmlForms.ParseAsync(closed)).Text());
        Assert.True(await db.Users.AnyAsync(u => u.Id == person.UserId));
    }

    [Fact]
    public async Task Carrying_out_needs_confirmation_and_another_administrator_and_cancels_a_running_stay()
    {
        var person = await PrivacyWorld.NewDoctorAsync(portal);
        var (applicationId, labId) = await RunningStayAsync(person);
        var requestId = await RequestAsync(person);
        var admin = await portal.SignInAsync("admin@demo.local");
        var page = await admin.GetPageAsync($"/Admin/Privacy/Request/{requestId}");

        var unconfirmed = await admin.SubmitAsync(page, "#carry-out-form", new Dictionary<string, string>());
        Assert.Contains("Please confirm that the person's data is to be erased.", (await HtmlForms.ParseAsync(unconfirmed)).Text());
        await using var db = portal.NewDbContext();
        Assert.True(await db.Users.AnyAsync(u => u.Id == person.UserId));

        // An administrator's own request waits for another administrator.
        var adminId = await db.Users.Where(u => u.Email == "admin@demo.local").Select(u => u.Id).SingleAsync();
        db.ErasureRequests.Add(new ErasureRequest(adminId, null, DateTimeOffset.UtcNow, DateOnly.FromDateTime(DateTime.UtcNow)));
        await db.SaveChangesAsync();
        var ownId = await db.ErasureRequests.Where(r => r.UserId == adminId).Select(r => r.Id).SingleAsync();
        var own = await admin.GetPageAsync($"/Admin/Privacy/Request/{ownId}");
        var refusedOwn = await admin.SubmitAsync(own, "#carry-out-form", new Dictionary<string, string> { ["CarryOut.Confirmed"] = "true" });
        Assert.Contains("You cannot carry out your own erasure request", (await HtmlForms.ParseAsync(refusedOwn)).Text());
        Assert.Equal(ErasureStatus.Pending, await db.ErasureRequests.Where(r => r.Id == ownId).Select(r => r.Status).SingleAsync());
        await db.ErasureRequests.Where(r => r.Id == ownId).ExecuteDeleteAsync();

        var seatsBefore = await db.CohortLabs.Where(l => l.Id == labId).Select(l => l.SeatsTaken).SingleAsync();
        Assert.Equal(HttpStatusCode.Redirect, (await admin.SubmitAsync(page, "#carry-out-form",
            new Dictionary<string, string> { ["CarryOut.Confirmed"] = "true" })).StatusCode);

        var application = await db.Applications.AsNoTracking().Include(a => a.History).SingleAsync(a => a.Id == applicationId);
        Assert.Equal(ApplicationStatus.Cancelled, application.Status);
        Assert.Equal(PersonErasure.CancelledComment, application.History.OrderBy(h => h.Id).Last().Comment);
        Assert.Equal(seatsBefore - 1, await db.CohortLabs.Where(l => l.Id == labId).Select(l => l.SeatsTaken).SingleAsync());
        Assert.False(await db.Users.AnyAsync(u => u.Id == person.UserId));
        var pseudonym = await db.ErasureRequests.Where(r => r.Id == requestId).Select(r => r.Pseudonym).SingleAsync();
        var list = await admin.GetPageAsync("/Admin/Privacy");
        Assert.Contains(pseudonym!, list.Document.QuerySelector($"#privacy-request-{requestId}")!.TextContent);
        // The audit trail names the erased actor by the pseudonym, and the coordinator's review page shows it in the history.
        var audit = await admin.GetPageAsync($"/Admin/Audit?Filter.Type=ErasureRequest&Filter.Record={requestId}");
        Assert.Contains(pseudonym!, audit.Document.Body!.TextContent);
        Assert.DoesNotContain(person.Email, audit.Document.Body!.TextContent);
        var coordinator = await portal.SignInAsync("coordinator@demo.local");
        var review = await coordinator.GetPageAsync($"/Coordinator/Applications/{applicationId}");
        Assert.Contains(pseudonym!, review.Document.Body!.TextContent);
        Assert.DoesNotContain(person.Name, review.Document.Body!.TextContent);
        // The document's bytes are gone: it is not there any more.
        var documentId = await db.Documents.Where(d => d.ApplicationId == applicationId).Select(d => d.Id).SingleAsync();
        Assert.Equal(HttpStatusCode.NotFound, (await coordinator.GetAsync($"/Coordinator/Applications/{applicationId}?handler=Document&documentId={documentId}")).StatusCode);
    }

    private async Task<int> RequestAsync(Person person)
    {
        var client = await portal.SignInAsync(person.Email, Person.Password);
        var page = await client.GetPageAsync("/Account/Erasure");
        Assert.Equal(HttpStatusCode.Redirect, (await client.SubmitAsync(page, "#erasure-request-form", new Dictionary<string, string>())).StatusCode);
        await using var db = portal.NewDbContext();
        return await db.ErasureRequests.Where(r => r.UserId == person.UserId && r.Status == ErasureStatus.Pending).Select(r => r.Id).SingleAsync();
    }

    /// <summary>A stay that has started, in a running cohort of its own, with a document.</summary>
    private async Task<(int Application, int Lab)> RunningStayAsync(Person person)
    {
        await using var db = portal.NewDbContext();
        var agreement = await db.Agreements.OrderBy(a => a.Id).FirstAsync();
        var lab = await db.HostLabs.OrderBy(l => l.Id).FirstAsync(l => l.IsActive);
        var coordinator = await db.Users.Where(u => u.Email == "coordinator@demo.local").Select(u => u.Id).SingleAsync();
        var doctor = await db.Doctors.Include(d => d.User).SingleAsync(d => d.Id == person.DoctorId);
        var now = DateTimeOffset.UtcNow;
        var cohort = PrivacyWorld.Cohort(db, agreement, lab, $"Running {Guid.NewGuid():N}"[..20], -20);
        cohort.StartExchange();
        var application = PrivacyWorld.Apply(db, cohort, doctor, now, "A plan.");
        PrivacyWorld.AddDocument(db, application, person.UserId, DocumentKind.Insurance, person.Name, now, cohort.EndsOn.AddYears(1));
        application.Submit(person.UserId, now);
        application.StartReview(coordinator, now);
        application.Approve(cohort.Labs[0], "Prof. Supervisor", cohort.StartsOn, cohort.EndsOn, now.AddDays(7), coordinator, now);
        application.AcceptOffer(person.UserId, now);
        application.MarkArrived(coordinator, now);
        await db.SaveChangesAsync();
        return (application.Id, cohort.Labs[0].Id);
    }

    /// <summary>The due date is 40 programme days after receipt; the programme's day may differ from the UTC day by one.</summary>
    private sealed class DayTolerance : IEqualityComparer<DateOnly>
    {
        public bool Equals(DateOnly x, DateOnly y) => Math.Abs(x.DayNumber - y.DayNumber) <= 1;

        public int GetHashCode(DateOnly obj) => 0;
    }
}
