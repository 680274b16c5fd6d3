using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using ExchangePortal.Core;
using ExchangePortal.Core.Applications;
using ExchangePortal.Core.Documents;
using ExchangePortal.Tools;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using Xunit.Abstractions;

namespace ExchangePortal.IntegrationTests;

/// <summary>
/// PostgreSQL (a cluster of this test's own) stops in the middle of a burst of registrations, coordinator decisions and
/// uploads, and comes back: nothing that was answered as done is lost or doubled, nothing refused is half done, people
/// see the friendly 503, and the portal and its email worker carry on by themselves.
/// </summary>
[Collection(PostgresCollection.Name)]
public class OutageTests(ITestOutputHelper output)
{
    private const int Lanes = 6;
    private static readonly byte[] Pdf = "%PDF-1.4\n%outage test\n"u8.ToArray();
    private static readonly DocumentKind[] DraftKinds =
        [DocumentKind.Cv, DocumentKind.PractisingLicence, DocumentKind.NominationLetter, DocumentKind.TravelDocument, DocumentKind.Insurance, DocumentKind.VisaOrEntryPermit];

    [Fact]
    public async Task An_outage_in_a_burst_of_changes_loses_nothing_doubles_nothing_and_the_portal_recovers_by_itself()
    {
        using var server = PostgresServer.StartThrowaway();
        await using var smtp = SmtpTestServer.Start();
        await using var portal = new OutagePortal(server.CreateDatabase(), smtp.Port);
        var started = DateTimeOffset.UtcNow;
        await SeedAsync(portal);
        var operations = await ArrangeAsync(portal);
        var (during, after) = (operations.Where((_, i) => i % 4 != 3).ToList(), operations.Where((_, i) => i % 4 == 3).ToList());

        // The burst: lanes work through the operations; the database stops after the first answers and returns 3 s later.
        var answers = new ConcurrentBag<Answer>();
        var queue = new ConcurrentQueue<Operation>(during);
        var stopped = new TaskCompletionSource();
        var lanes = Enumerable.Range(0, Lanes).Select(_ => Task.Run(async () =>
        {
            while (queue.TryDequeue(out var operation))
            {
                answers.Add(await operation.RunAsync());
                if (answers.Count >= 12)
                    stopped.TrySetResult();
            }
        })).ToList();
        await stopped.Task.WaitAsync(TimeSpan.FromSeconds(60));
        await Task.Run(server.Stop);
        var down = Stopwatch.StartNew();
        await Task.WhenAny(Task.WhenAll(lanes), Task.Delay(TimeSpan.FromSeconds(3)));
        await Task.Run(server.Start);
        // The test's own pooled connections (NewDbContext's, a pool apart from the app's) died with the server too.
        using (var own = new NpgsqlConnection(portal.ConnectionString))
            NpgsqlConnection.ClearPool(own);
        var outage = down.Elapsed;
        var back = Stopwatch.StartNew();
        var probe = portal.CreateClient();
        while ((await probe.GetAsync("/health/ready")).StatusCode != HttpStatusCode.OK && back.Elapsed < TimeSpan.FromSeconds(30))
            await Task.Delay(100);
        var readyAfter = back.Elapsed;
        await Task.WhenAll(lanes);

        // After the outage, the rest of the operations all succeed at once.
        var recovered = await Task.WhenAll(after.Select(operation => operation.RunAsync()));

        var all = answers.Concat(recovered).ToList();
        output.WriteLine($"{all.Count} requests: {all.Count(a => a.Succeeded)} done, {all.Count(a => a.Status == HttpStatusCode.ServiceUnavailable)} answered 503; " +
            $"database down {outage.TotalSeconds:0.0} s; /health/ready 200 {readyAfter.TotalSeconds:0.0} s after it returned");
        Assert.InRange(readyAfter, TimeSpan.Zero, TimeSpan.FromSeconds(10));
        Assert.Contains(answers, a => a.Succeeded);
        Assert.Contains(answers, a => a.Status == HttpStatusCode.ServiceUnavailable);
        Assert.All(recovered, a => Assert.True(a.Succeeded, $"after recovery: {a}"));
        // What people saw when it failed: the friendly 503 with Retry-After, never a 500 or a stack trace.
        Assert.All(all.Where(a => !a.Succeeded), a => Assert.True(
            a.Status == HttpStatusCode.ServiceUnavailable && a.RetryAfter && a.Body.Contains("cannot reach its database") && !a.Body.Contains("Exception"),
            $"{a}: {a.Body[..Math.Min(a.Body.Length, 400)]}"));

        // Done exactly once; refused means not at all, or (the commit went through just before the line dropped) all of it.
        await using var db = portal.NewDbContext();
        foreach (var answer in all)
        {
            var count = await answer.Operation.CountInDatabaseAsync(db);
            Assert.True(answer.Succeeded ? count == 1 : count is 0 or 1, $"{answer}: {count} complete change(s) in the database");
        }

        // Every email the committed changes wrote is sent once; a rolled-back change sent nothing.
        var deadline = Stopwatch.StartNew();
        while (await db.Notifications.AnyAsync(n => n.SentAt == null) && deadline.Elapsed < TimeSpan.FromSeconds(30))
            await Task.Delay(100);
        var written = await db.Notifications.Where(n => n.CreatedAt >= started).Select(n => n.Id).ToListAsync();
        var received = smtp.Messages.Select(m => m.MessageId).ToList();
        output.WriteLine($"{written.Count} emails written, {received.Count} received, all sent {deadline.Elapsed.TotalSeconds:0.0} s after the burst");
        Assert.Equal(0, await db.Notifications.CountAsync(n => n.SentAt == null));
        Assert.Equal(written.Select(id => $"notification-{id}@university.test").Order(), received.Order());
        var errors = portal.Logs.Errors().Where(e => LogEvents.Property(e, "SourceContext")?.Contains("HealthCheck") != true).ToList();
        Assert.True(errors.Count == 0, LogEvents.Describe(errors));
    }

    private static async Task SeedAsync(OutagePortal portal)
    {
        _ = portal.Services; // started: migrated
        await using var seeding = ToolDatabase.Open(portal.ConnectionString);
        await new LargeDataSeeder(seeding, new UpperInvariantLookupNormalizer(), portal.Services.GetRequiredService<ProgrammeClock>(),
            NullLogger<LargeDataSeeder>.Instance).SeedAsync(600);
    }

    /// <summary>Signs people in and reads their forms before the burst; each operation is one post that changes one thing.</summary>
    private static async Task<List<Operation>> ArrangeAsync(OutagePortal portal)
    {
        var operations = new List<List<Operation>> { new(), new(), new() };
        await using var db = portal.NewDbContext();
        var reviewable = await db.Applications.Where(a => a.Status == ApplicationStatus.UnderReview).OrderBy(a => a.Id)
            .Select(a => a.Id).Take(24).ToListAsync();
        var coordinator = await portal.SignInAsync($"coordinator@{LargeDataSeeder.Domain}");
        foreach (var id in reviewable)
            operations[0].Add(new Decision(coordinator, await coordinator.GetPageAsync($"/Coordinator/Applications/{id}"), id));

        var drafts = await db.Applications.Where(a => a.Status == ApplicationStatus.Draft).OrderBy(a => a.Id)
            .Select(a => new { a.Id, a.Doctor.Email }).Take(4).ToListAsync();
        foreach (var draft in drafts)
        {
            var doctor = await portal.SignInAsync(draft.Email);
            var page = await doctor.GetPageAsync($"/Applicant/Applications/{draft.Id}/Documents");
            operations[1].AddRange(DraftKinds.Select(kind => new DocumentUpload(doctor, page, draft.Id, kind)));
        }

        for (var i = 0; i < 24; i++)
        {
            var visitor = portal.CreateClientWithoutRedirects();
            operations[2].Add(new Registration(visitor, await visitor.GetPageAsync("/Identity/Account/Register"), $"outage{i}@hospital.test"));
        }
        // Interleaved, so that every kind of change is in flight when the database goes.
        return Enumerable.Range(0, operations.Max(o => o.Count))
            .SelectMany(i => operations.Where(o => i < o.Count).Select(o => o[i])).ToList();
    }

    private sealed record Answer(Operation Operation, HttpStatusCode Status, bool RetryAfter, string Body)
    {
        public bool Succeeded => Status == HttpStatusCode.Redirect;

        public override string ToString() => $"{Operation} answered {(int)Status}{(RetryAfter ? " with Retry-After" : "")}";
    }

    private abstract record Operation
    {
        /// <summary>Before the post: what the seed data already holds is older.</summary>
        protected DateTimeOffset Since { get; } = DateTimeOffset.UtcNow;

        public async Task<Answer> RunAsync()
        {
            using var response = await PostAsync();
            return new Answer(this, response.StatusCode, response.Headers.RetryAfter is not null, await response.Content.ReadAsStringAsync());
        }

        protected abstract Task<HttpResponseMessage> PostAsync();

        /// <summary>How many complete copies of this operation's change the database holds.</summary>
        public abstract Task<int> CountInDatabaseAsync(Core.Data.PortalDbContext db);
    }

    private sealed record Decision(HttpClient Client, HtmlForms.Page Page, int ApplicationId) : Operation
    {
        protected override Task<HttpResponseMessage> PostAsync() => Client.SubmitAsync(Page, "#request-changes-form",
            new Dictionary<string, string> { ["changes.Text"] = $"Outage test: add a weekly plan ({ApplicationId})." });

        public override async Task<int> CountInDatabaseAsync(Core.Data.PortalDbContext db)
        {
            var changed = await db.Applications.CountAsync(a => a.Id == ApplicationId && a.Status == ApplicationStatus.ChangesRequested);
            var history = await db.ApplicationHistory.CountAsync(h => h.ApplicationId == ApplicationId && h.To == ApplicationStatus.ChangesRequested && h.At >= Since);
            var email = await db.Applications.Where(a => a.Id == ApplicationId)
                .Select(a => db.Notifications.Count(n => n.ToAddress == a.Doctor.Email && n.Kind == "application.ChangesRequested" && n.CreatedAt >= Since)).SingleAsync();
            Assert.True(changed == history && history == email, $"{this}: status {changed}, history {history}, email {email}: a partial change");
            return changed;
        }

        public override string ToString() => $"decision on application {ApplicationId}";
    }

    private sealed record DocumentUpload(HttpClient Client, HtmlForms.Page Page, int ApplicationId, DocumentKind Kind) : Operation
    {
        private string FileName => $"outage-{ApplicationId}-{Kind}.pdf";

        protected override async Task<HttpResponseMessage> PostAsync()
        {
            var token = Page.Document.QuerySelector("#upload-form input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
            var action = WebUtility.HtmlDecode(Page.Document.QuerySelector("#upload-form")!.GetAttribute("action")!);
            using var content = new MultipartFormDataContent
            {
                { new StringContent(token), "__RequestVerificationToken" },
                { new StringContent(Kind.ToString()), "Input.Kind" },
                { new StringContent(DateTime.UtcNow.AddYears(3).ToString("yyyy-MM-dd")), "Input.ExpiresOn" },
            };
            var file = new ByteArrayContent(Pdf);
            file.Headers.ContentType = new MediaTypeHeaderValue("application/pdf");
            content.Add(file, "Input.File", FileName);
            return await Client.PostAsync(action, content);
        }

        public override async Task<int> CountInDatabaseAsync(Core.Data.PortalDbContext db)
        {
            var documents = await db.Documents.CountAsync(d => d.ApplicationId == ApplicationId && d.FileName == FileName);
            var contents = await db.DocumentContents.CountAsync(c => db.Documents.Any(d => d.Id == c.DocumentId && d.ApplicationId == ApplicationId && d.FileName == FileName));
            Assert.True(documents == contents, $"{this}: {documents} document row(s), {contents} content row(s): a partial change");
            return documents;
        }

        public override string ToString() => $"upload {FileName}";
    }

    private sealed record Registration(HttpClient Client, HtmlForms.Page Page, string Email) : Operation
    {
        protected override Task<HttpResponseMessage> PostAsync() => Client.SubmitAsync(Page, "#register-form", new Dictionary<string, string>
        {
            ["Input.FullName"] = "Dr. Outage Test",
            ["Input.Email"] = Email,
            ["Input.HospitalId"] = Page.Document.QuerySelectorAll("#Input_HospitalId option").Select(o => o.GetAttribute("value")).First(v => v != "")!,
            ["Input.Password"] = "a sufficiently long passphrase",
            ["Input.ConfirmPassword"] = "a sufficiently long passphrase",
            ["Input.AcceptPrivacyNotice"] = "true",
        });

        public override async Task<int> CountInDatabaseAsync(Core.Data.PortalDbContext db)
        {
            var users = await db.Users.CountAsync(u => u.Email == Email);
            var doctors = await db.Doctors.CountAsync(d => d.Email == Email);
            var roles = await db.UserRoles.CountAsync(r => db.Users.Any(u => u.Id == r.UserId && u.Email == Email));
            Assert.True(users == doctors && doctors == roles, $"{this}: {users} user(s), {doctors} doctor(s), {roles} role(s): a partial change");
            return users;
        }

        public override string ToString() => $"registration of {Email}";
    }

    /// <summary>Production over its own cluster, with the email worker sending to the test's SMTP server every 0.2 s.</summary>
    private sealed class OutagePortal(string connectionString, int smtpPort) : ProductionPortalFactory(connectionString)
    {
        public LogEvents Logs { get; } = new();

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("Email:Enabled", "true");
            builder.UseSetting("Email:PollSeconds", "0.2");
            builder.UseSetting("Email:PickupFolder", "");
            builder.UseSetting("Email:Smtp:Host", "127.0.0.1");
            builder.UseSetting("Email:Smtp:Port", smtpPort.ToString(System.Globalization.CultureInfo.InvariantCulture));
            builder.UseSetting("Email:From", "Exchange Office <exchange@university.test>");
            Logs.AddTo(builder);
        }
    }
}
