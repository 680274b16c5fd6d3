using System.Text.RegularExpressions;
using Serilog.Core;
using Serilog.Events;

namespace ExchangePortal.Web;

/// <summary>
/// Takes what must never reach a log out of request addresses in every event, whoever logged it (the request log, the
/// hosting and routing logs, a warning's RequestPath, the request scope): the secret token of a calendar feed's path,
/// the values of a query string (an audit filter can hold an email address, an email link a token), and the name of a
/// file sent (MVC logs a download's name).
/// </summary>
public sealed partial class LogRedaction : ILogEventEnricher
{
    public const string Redacted = "[redacted]";

    private const string CalendarPrefix = "calendar/";

    /// <summary>
    /// Events no level setting lets through: ASP.NET Core's Trace events (they include a handler's arguments) and the link
    /// generator's Debug ones (a link's route values, such as an audit filter's email address).
    /// </summary>
    public static bool Drops(LogEvent logEvent) =>
        logEvent.Level <= LogEventLevel.Debug && logEvent.Properties.TryGetValue("SourceContext", out var value)
        && value is ScalarValue { Value: string source }
        && (source.StartsWith("Microsoft.AspNetCore.Routing.DefaultLinkGenerator", StringComparison.Ordinal)
            || (logEvent.Level == LogEventLevel.Verbose && source.StartsWith("Microsoft.AspNetCore.", StringComparison.Ordinal)));

    public void Enrich(LogEvent logEvent, ILogEventPropertyFactory propertyFactory)
    {
        List<LogEventProperty>? cleaned = null;
        foreach (var (name, value) in logEvent.Properties)
        {
            if (Clean(name, value) is { } clean)
                (cleaned ??= []).Add(new LogEventProperty(name, clean));
        }
        foreach (var property in cleaned ?? [])
            logEvent.AddOrUpdateProperty(property);
    }

    /// <summary>A request path with the calendar token replaced.</summary>
    public static string Path(string path) =>
        path.Contains(CalendarPrefix, StringComparison.OrdinalIgnoreCase) ? CalendarToken().Replace(path, CalendarPrefix + Redacted + ".ics") : path;

    /// <summary>The cleaned value, or null when nothing needed cleaning (the usual case: no allocation).</summary>
    private static LogEventPropertyValue? Clean(string name, LogEventPropertyValue value)
    {
        switch (value)
        {
            case ScalarValue { Value: string { Length: > 0 } text }:
                var clean = name switch
                {
                    "FileDownloadName" => Redacted,
                    _ when text.Contains('?') => Query().Replace(Path(text), q => QueryValue().Replace(q.Value, "=" + Redacted)),
                    _ => Path(text),
                };
                return ReferenceEquals(clean, text) || clean == text ? null : new ScalarValue(clean);
            case SequenceValue sequence:
                var elements = sequence.Elements.Select(e => Clean(name, e)).ToList();
                return elements.All(e => e is null) ? null : new SequenceValue(elements.Select((e, i) => e ?? sequence.Elements[i]));
            default:
                return null;
        }
    }

    [GeneratedRegex(@"calendar/[^/?#\s""']+\.ics", RegexOptions.IgnoreCase)]
    private static partial Regex CalendarToken();

    [GeneratedRegex(@"\?[^\s""'#?]*=[^\s""'#]*")]
    private static partial Regex Query();

    [GeneratedRegex(@"=[^&]*")]
    private static partial Regex QueryValue();
}
