using System.Net;
using System.Net.Http.Headers;
using ExchangePortal.Core.Demo;
using ExchangePortal.IntegrationTests.Fuzz;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Serilog.Events;

namespace ExchangePortal.IntegrationTests.Security;

/// <summary>
/// Every role's journeys with every log source at Verbose (far more than production writes): no event carries a calendar
/// token, a password, an email address, a person's name or a document's name.
/// </summary>
[Collection(PostgresCollection.Name)]
public class LogRedactionTests
{
    private const string Registered = "wang.xiaoming@hospital.test";
    private const string RegisteredName = "Dr. Wang Xiaoming";
    private const string Unknown = "no.such.person@demo.local";
    private const string UploadName = "Confidential agreement of Li Wei.pdf";

    [Fact]
    public async Task No_log_event_holds_a_token_a_password_an_email_a_name_or_a_document_name()
    {
        await using var portal = new VerbosePortal();
        foreach (var email in new string?[] { null, "doctor@demo.local", "hospital@demo.local", "coordinator@demo.local", "admin@demo.local" })
        {
            var session = new FuzzSession(portal, email ?? "anonymous", email);
            await session.RenewAsync();
            await new PortalCrawler(session).CrawlAsync("/", "/Identity/Account/Manage", "/Identity/Account/Login");
        }
        var token = await CalendarJourneyAsync(portal);
        await DocumentJourneyAsync(portal);
        await AccountJourneysAsync(portal);

        var secrets = await SecretsAsync(portal, token);
        var events = portal.Logs.All.ToList();
        var leaks = (from e in events
                     let text = Render(e)
                     from secret in secrets
                     where text.Contains(secret, StringComparison.OrdinalIgnoreCase)
                     select (Source: $"{LogEvents.Property(e, "SourceContext")} {e.MessageTemplate.Text}", Example: $"'{secret}' in {text}")).ToList();

        // One example per kind of event, so a failure names every source that leaks.
        Assert.True(leaks.Count == 0, $"{leaks.Count} leaks:\n" + string.Join("\n", leaks.DistinctBy(l => l.Source).Select(l => l.Example)));
        // The journeys were logged, the feed's path too (redacted), so the search above had something to search.
        Assert.True(events.Count > 1000, $"only {events.Count} events");
        Assert.Contains(events, e => Render(e).Contains($"/calendar/{Web.LogRedaction.Redacted}.ics", StringComparison.Ordinal));
        Assert.Contains(events, e => LogEvents.Property(e, "RequestPath") == "/Identity/Account/Login");
    }

    private static async Task<string> CalendarJourneyAsync(PortalFactory portal)
    {
        var coordinator = await portal.SignInAsync("coordinator@demo.local");
        var made = await coordinator.SubmitAsync(await coordinator.GetPageAsync("/Calendar"), "#calendar-form", new Dictionary<string, string>());
        var url = (await HtmlForms.ParseAsync(made)).QuerySelector("#feed-url")!.GetAttribute("value")!;
        var anonymous = portal.CreateClient();
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync(new Uri(url).PathAndQuery)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync("/calendar/0123456789abcdef0123456789abcdef0123456789abcdef.ics")).StatusCode);
        var path = new Uri(url).AbsolutePath;
        return path["/calendar/".Length..^".ics".Length];
    }

    private static async Task DocumentJourneyAsync(PortalFactory portal)
    {
        var admin = await portal.SignInAsync("admin@demo.local");
        int id;
        await using (var db = portal.NewDbContext())
            id = await db.Agreements.Select(a => a.Id).FirstAsync();
        var page = await admin.GetPageAsync($"/Admin/Agreements/{id}/Documents");
        var token = page.Document.QuerySelector("#upload-form input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        var action = WebUtility.HtmlDecode(page.Document.QuerySelector("#upload-form")!.GetAttribute("action")!);
        using var content = new MultipartFormDataContent { { new StringContent(token), "__RequestVerificationToken" } };
        var file = new ByteArrayContent("%PDF-1.7\nsigned\n%%EOF"u8.ToArray());
        file.Headers.ContentType = new MediaTypeHeaderValue("application/pdf");
        content.Add(file, "document", UploadName);
        Assert.Equal(HttpStatusCode.Redirect, (await admin.PostAsync(action, content)).StatusCode);
        var links = (await admin.GetPageAsync($"/Admin/Agreements/{id}/Documents")).Document.QuerySelectorAll("a[href*='handler=File']");
        Assert.NotEmpty(links);
        foreach (var link in links)
            Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync(WebUtility.HtmlDecode(link.GetAttribute("href")!))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync("/Admin/Exports?handler=Applications")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync("/Admin/Audit?Filter.Actor=coordinator@demo.local")).StatusCode);
    }

    private static async Task AccountJourneysAsync(PortalFactory portal)
    {
        var client = portal.CreateClientWithoutRedirects();
        await client.SignInAsync("doctor2@demo.local", "a wrong password");
        await client.SignInAsync(Unknown, DemoData.Password);
        for (var i = 0; i < 6; i++)
            await client.SignInAsync("doctor07@demo.local", "a wrong password " + i);
        await client.SubmitAsync(await client.GetPageAsync("/Identity/Account/ForgotPassword"), "#forgot-password-form",
            new Dictionary<string, string> { ["Input.Email"] = "doctor2@demo.local" });
        await client.SubmitAsync(await client.GetPageAsync("/Identity/Account/ForgotPassword"), "#forgot-password-form",
            new Dictionary<string, string> { ["Input.Email"] = Unknown });
        var register = await client.GetPageAsync("/Identity/Account/Register");
        var registered = await client.SubmitAsync(register, "#register-form", new Dictionary<string, string>
        {
            ["Input.FullName"] = RegisteredName,
            ["Input.Email"] = Registered,
            ["Input.HospitalId"] = register.Document.QuerySelectorAll("#Input_HospitalId option").Select(o => o.GetAttribute("value")).First(v => v != "")!,
            ["Input.Password"] = DemoData.Password + " registered",
            ["Input.ConfirmPassword"] = DemoData.Password + " registered",
            ["Input.AcceptPrivacyNotice"] = "true",
        });
        Assert.Equal(HttpStatusCode.Redirect, registered.StatusCode);
        await client.SubmitAsync(await client.GetPageAsync("/Applicant"), "form[action^='/Identity/Account/Logout']", new Dictionary<string, string>());
    }

    /// <summary>What must not be logged: the token, the passwords, every account's address and name, every doctor's name, every document's name.</summary>
    private static async Task<List<string>> SecretsAsync(PortalFactory portal, string token)
    {
        await using var db = portal.NewDbContext();
        var secrets = new List<string> { token, DemoData.Password, Unknown, UploadName, RegisteredName };
        secrets.AddRange(await db.Users.Select(u => u.Email!).ToListAsync());
        secrets.AddRange(await db.Users.Select(u => u.DisplayName).ToListAsync());
        secrets.AddRange(await db.Doctors.Select(d => d.FullName).ToListAsync());
        secrets.AddRange(await db.Doctors.Where(d => d.ChineseName != null).Select(d => d.ChineseName!).ToListAsync());
        secrets.AddRange(await db.Documents.Select(d => d.FileName).Distinct().ToListAsync());
        Assert.Contains(Registered, secrets);
        return secrets.Where(s => s.Length >= 4).Distinct().ToList();
    }

    private static string Render(LogEvent e) =>
        $"{e.RenderMessage()} {string.Join(" ", e.Properties.Select(p => $"{p.Key}={p.Value}"))} {e.Exception}";

    /// <summary>The demo portal with every source logging at Verbose, every event captured.</summary>
    private sealed class VerbosePortal : PortalFactory
    {
        public LogEvents Logs { get; } = new();

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            Logs.AddTo(builder);
            builder.UseSetting("Serilog:MinimumLevel:Default", "Verbose");
            foreach (var source in new[] { "Microsoft.AspNetCore", "Microsoft.EntityFrameworkCore", "Microsoft.EntityFrameworkCore.Database.Command" })
                builder.UseSetting($"Serilog:MinimumLevel:Override:{source}", "Verbose");
        }
    }
}
