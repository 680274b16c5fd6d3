using System.Collections.Concurrent;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Serilog.Core;
using Serilog.Events;

namespace ExchangePortal.IntegrationTests.Fuzz;

/// <summary>The portal over a database of its own (the fuzz test changes data freely), with every log event kept.</summary>
public sealed class FuzzPortalFactory : PortalFactory
{
    public LogCapture Logs { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        // Serilog reads sinks registered as services (ReadFrom.Services in PortalLogging), so this sees what the console sees.
        builder.ConfigureTestServices(services => services.AddSingleton<ILogEventSink>(Logs));
    }

    /// <summary>A hash of every table's rows, to tell whether a request changed anything.</summary>
    public async Task<IReadOnlyDictionary<string, string>> FingerprintAsync()
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        var tables = new List<string>();
        await using (var list = new NpgsqlCommand(
            "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY 1", connection))
        await using (var reader = await list.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
                tables.Add(reader.GetString(0));
        }
        var sql = string.Join(" UNION ALL ", tables.Select(t =>
            $"SELECT '{t}', md5(coalesce(string_agg(x::text, ',' ORDER BY x::text), '')) FROM \"{t}\" x"));
        var hashes = new Dictionary<string, string>();
        await using var command = new NpgsqlCommand(sql, connection);
        await using var rows = await command.ExecuteReaderAsync();
        while (await rows.ReadAsync())
            hashes[rows.GetString(0)] = rows.GetString(1);
        return hashes;
    }
}

/// <summary>Every log event the portal writes, in order.</summary>
public sealed class LogCapture : ILogEventSink
{
    private readonly ConcurrentQueue<LogEvent> _events = new();

    public int Count => _events.Count;

    public void Emit(LogEvent logEvent) => _events.Enqueue(logEvent);

    /// <summary>The Error and Fatal events written after the first <paramref name="skip"/> events.</summary>
    public IReadOnlyList<LogEvent> ErrorsSince(int skip) =>
        _events.Skip(skip).Where(e => e.Level >= LogEventLevel.Error).ToList();

    /// <summary>The root exception of the first event that has one (else the first message), in one line.</summary>
    public static string Describe(IReadOnlyList<LogEvent> events)
    {
        if (events.FirstOrDefault(e => e.Exception is not null)?.Exception?.GetBaseException() is { } root)
            return $"{root.GetType().Name}: {Shorten(root.Message)}";
        return events.Count == 0 ? "" : $"{events[0].Level}: {Shorten(events[0].RenderMessage())}";
    }

    public static string Shorten(string text)
    {
        var line = text.ReplaceLineEndings(" ").Replace("\0", "\\0");
        return line.Length > 200 ? line[..200] + "…" : line;
    }
}

/// <summary>The file a file input gets: a tiny valid PDF.</summary>
public static class FuzzFiles
{
    public const string FileName = "fuzz.pdf";

    public static readonly byte[] Pdf = "%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"u8.ToArray();
}
