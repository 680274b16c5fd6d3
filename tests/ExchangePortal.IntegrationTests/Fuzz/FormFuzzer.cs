using System.Net;
using System.Net.Http.Headers;
using AngleSharp.Html.Dom;
using ExchangePortal.Core.Demo;

namespace ExchangePortal.IntegrationTests.Fuzz;

/// <summary>One account's browser: a client that is signed in again (or replaced, when anonymous) whenever it loses its session.</summary>
public sealed class FuzzSession(PortalFactory portal, string account, string? email)
{
    public string Account { get; } = account;

    public HttpClient Client { get; private set; } = null!;

    public bool SignedOut { get; private set; }

    /// <summary>Why the account could not sign in again, when it could not.</summary>
    public string? SignedOutBecause { get; private set; }

    public async Task RenewAsync()
    {
        Client = portal.CreateClientWithoutRedirects();
        Client.Timeout = TimeSpan.FromSeconds(30); // a request that hangs is a failure to report, not a test that never ends
        if (email is null)
            return;
        try
        {
            using var response = await Client.SignInAsync(email, DemoData.Password);
            if (response.StatusCode != HttpStatusCode.Redirect)
                throw new InvalidOperationException($"Signing in as {email} answered {(int)response.StatusCode}.");
        }
        catch (Exception e) when (e is InvalidOperationException or HttpRequestException or TaskCanceledException)
        {
            SignedOut = true; // another account's fuzzing locked this one: its remaining forms are left out
            SignedOutBecause = e.Message;
        }
    }

    public bool IsSignInRedirect(HttpResponseMessage response) => email is not null
        && response.Headers.Location?.OriginalString.Contains("/Identity/Account/Login", StringComparison.OrdinalIgnoreCase) == true;
}

/// <summary>
/// Posts each field of each form mutated, the rest of the form left valid, with the form's own antiforgery token; records
/// every request that answers 5xx or writes an Error log event, and every change made through another user's id.
/// </summary>
public sealed class FormFuzzer(FuzzPortalFactory portal, bool all, int extra, int seed)
{
    public int Requests { get; private set; }

    public int Skipped { get; private set; }

    public int ForeignChecks { get; private set; }

    public List<string> Failures { get; } = [];

    /// <summary>How many responses had each status code.</summary>
    public SortedDictionary<int, int> Statuses { get; } = [];

    /// <summary>Every request in one line each, when FUZZ_VERBOSE=1 (for reading what the fuzzer did).</summary>
    public TextWriter? Trace { get; init; }

    /// <summary>The Error events already named by a failure above.</summary>
    public HashSet<Serilog.Events.LogEvent> Explained { get; } = [];

    public async Task FuzzAsync(FuzzSession session, IReadOnlyList<FormSpec> forms, ForeignIds? foreign)
    {
        foreach (var original in forms)
        {
            // Read the form again: the crawl's token may belong to a session that has ended since.
            var form = original.Method == "post" ? await RefreshAsync(session, original, null) : original;
            if (foreign?.PathFor(form) is { } path && form.Method == "post")
                await ForeignAsync(session, form, path, foreign.QueryFor(form));
            foreach (var field in form.Fields)
            {
                foreach (var mutation in Mutations.For(form, field, all, extra, seed))
                {
                    if (session.SignedOut)
                        return;
                    var sent = Build(form, field, mutation);
                    using var response = await SendAsync(session, form, sent, $"{field.Name} {mutation.Name}");
                    if (response is { StatusCode: >= HttpStatusCode.MultipleChoices and < HttpStatusCode.BadRequest }
                        && (form.Method == "post" || session.IsSignInRedirect(response)))
                        form = await RefreshAsync(session, form, response, $" after {field.Name} {mutation.Name}");
                }
            }
        }
    }

    /// <summary>The form as posted: each field's untouched (or plausible) values, the mutated field's replaced.</summary>
    public static Submission Build(FormSpec form, FieldSpec? target = null, Mutation? mutation = null, string? path = null,
        IReadOnlyDictionary<string, string>? query = null)
    {
        var submission = new Submission(form.Method, path ?? form.Path, form.Multipart);
        var dates = 0;
        var routeIds = new List<string?>();
        foreach (var field in form.Fields)
        {
            IReadOnlyList<string> values = field.Sent;
            if (form.Method == "post" && field.Source == FieldSource.Body && values.All(string.IsNullOrWhiteSpace)
                && field.Type is not ("hidden" or "checkbox" or "radio" or "file" or "submit"))
                values = [Mutations.Plausible(field, field.Type.StartsWith("date") ? dates++ : 0)];
            if (query is not null && query.TryGetValue(field.Name, out var foreignValue))
                values = [foreignValue];
            if (field == target)
                values = mutation!.Values(field, values.FirstOrDefault() ?? field.Candidate);
            switch (field.Source)
            {
                case FieldSource.Route:
                    routeIds.Add(values.Count > 0 ? values[0] : null);
                    break;
                case FieldSource.Query:
                    submission.Query.AddRange(values.Select(v => (field.Name, v)));
                    break;
                default:
                    submission.Body.AddRange(values.Select(v => (field.Name, v, field.IsFile)));
                    break;
            }
        }
        if (path is null && routeIds.Count > 0)
            submission.Path = PortalCrawler.WithIds(form.Path, routeIds);
        return submission;
    }

    private async Task<HttpResponseMessage?> SendAsync(FuzzSession session, FormSpec form, Submission sent, string what)
    {
        HttpRequestMessage request;
        try
        {
            request = sent.ToRequest();
        }
        catch (FormatException)
        {
            Skipped++; // HttpClient refuses to put this value in a header (a file name with a control character)
            return null;
        }
        var logs = portal.Logs.Count;
        Requests++;
        Trace?.WriteLine($"→ {form.Describe} [{session.Account}] {what}: {LogCapture.Shorten(request.RequestUri!.OriginalString)}");
        try
        {
            var response = await session.Client.SendAsync(request);
            await response.Content.LoadIntoBufferAsync(); // the whole pipeline has run, request logging included
            var errors = portal.Logs.ErrorsSince(logs);
            Explained.UnionWith(errors);
            Statuses[(int)response.StatusCode] = Statuses.GetValueOrDefault((int)response.StatusCode) + 1;
            Trace?.WriteLine($"← {(int)response.StatusCode} {response.Headers.Location}");
            if ((int)response.StatusCode >= 500 || errors.Count > 0)
                Fail(session, form, what, ((int)response.StatusCode).ToString(), LogCapture.Describe(errors));
            return response;
        }
        catch (Exception e) when (e is HttpRequestException or IOException or InvalidOperationException or TaskCanceledException)
        {
            Fail(session, form, what, "no response", $"{e.GetType().Name}: {LogCapture.Shorten(e.Message)}");
            return null;
        }
        finally
        {
            request.Dispose();
        }
    }

    /// <summary>The baseline form sent with another user's record id: it must change nothing at all.</summary>
    private async Task ForeignAsync(FuzzSession session, FormSpec form, string path, IReadOnlyDictionary<string, string> query)
    {
        ForeignChecks++;
        var before = await portal.FingerprintAsync();
        using var response = await SendAsync(session, form, Build(form, path: path, query: query), "(record) foreign-id");
        var after = await portal.FingerprintAsync();
        var changed = before.Keys.Where(t => before[t] != after.GetValueOrDefault(t)).ToList();
        if (changed.Count > 0)
            Fail(session, form, "(record) foreign-id", ((int?)response?.StatusCode)?.ToString() ?? "-", $"changed {string.Join(", ", changed)} via {path}");
    }

    /// <summary>After a success (a redirect) the record may have moved on: read the form again for its current version and token.</summary>
    private async Task<FormSpec> RefreshAsync(FuzzSession session, FormSpec form, HttpResponseMessage? response, string after = "")
    {
        if (response is not null && (session.IsSignInRedirect(response) || session.Account == FuzzAccounts.Anonymous))
            await session.RenewAsync(); // signed out by the post, or signed in by it (registration)
        for (var attempt = 0; attempt < 2 && !session.SignedOut; attempt++)
        {
            var logs = portal.Logs.Count;
            Requests++;
            Trace?.WriteLine($"→ GET {form.PagePath} [{session.Account}] (the form's page{after})");
            try
            {
                using var page = await session.Client.GetAsync(form.PagePath);
                await page.Content.LoadIntoBufferAsync();
                var errors = portal.Logs.ErrorsSince(logs);
                Explained.UnionWith(errors);
                if ((int)page.StatusCode >= 500 || errors.Count > 0)
                    Failures.Add($"GET {PortalCrawler.Template(form.PagePath)} [{session.Account}] (the form's page{after}) → {(int)page.StatusCode}; {LogCapture.Describe(errors)}");
                if (session.IsSignInRedirect(page))
                {
                    await session.RenewAsync();
                    continue;
                }
                if (page.Content.Headers.ContentType?.MediaType != "text/html")
                    return form;
                var document = await HtmlForms.ParseAsync(page);
                var again = document.QuerySelectorAll("form").OfType<IHtmlFormElement>()
                    .SelectMany(f => PortalCrawler.Read(form.Account, form.PagePath, f)).Where(f => f.Shape == form.Shape).ToList();
                return again.FirstOrDefault(f => f.Path == form.Path) ?? again.FirstOrDefault() ?? form;
            }
            catch (Exception e) when (e is HttpRequestException or IOException or InvalidOperationException or TaskCanceledException)
            {
                Failures.Add($"GET {PortalCrawler.Template(form.PagePath)} [{session.Account}] (the form's page{after}) → no response; {e.GetType().Name}: {LogCapture.Shorten(e.Message)}");
                return form;
            }
        }
        return form;
    }

    private void Fail(FuzzSession session, FormSpec form, string what, string status, string? detail) =>
        Failures.Add($"{form.Describe} [{session.Account}] {what} → {status}{(string.IsNullOrEmpty(detail) ? "" : "; " + detail)}");
}

/// <summary>What a form sends: its path, the query string and the body.</summary>
public sealed class Submission(string method, string path, bool multipart)
{
    public string Path { get; set; } = path;

    public List<(string Name, string Value)> Query { get; } = [];

    public List<(string Name, string Value, bool File)> Body { get; } = [];

    public HttpRequestMessage ToRequest()
    {
        // A GET form puts its fields in the query string, as a browser does.
        var query = method == "get" ? Query.Concat(Body.Select(b => (b.Name, b.Value))).ToList() : Query;
        var url = Path + (query.Count == 0 ? "" : "?" + string.Join("&", query.Select(q => $"{Uri.EscapeDataString(q.Name)}={Uri.EscapeDataString(q.Value)}")));
        var request = new HttpRequestMessage(method == "get" ? HttpMethod.Get : HttpMethod.Post, url);
        if (method == "get")
            return request;
        if (!multipart)
        {
            request.Content = new FormUrlEncodedContent(Body.Select(b => KeyValuePair.Create(b.Name, b.Value)));
            return request;
        }
        var content = new MultipartFormDataContent();
        foreach (var (name, value, file) in Body)
        {
            if (!file)
            {
                content.Add(new StringContent(value), name);
                continue;
            }
            var bytes = new ByteArrayContent(FuzzFiles.Pdf);
            bytes.Headers.ContentType = new("application/pdf");
            bytes.Headers.ContentDisposition = new("form-data") { Name = $"\"{name}\"", FileName = $"\"{value}\"", FileNameStar = value };
            content.Add(bytes);
        }
        request.Content = content;
        return request;
    }
}

/// <summary>Ids of the same kind of record that belong to another account of the same role (doctor2's applications for doctor).</summary>
public sealed class ForeignIds(IReadOnlyCollection<string> ownPaths, PortalCrawler other)
{
    private readonly HashSet<string> _own = ownPaths.SelectMany(p => PortalCrawler.Ids(p).Select(id => $"{PortalCrawler.Template(p)} {id}")).ToHashSet();

    /// <summary>The other account's path of the same kind, when one has an id this account never saw.</summary>
    public string? PathFor(FormSpec form) =>
        other.Visited.Select(v => v.Path).Concat(other.Forms.Select(f => f.Path)).Select(p => p.Split('?')[0])
            .FirstOrDefault(p => PortalCrawler.Template(p) == PortalCrawler.Template(form.Path) && PortalCrawler.Ids(p).Any(id => !_own.Contains($"{PortalCrawler.Template(p)} {id}")));

    /// <summary>The other account's record ids in the query string (documentId, milestoneId) of the same form, when it has one.</summary>
    public IReadOnlyDictionary<string, string> QueryFor(FormSpec form) =>
        other.Forms.FirstOrDefault(f => f.Method == form.Method && f.Handler == form.Handler && PortalCrawler.Template(f.Path) == PortalCrawler.Template(form.Path))?
            .Fields.Where(f => f.Source == FieldSource.Query && f.Name.EndsWith("Id", StringComparison.OrdinalIgnoreCase))
            .ToDictionary(f => f.Name, f => f.Candidate) ?? [];
}

/// <summary>The demo accounts the fuzz test signs in as; each role's second account provides the foreign ids.</summary>
public static class FuzzAccounts
{
    public const string Anonymous = "anonymous";
}
