using System.Net;
using System.Text.RegularExpressions;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;

namespace ExchangePortal.IntegrationTests.Fuzz;

/// <summary>Where a field's value travels: the form body, the action's query string, or a segment of the action's path.</summary>
public enum FieldSource { Body, Query, Route }

/// <summary>One named input of a form, with what a browser sends for it untouched (nothing for an unchecked box).</summary>
public sealed record FieldSpec(string Name, FieldSource Source, string Type, IReadOnlyList<string> Sent, string Candidate,
    IReadOnlyList<string> Options, int? MaxLength)
{
    public bool IsFile => Type == "file";
}

/// <summary>A form (or a link with a query string, or a page with ids in its path) found on a page.</summary>
public sealed record FormSpec(string Account, string PagePath, string Method, string Path, bool Multipart,
    IReadOnlyList<FieldSpec> Fields, string? FormId)
{
    public string Handler => Fields.FirstOrDefault(f => f.Source == FieldSource.Query && f.Name.Equals("handler", StringComparison.OrdinalIgnoreCase))?.Sent[0] ?? "";

    /// <summary>The form's shape: the same form on another record of the same kind, or seen by another role, is the same test.</summary>
    public string Shape => $"{Method} {PortalCrawler.Template(Path)} {Handler} " +
        string.Join(",", Fields.Where(f => f.Source != FieldSource.Route).Select(f => f.Name.ToLowerInvariant()).Order());

    public string Describe => $"{Method.ToUpperInvariant()} {PortalCrawler.Template(Path)}{(Handler.Length > 0 ? "?handler=" + Handler : "")}";
}

/// <summary>
/// Visits every page one client can reach from the seeds by following links within the portal, and collects every form on
/// them. Sign-out is never followed; downloads are fetched (their status counts) but not parsed.
/// </summary>
public sealed partial class PortalCrawler(FuzzSession session)
{
    private const int MaxPages = 600;
    private const int MaxPagesPerTemplate = 60;

    private readonly Dictionary<string, int> _perTemplate = [];
    private readonly HashSet<string> _seen = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Every page and download fetched, with its status.</summary>
    public List<(string Path, int Status)> Visited { get; } = [];

    public List<FormSpec> Forms { get; } = [];

    public async Task CrawlAsync(params string[] seeds)
    {
        var queue = new Queue<string>(seeds.Where(Admit));
        while (queue.Count > 0 && Visited.Count < MaxPages)
        {
            var path = queue.Dequeue();
            var response = await session.Client.GetAsync(path);
            if (session.IsSignInRedirect(response))
            {
                // Some pages end the session (a new authenticator key changes the security stamp): sign in again.
                response.Dispose();
                await session.RenewAsync();
                response = await session.Client.GetAsync(path);
            }
            using var _ = response;
            Visited.Add((path, (int)response.StatusCode));
            if (response.Headers.Location is { } location)
            {
                if (Local(path, location.OriginalString) is { } next && Admit(next))
                    queue.Enqueue(next);
                continue;
            }
            if (response.Content.Headers.ContentType?.MediaType != "text/html")
                continue;
            var document = await HtmlForms.ParseAsync(response);
            foreach (var href in document.QuerySelectorAll("a[href]").Select(a => a.GetAttribute("href")!))
            {
                if (Local(path, href) is { } next && Admit(next))
                    queue.Enqueue(next);
            }
            AddLinkForm(path);
            foreach (var form in document.QuerySelectorAll("form").OfType<IHtmlFormElement>())
                Forms.AddRange(Read(session.Account, path, form));
        }
    }

    /// <summary>A path with its ids (numbers, GUIDs, tokens) replaced by {id}: pages of the same kind share it.</summary>
    public static string Template(string path) => IdSegment().Replace(path.Split('?')[0], "/{id}");

    /// <summary>The id-like segments of a path, in order.</summary>
    public static IReadOnlyList<string> Ids(string path) =>
        IdSegment().Matches(path.Split('?')[0]).Select(m => m.Groups[1].Value).ToList();

    /// <summary>The path with its id segments replaced in order (escaped), or dropped where the new value is null.</summary>
    public static string WithIds(string path, IReadOnlyList<string?> ids)
    {
        var i = 0;
        return IdSegment().Replace(path, m => ids[i++] is { } id ? "/" + Uri.EscapeDataString(id) : "");
    }

    /// <summary>Reads a form the way a browser would submit it, one variant per submit button that changes the target.</summary>
    public static IEnumerable<FormSpec> Read(string account, string pagePath, IHtmlFormElement form)
    {
        var method = (form.GetAttribute("method") ?? "get").ToLowerInvariant();
        var action = form.GetAttribute("action") is { Length: > 0 } a ? a : pagePath;
        var multipart = form.GetAttribute("enctype") == "multipart/form-data";
        // The form's own descendants (the portal never uses form="…"); AngleSharp's live form.Elements is slow on long pages.
        var controls = form.QuerySelectorAll("input, select, textarea, button").ToList();
        var fields = ReadFields(controls).ToList();
        var buttons = controls.Where(IsSubmit).ToList();
        var variants = buttons.Select(b => (Action: b.GetAttribute("formaction") is { Length: > 0 } f ? f : action,
            Name: b.GetAttribute("name"), Value: b.GetAttribute("value") ?? "")).Distinct().ToList();
        if (variants.Count == 0)
            variants.Add((action, null, ""));
        foreach (var (target, name, value) in variants)
        {
            if (Local(pagePath, target) is not { } local || IsSignOut(local))
                continue;
            var all = new List<FieldSpec>(fields);
            if (!string.IsNullOrEmpty(name))
                all.Add(new(name, FieldSource.Body, "submit", [value], value, [], null));
            // A GET form replaces the action's query with its fields; a POST keeps it (handler, route values).
            if (method == "post")
                all.AddRange(QueryFields(local));
            all.AddRange(RouteFields(local));
            yield return new(account, pagePath, method, local.Split('?')[0], multipart, all, form.Id);
        }
    }

    /// <summary>A link with a query string or ids in its path is a GET form too (paging, filters, downloads by id).</summary>
    private void AddLinkForm(string path)
    {
        var fields = QueryFields(path).Concat(RouteFields(path)).ToList();
        if (fields.Any(f => !f.Name.Equals("handler", StringComparison.OrdinalIgnoreCase)))
            Forms.Add(new(session.Account, path, "get", path.Split('?')[0], false, fields, null));
    }

    private static IEnumerable<FieldSpec> ReadFields(IReadOnlyList<IElement> controls)
    {
        foreach (var group in controls.Where(e => !string.IsNullOrEmpty(e.GetAttribute("name")) && !IsSubmit(e))
                     .GroupBy(e => e.GetAttribute("name")!))
        {
            var first = group.First();
            var type = first switch
            {
                IHtmlInputElement input => group.Any(e => e is IHtmlInputElement { Type: "checkbox" }) ? "checkbox" : input.Type,
                IHtmlSelectElement => "select",
                IHtmlTextAreaElement => "textarea",
                _ => "",
            };
            if (type is "" or "button" or "reset" or "image")
                continue;
            var sent = new List<string>();
            var options = new List<string>();
            foreach (var element in group)
            {
                switch (element)
                {
                    case IHtmlInputElement { Type: "checkbox" or "radio" } box:
                        options.Add(box.Value);
                        if (box.IsChecked)
                            sent.Add(box.Value);
                        break;
                    case IHtmlInputElement { Type: "file" }:
                        sent.Add(FuzzFiles.FileName);
                        break;
                    case IHtmlInputElement input:
                        sent.Add(input.Value);
                        break;
                    case IHtmlSelectElement select:
                        options.AddRange(select.Options.Select(o => o.Value));
                        sent.AddRange(select.Options.Where(o => o.IsSelected).Select(o => o.Value).DefaultIfEmpty(select.Value ?? "").Take(select.IsMultiple ? 100 : 1));
                        break;
                    case IHtmlTextAreaElement area:
                        sent.Add(area.Value);
                        break;
                }
            }
            var max = int.TryParse(first.GetAttribute("maxlength"), out var m) ? m : (int?)null;
            var candidate = options.FirstOrDefault(o => o is not ("" or "false")) ?? sent.FirstOrDefault() ?? "";
            yield return new(group.Key, FieldSource.Body, type, sent, candidate, options.Distinct().ToList(), max);
        }
    }

    private static IEnumerable<FieldSpec> QueryFields(string path)
    {
        var query = path.Contains('?') ? path[(path.IndexOf('?') + 1)..] : "";
        foreach (var pair in query.Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var parts = pair.Split('=', 2);
            var value = WebUtility.UrlDecode(parts.Length > 1 ? parts[1] : "");
            yield return new(WebUtility.UrlDecode(parts[0]), FieldSource.Query, "query", [value], value, [], null);
        }
    }

    private static IEnumerable<FieldSpec> RouteFields(string path) =>
        Ids(path).Select((id, i) => new FieldSpec($"{{route{i}}}", FieldSource.Route, "route", [id], id, [], null));

    private static bool IsSubmit(IElement e) => e switch
    {
        IHtmlButtonElement b => b.Type is "submit" or "",
        IHtmlInputElement i => i.Type is "submit" or "image",
        _ => false,
    };

    private static bool IsSignOut(string path) => path.Contains("/Logout", StringComparison.OrdinalIgnoreCase);

    /// <summary>The path and query of a link when it stays within the portal and is a page (not a static file or an anchor).</summary>
    private static string? Local(string from, string href)
    {
        if (href.StartsWith('#') || href.StartsWith("mailto:", StringComparison.OrdinalIgnoreCase) || href.StartsWith("javascript:", StringComparison.OrdinalIgnoreCase))
            return null;
        var baseUri = new Uri(new Uri("http://localhost"), from);
        if (!Uri.TryCreate(baseUri, href, out var target) || target.Host != "localhost" || target.Scheme != "http")
            return null;
        var local = target.PathAndQuery;
        return StaticFile().IsMatch(target.AbsolutePath) ? null : local;
    }

    private bool Admit(string path)
    {
        if (IsSignOut(path) || !_seen.Add(path))
            return false;
        var template = Template(path) + "?" + string.Join("&", QueryFields(path).Select(f => f.Name).Order());
        _perTemplate[template] = _perTemplate.GetValueOrDefault(template) + 1;
        return _perTemplate[template] <= MaxPagesPerTemplate;
    }

    [GeneratedRegex(@"/(\d+|[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}|(?=[A-Za-z_\-]*\d)[A-Za-z0-9_\-]{20,})(?=/|$|\.)")]
    private static partial Regex IdSegment();

    [GeneratedRegex(@"^/(lib|css|js|img|images)/|\.(css|js|map|png|jpe?g|gif|svg|ico|woff2?|ttf)$", RegexOptions.IgnoreCase)]
    private static partial Regex StaticFile();
}
