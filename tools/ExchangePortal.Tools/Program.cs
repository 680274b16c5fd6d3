using ExchangePortal.Core;
using ExchangePortal.Tools;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;

// Performance tooling, never deployed with the portal (scripts/seed.sh, scripts/explain-queue.sh, scripts/bench.sh):
//   seed [--applications N]       migrates, creates the Fortunes baseline table and fills an empty database with N applications
//   explain-queue [--plans FILE]  explains the coordinator queue's SQL on a seeded database
//   profile-groups TRACE [N]       groups a --profile trace's CPU samples by concern, and its top N methods (needs no database)
//   profile-callers TRACE REGEX    the callers of the methods matching REGEX in a --profile trace, by chain (needs no database)
// The database is ConnectionStrings:Portal (environment variable ConnectionStrings__Portal).
if (args is ["profile-groups", var trace, ..])
{
    Console.WriteLine(ProfileGroups.Report(trace, args.Length > 2 ? int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture) : 40));
    return 0;
}
if (args is ["profile-callers", var callersTrace, var method])
{
    Console.WriteLine(ProfileGroups.Callers(callersTrace, method));
    return 0;
}
var configuration = new ConfigurationBuilder().AddEnvironmentVariables().Build();
var connectionString = configuration.GetConnectionString("Portal")
    ?? throw new InvalidOperationException("Set ConnectionStrings__Portal to the database to work on.");

switch (args)
{
    case ["seed", ..]:
        return await SeedAsync(SeedArguments.Applications(args));
    case ["explain-queue", ..]:
        var cases = await new QueueExplainer(connectionString).ExplainAsync();
        Console.WriteLine(QueueExplainer.Report(cases, withPlans: false));
        if (args is [_, "--plans", var plansFile, ..])
            await File.WriteAllTextAsync(plansFile, QueueExplainer.Report(cases, withPlans: true));
        return 0;
    default:
        await Console.Error.WriteLineAsync("Usage: ExchangePortal.Tools seed [--applications N] | explain-queue [--plans FILE] | profile-groups TRACE [N] | profile-callers TRACE REGEX");
        return 2;
}

async Task<int> SeedAsync(int applications)
{
    using var logging = LoggerFactory.Create(log => log
        .AddSimpleConsole(console => console.SingleLine = true)
        .AddFilter("Microsoft", LogLevel.Warning));
    await using var db = ToolDatabase.Open(connectionString, logging);
    await db.Database.MigrateAsync();
    await FortunesTable.CreateAsync(db);
    var clock = new ProgrammeClock(TimeProvider.System, configuration["Programme:TimeZone"] ?? ProgrammeClock.DefaultTimeZone);
    try
    {
        await new LargeDataSeeder(db, new UpperInvariantLookupNormalizer(), clock, logging.CreateLogger<LargeDataSeeder>())
            .SeedAsync(applications);
        return 0;
    }
    catch (InvalidOperationException e)
    {
        await Console.Error.WriteLineAsync(e.Message);
        return 1;
    }
}

// Internal: the test project sees both this tool and the portal, whose Program is the public one.
internal partial class Program;
