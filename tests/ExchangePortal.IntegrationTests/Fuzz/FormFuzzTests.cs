using System.Diagnostics;
using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Xunit.Abstractions;

namespace ExchangePortal.IntegrationTests.Fuzz;

/// <summary>
/// Crawls the portal as every role and anonymously, then posts hostile values into every field of every form it found
/// (issue 15). A new page is covered as soon as a link leads to it. By default each field gets its most telling mutations;
/// FUZZ_ALL=1 tries every mutation on every field; FUZZ_EXTRA=n adds n more per field, drawn with FUZZ_SEED;
/// FUZZ_REPORT=path writes the failures to a file; FUZZ_VERBOSE=1 writes every request to fuzz-trace.txt.
/// </summary>
[Collection(PostgresCollection.Name)]
public class FormFuzzTests(ITestOutputHelper output)
{
    // Fuzzed in this order: staff last, since they can close cohorts and lock accounts the others use.
    private static readonly (string Account, string? Email, string? Twin)[] Accounts =
    [
        (FuzzAccounts.Anonymous, null, null),
        ("doctor", "doctor@demo.local", "doctor2@demo.local"),
        ("hospital", "hospital@demo.local", "hospital2@demo.local"),
        ("coordinator", "coordinator@demo.local", null),
        ("admin", "admin@demo.local", null),
    ];

    [Fact]
    public async Task Every_field_of_every_form_survives_hostile_values()
    {
        var clock = Stopwatch.StartNew();
        await using var portal = new FuzzPortalFactory();
        var all = Environment.GetEnvironmentVariable("FUZZ_ALL") == "1";
        var seed = int.TryParse(Environment.GetEnvironmentVariable("FUZZ_SEED"), out var s) ? s : 15;
        var verbose = Environment.GetEnvironmentVariable("FUZZ_VERBOSE") == "1";
        await using var trace = verbose ? new StreamWriter("fuzz-trace.txt") { AutoFlush = true } : null;
        var extra = int.TryParse(Environment.GetEnvironmentVariable("FUZZ_EXTRA"), out var e) ? e : 0;
        var fuzzer = new FormFuzzer(portal, all, extra, seed) { Trace = trace };
        _ = portal.Server;
        var start = portal.Logs.Count;
        portal.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Fuzz").LogError("Log capture check");
        Assert.Single(portal.Logs.ErrorsSince(start)); // the capture sees what the portal logs
        start = portal.Logs.Count;

        var crawls = new Dictionary<string, PortalCrawler>();
        var sessions = new List<(FuzzSession Session, string? Twin)>();
        foreach (var (account, email, twin) in Accounts)
        {
            var session = new FuzzSession(portal, account, email);
            await session.RenewAsync();
            crawls[account] = await CrawlAsync(session);
            if (twin is not null)
            {
                var other = new FuzzSession(portal, twin, twin);
                await other.RenewAsync();
                crawls[twin] = await CrawlAsync(other);
            }
            sessions.Add((session, twin));
        }
        var crawled = clock.Elapsed;
        var covered = new HashSet<string>();
        foreach (var (session, twin) in sessions)
        {
            var crawl = crawls[session.Account];
            // Each form once, by the first account that reaches it (the sign-in form anonymously, not once per role).
            var shapes = crawl.Forms.Where(f => covered.Add(f.Shape)).ToList();
            foreach (var form in shapes)
                output.WriteLine($"form [{session.Account}] {form.Describe} ({string.Join(", ", form.Fields.Select(f => f.Name))})");
            var own = crawl.Visited.Select(v => v.Path).Concat(crawl.Forms.Select(f => f.Path)).ToList();
            await fuzzer.FuzzAsync(session, shapes, twin is null ? null : new ForeignIds(own, crawls[twin]));
            if (session.SignedOutBecause is { } reason)
                Report($"{session.Account} could not sign in again, so some of its forms were left out: {reason}");
        }
        var ready = await portal.CreateClient().GetAsync("/health/ready");

        var pages = crawls.Values.Sum(c => c.Visited.Count);
        var failures = crawls.SelectMany(c => c.Value.Visited.Where(v => v.Status >= 500).Select(v => $"GET {v.Path} [{c.Key}] crawl → {v.Status}"))
            .Concat(fuzzer.Failures).ToList();
        failures.AddRange(portal.Logs.ErrorsSince(start).Where(e => !fuzzer.Explained.Contains(e))
            .Select(e => $"log at {(e.Properties.TryGetValue("RequestPath", out var p) ? p : "?")}: {LogCapture.Describe([e])}").Distinct());
        if (ready.StatusCode != HttpStatusCode.OK)
            failures.Add($"GET /health/ready → {(int)ready.StatusCode}");
        Report($"Fuzz: {pages} pages crawled, {covered.Count} forms fuzzed, {fuzzer.Requests} requests ({fuzzer.ForeignChecks} with a foreign id, " +
            $"{fuzzer.Skipped} values the client cannot send), {(all ? "every mutation" : $"sampled with seed {seed}")}; " +
            $"crawl {crawled.TotalSeconds:0}s, total {clock.Elapsed.TotalSeconds:0}s; {failures.Count} failures");
        Report("Responses by status: " + string.Join(", ", fuzzer.Statuses.Select(s => $"{s.Key}×{s.Value}")));
        if (Environment.GetEnvironmentVariable("FUZZ_REPORT") is { Length: > 0 } file)
            await File.WriteAllLinesAsync(file, failures);
        if (verbose)
            await File.WriteAllLinesAsync("fuzz-crawl.txt", crawls.SelectMany(c => c.Value.Visited.Select(v => $"{v.Status} GET {v.Path} [{c.Key}]")));

        Assert.True(pages > 30 && fuzzer.Requests >= 1000, $"The crawl found too little: {pages} pages, {fuzzer.Requests} requests.");
        Assert.True(failures.Count == 0, $"{failures.Count} hostile requests failed:\n" + string.Join("\n", failures));
    }

    private static async Task<PortalCrawler> CrawlAsync(FuzzSession session)
    {
        var crawler = new PortalCrawler(session);
        await crawler.CrawlAsync("/", "/Identity/Account/Manage", "/Identity/Account/Login");
        return crawler;
    }

    private void Report(string line)
    {
        output.WriteLine(line);
        Console.WriteLine(line);
    }
}
