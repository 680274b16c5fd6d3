using System.Collections.Concurrent;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Serilog.Core;
using Serilog.Events;

namespace ExchangePortal.IntegrationTests.Infrastructure;

/// <summary>Every event the portal logs at Warning or above (the tests' minimum level); Serilog reads sinks from the services.</summary>
public sealed class LogEvents : ILogEventSink
{
    public ConcurrentQueue<LogEvent> All { get; } = new();

    public void Emit(LogEvent logEvent) => All.Enqueue(logEvent);

    public void AddTo(IWebHostBuilder builder) => builder.ConfigureTestServices(services => services.AddSingleton<ILogEventSink>(this));

    public IReadOnlyList<LogEvent> Errors() => All.Where(e => e.Level >= LogEventLevel.Error).ToList();

    /// <summary>The value of a scalar property as text (without the quotes Serilog renders around strings).</summary>
    public static string? Property(LogEvent logEvent, string name) =>
        logEvent.Properties.TryGetValue(name, out var value) ? (value as ScalarValue)?.Value?.ToString() : null;

    /// <summary>Errors as readable lines, for an assertion message.</summary>
    public static string Describe(IEnumerable<LogEvent> events) =>
        string.Join("\n", events.Select(e => $"{e.Level} {Property(e, "SourceContext")}: {e.RenderMessage()} {e.Exception?.GetType().Name}"));
}
