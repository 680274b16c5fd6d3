using System.Data.Common;
using System.Text;
using System.Text.RegularExpressions;
using ExchangePortal.Core.Applications;
using ExchangePortal.Core.Cohorts;
using ExchangePortal.Core.Data;
using ExchangePortal.Core.Institutions;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Npgsql;

namespace ExchangePortal.Tools;

public sealed record ExplainedStatement(string Sql, string Plan, double ExecutionMs, IReadOnlyList<string> SeqScans);

public sealed record ExplainedCase(string Name, QueueFilter Filter, IReadOnlyList<ExplainedStatement> Statements)
{
    public double TotalMs => Statements.Sum(s => s.ExecutionMs);
}

/// <summary>
/// Runs the coordinator's review queue (the very SQL EF sends for it) for the default view, each filter alone, the sort by
/// name and a deep page, and EXPLAIN (ANALYZE, BUFFERS) each statement: which tables are read sequentially, and how long.
/// </summary>
public partial class QueueExplainer(string connectionString)
{
    public async Task<List<ExplainedCase>> ExplainAsync(CancellationToken ct = default)
    {
        var capture = new CommandCapture();
        await using var db = ToolDatabase.Open(connectionString, interceptors: capture);
        var cases = await CasesAsync(db, ct);
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(ct);

        var results = new List<ExplainedCase>();
        var queue = new ReviewQueue(db, SharedReads.Uncached);
        foreach (var (name, filter) in cases)
        {
            await queue.GetAsync(filter, ct); // warm: plans and buffers as a page that runs often sees them
            capture.Commands.Clear();
            await queue.GetAsync(filter, ct);
            var statements = new List<ExplainedStatement>();
            foreach (var command in capture.Commands.ToList())
                statements.Add(await ExplainAsync(connection, command, ct));
            results.Add(new ExplainedCase(name, filter, statements));
        }
        return results;
    }

    private static async Task<List<(string Name, QueueFilter Filter)>> CasesAsync(PortalDbContext db, CancellationToken ct)
    {
        var reviewing = await db.Cohorts.Where(c => c.Status == CohortStatus.Reviewing || c.Status == CohortStatus.Open)
            .OrderBy(c => c.Status == CohortStatus.Reviewing ? 0 : 1).Select(c => c.Id).FirstAsync(ct);
        var lab = await db.LabChoices.GroupBy(c => c.CohortLab.HostLabId).OrderByDescending(g => g.Count()).Select(g => g.Key).FirstAsync(ct);
        var specialty = await db.Doctors.GroupBy(d => d.Specialty).OrderByDescending(g => g.Count()).Select(g => g.Key).FirstAsync(ct);
        var hospital = await db.Institutions.Where(i => i.Kind == InstitutionKind.Hospital).OrderBy(i => i.Id).Select(i => i.Id).FirstAsync(ct);
        var name = await db.Doctors.OrderBy(d => d.Id).Select(d => d.FullName).FirstAsync(ct);
        var awaiting = await new ReviewQueue(db, SharedReads.Uncached).GetAsync(new QueueFilter(), ct);
        return
        [
            ("default (awaiting the university)", new QueueFilter()),
            ("cohort", new QueueFilter(CohortId: reviewing)),
            ("status Rejected (the largest)", new QueueFilter(Status: ApplicationStatus.Rejected)),
            ("status Endorsed", new QueueFilter(Status: ApplicationStatus.Endorsed)),
            ("lab choice", new QueueFilter(HostLabId: lab)),
            ($"specialty {specialty}", new QueueFilter(Specialty: specialty)),
            ("hospital", new QueueFilter(HospitalId: hospital)),
            ($"name search \"{name.Split(' ')[^1].ToLowerInvariant()}\"", new QueueFilter(Search: name.Split(' ')[^1].ToLowerInvariant())),
            ($"name search \"{name}\"", new QueueFilter(Search: name)),
            ("sort by name", new QueueFilter(Sort: QueueSort.Name)),
            ($"deep page {awaiting.PageCount} (last)", new QueueFilter(Page: awaiting.PageCount)),
            ("status Rejected, page 1000", new QueueFilter(Status: ApplicationStatus.Rejected, Page: 1000)),
        ];
    }

    private static async Task<ExplainedStatement> ExplainAsync(NpgsqlConnection connection, CapturedCommand captured, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand("EXPLAIN (ANALYZE, BUFFERS) " + captured.Sql, connection);
        foreach (var parameter in captured.Parameters)
            command.Parameters.Add(parameter.Clone());
        var plan = new StringBuilder();
        await using (var reader = await command.ExecuteReaderAsync(ct))
        {
            while (await reader.ReadAsync(ct))
                plan.AppendLine(reader.GetString(0));
        }
        var text = plan.ToString();
        var execution = ExecutionTime().Match(text) is { Success: true } m ? double.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) : 0;
        var scans = SeqScan().Matches(text).Select(s => s.Groups[1].Value).Distinct().ToList();
        return new ExplainedStatement(captured.Sql, text, execution, scans);
    }

    /// <summary>A Markdown report: one row per case with its statements' time and the tables scanned sequentially.</summary>
    public static string Report(IReadOnlyList<ExplainedCase> cases, bool withPlans)
    {
        var text = new StringBuilder();
        text.AppendLine("| case | statements | total execution (ms) | slowest statement (ms) | sequential scans |");
        text.AppendLine("|---|---|---|---|---|");
        foreach (var c in cases)
        {
            var scans = c.Statements.SelectMany(s => s.SeqScans).Distinct().ToList();
            text.AppendLine($"| {c.Name} | {c.Statements.Count} | {c.TotalMs:F1} | {c.Statements.Max(s => s.ExecutionMs):F1} | " +
                $"{(scans.Count == 0 ? "none" : string.Join(", ", scans))} |");
        }
        if (!withPlans)
            return text.ToString();
        foreach (var c in cases)
        {
            text.AppendLine().AppendLine($"## {c.Name}");
            foreach (var s in c.Statements)
                text.AppendLine().AppendLine("```sql").AppendLine(s.Sql).AppendLine("```").AppendLine("```").Append(s.Plan).AppendLine("```");
        }
        return text.ToString();
    }

    [GeneratedRegex(@"Execution Time: ([0-9.]+) ms")]
    private static partial Regex ExecutionTime();

    [GeneratedRegex(@"Seq Scan on ""?([A-Za-z_]+)""?")]
    private static partial Regex SeqScan();

    private sealed record CapturedCommand(string Sql, List<NpgsqlParameter> Parameters);

    private sealed class CommandCapture : DbCommandInterceptor
    {
        public List<CapturedCommand> Commands { get; } = [];

        public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData,
            InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
        {
            Commands.Add(new CapturedCommand(command.CommandText,
                command.Parameters.Cast<NpgsqlParameter>().Select(p => p.Clone()).ToList()));
            return base.ReaderExecutingAsync(command, eventData, result, cancellationToken);
        }
    }
}
