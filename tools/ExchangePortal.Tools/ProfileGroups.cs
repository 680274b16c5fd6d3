using System.Text;
using System.Text.RegularExpressions;
using Microsoft.Diagnostics.Tracing.Etlx;

namespace ExchangePortal.Tools;

/// <summary>
/// Groups the CPU samples of a <c>dotnet-trace collect-linux</c> trace (scripts/bench.sh --profile) by what the portal was
/// doing: each sample counts once, for the group of the frame nearest its leaf that belongs to a group (so EF work under
/// the session check counts as EF, Serilog formatting as logging), and for every group on its stack in the inclusive column.
/// </summary>
internal static class ProfileGroups
{
    // Order matters only for a frame that matches two patterns: the first wins.
    private static readonly (string Group, Regex Pattern)[] Groups =
    [
        ("logging (Serilog, request log)", new(@"^Serilog\.(?!AspNetCore\.RequestLoggingMiddleware)|LogRedaction|Microsoft\.Extensions\.Logging")),
        ("security stamp / session check", new(@"SessionCheck|SecurityStampCheck|RecentSessionChecks|RecentStampChecks|UserSessions|SessionTimes")),
        ("privacy-notice gate", new(@"PrivacyNoticeGate")),
        ("two-factor convention", new(@"PortalTwoFactor|StaffTwoFactorFilter|RecentSignIn")),
        ("antiforgery", new(@"Antiforgery")),
        ("localization", new(@"Localiz|ResourceManager|ResourceReader|ResourceSet|CultureInfo")),
        ("EF query compilation / cache lookup", new(@"EntityFrameworkCore\.Query\.(Internal\.)?(QueryCompiler|.*Translat|.*Visitor|ExpressionEqualityComparer|.*Funcletizer|CompiledQuery|.*SqlGenerator|.*ParameterExtract)|RelationalCommandCache|ExpressionTreeFuncletizer|QuerySqlGenerator")),
        ("EF change tracking / SaveChanges / audit", new(@"ChangeTrack|ChangeDetector|StateManager|SaveChanges|InternalEntityEntry|InternalEntryBase|FieldAuditInterceptor|AuditTrail|Update\.(Internal\.)?")),
        ("EF materialization / Npgsql commands", new(@"^Microsoft\.EntityFrameworkCore|^Npgsql|BufferedDataReader|Shaper|ValueBuffer")),
        ("Razor rendering / tag helpers", new(@"AspNetCoreGeneratedDocument|\.Pages_|Microsoft\.AspNetCore\.Mvc\.Razor|Microsoft\.AspNetCore\.Razor|TagHelper|ViewFeatures|HtmlEncoder|Encodings\.Web|HtmlContent|ViewBuffer|StatusBadge")),
        ("authentication cookie (ticket, data protection, claims)", new(@"Microsoft\.AspNetCore\.Authentication|DataProtection|TicketSerializer|Claims|Cryptography|AuthorizationMiddleware|Microsoft\.AspNetCore\.Authorization|PolicyEvaluator")),
        ("page handlers and Core services", new(@"^ExchangePortal")),
        ("MVC / routing / other middleware", new(@"Microsoft\.AspNetCore\.(Mvc|Routing|Http|Builder|Diagnostics|RateLimiting|OutputCaching|Localization|ResponseCompression)")),
        ("Kestrel and sockets (output size)", new(@"Kestrel|System\.Net|Pipelines|libsystem\.native|Sockets")),
        ("GC and allocation", new(@"(?i)gc_heap|GCHeap|WKS::|SVR::|Alloc|memset|memmove|memcpy")),
        ("thread pool / async machinery", new(@"ThreadPool|PortableThreadPool|WorkerThread|AsyncMethodBuilder|ExecutionContext|Tasks\.|AwaitTaskContinuation|ValueTask|Threading")),
    ];

    public static string Report(string traceFile, int topMethods)
    {
        // Converted here (dotnet-trace's own .etlx next to the trace is another format version).
        var etlx = TraceLog.CreateFromEventPipeDataFile(traceFile, Path.Combine(Path.GetTempPath(), $"profile-groups-{Environment.ProcessId}.etlx"));
        using var log = new TraceLog(etlx);
        var total = 0;
        var innermost = new Dictionary<string, int>();
        var inclusive = new Dictionary<string, int>();
        var methods = new Dictionary<string, int>();
        var selfMethods = new Dictionary<string, int>();
        var groupOf = new Dictionary<string, string?>();
        var threads = new Dictionary<int, (int Samples, string Role)>();
        foreach (var sample in log.Events)
        {
            var stack = sample.CallStack();
            if (stack is null)
                continue;
            total++;
            var thread = threads.GetValueOrDefault(sample.ThreadID, (Samples: 0, Role: "other"));
            threads[sample.ThreadID] = (thread.Samples + 1, thread.Role);
            string? first = null;
            string? innermostMethod = null;
            var seen = new HashSet<string>();
            var seenMethods = new HashSet<string>();
            for (var frame = stack; frame is not null; frame = frame.Caller)
            {
                var name = Name(frame);
                if (!groupOf.TryGetValue(name, out var group))
                    groupOf[name] = group = Groups.FirstOrDefault(g => g.Pattern.IsMatch(name)).Group;
                if (group is not null)
                {
                    first ??= group;
                    seen.Add(group);
                }
                if (!name.Contains("!?", StringComparison.Ordinal) && !name.StartsWith("vmlinux", StringComparison.Ordinal))
                {
                    seenMethods.Add(name);
                    innermostMethod ??= name;
                }
                if (name.Contains("BackgroundWorkerSink::Pump", StringComparison.Ordinal))
                    threads[sample.ThreadID] = (threads[sample.ThreadID].Samples, "Serilog's console writer (BackgroundWorkerSink.Pump)");
            }
            first ??= Name(stack).StartsWith("vmlinux", StringComparison.Ordinal) ? "kernel (no managed frame)" : "other (runtime, unresolved native)";
            innermost[first] = innermost.GetValueOrDefault(first) + 1;
            foreach (var group in seen)
                inclusive[group] = inclusive.GetValueOrDefault(group) + 1;
            if (innermostMethod is not null)
                selfMethods[innermostMethod] = selfMethods.GetValueOrDefault(innermostMethod) + 1;
            foreach (var method in seenMethods)
                methods[method] = methods.GetValueOrDefault(method) + 1;
        }
        var text = new StringBuilder();
        text.AppendLine($"{total} CPU samples of the portal process");
        text.AppendLine();
        text.AppendLine("| group | innermost % | inclusive % |");
        text.AppendLine("|---|---|---|");
        foreach (var (group, count) in innermost.OrderByDescending(g => g.Value))
            text.AppendLine($"| {group} | {Share(count, total)} | {Share(inclusive.GetValueOrDefault(group, count), total)} |");
        text.AppendLine();
        foreach (var role in threads.Values.GroupBy(t => t.Role).OrderBy(r => r.Key))
            text.AppendLine($"Threads: {role.Key}: {role.Count()} threads, {Share(role.Sum(t => t.Samples), total)} % of the samples");
        text.AppendLine();
        text.AppendLine($"Top {topMethods} managed methods by inclusive samples:");
        foreach (var (method, count) in methods.Where(m => !IsPlumbing(m.Key)).OrderByDescending(m => m.Value).Take(topMethods))
            text.AppendLine($"  {Share(count, total),6} %  {(method.Length > 150 ? method[..150] : method)}");
        // Where the samples land: the innermost managed method (native frames below it, such as memcpy, count for it).
        text.AppendLine();
        text.AppendLine($"Top {topMethods} managed methods by own samples (innermost managed frame):");
        foreach (var (method, count) in selfMethods.OrderByDescending(m => m.Value).Take(topMethods))
            text.AppendLine($"  {Share(count, total),6} %  {(method.Length > 150 ? method[..150] : method)}");
        return text.ToString();
    }

    /// <summary>
    /// Who calls a method: for the samples with a frame matching <paramref name="method"/>, the callers above its outermost
    /// match (up to <paramref name="depth"/> frames, async plumbing left out), counted by chain, the most frequent first.
    /// </summary>
    public static string Callers(string traceFile, string method, int depth = 8, int top = 15)
    {
        var etlx = TraceLog.CreateFromEventPipeDataFile(traceFile, Path.Combine(Path.GetTempPath(), $"profile-callers-{Environment.ProcessId}.etlx"));
        using var log = new TraceLog(etlx);
        var pattern = new Regex(method);
        var total = 0;
        var chains = new Dictionary<string, int>();
        foreach (var sample in log.Events)
        {
            var stack = sample.CallStack();
            if (stack is null)
                continue;
            total++;
            TraceCallStack? outermost = null;
            for (var frame = stack; frame is not null; frame = frame.Caller)
                if (pattern.IsMatch(Name(frame)))
                    outermost = frame;
            if (outermost is null)
                continue;
            var callers = new List<string> { Name(outermost) };
            for (var frame = outermost.Caller; frame is not null && callers.Count <= depth; frame = frame.Caller)
                if (Name(frame) is var name && !IsPlumbing(name) && !name.EndsWith("!?", StringComparison.Ordinal) && name != callers[^1])
                    callers.Add(name);
            var chain = string.Join("\n      <- ", callers.Select(c => c.Length > 140 ? c[..140] : c));
            chains[chain] = chains.GetValueOrDefault(chain) + 1;
        }
        var text = new StringBuilder();
        text.AppendLine($"{chains.Values.Sum()} of {total} CPU samples have a frame matching {method}; their callers:");
        foreach (var (chain, count) in chains.OrderByDescending(c => c.Value).Take(top))
            text.AppendLine($"  {Share(count, total),6} %  {chain}");
        return text.ToString();
    }

    private static string Name(TraceCallStack frame) =>
        frame.CodeAddress.ModuleName + "!" + frame.CodeAddress.FullMethodName is var name && frame.CodeAddress.FullMethodName is { Length: > 0 } method
            ? (Regex.IsMatch(frame.CodeAddress.ModuleName ?? "", @"^(vmlinux|libc|libcoreclr|libsystem)") ? name : method)
            : frame.CodeAddress.ModuleName + "!?";

    // Frames every request passes through that say nothing about where its time goes.
    private static bool IsPlumbing(string method) =>
        Regex.IsMatch(method, @"AsyncMethodBuilder|ExecutionContext|ThreadPool|Thread::|Task::|TaskContinuation|StateMachineBox|Threads|EventName|EventData|Non-Activities|^libc|^vmlinux");

    private static string Share(int count, int total) => total == 0 ? "0" : (100.0 * count / total).ToString("0.0", System.Globalization.CultureInfo.InvariantCulture);
}
