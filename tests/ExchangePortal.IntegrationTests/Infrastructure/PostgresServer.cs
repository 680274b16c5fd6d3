using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace ExchangePortal.IntegrationTests.Infrastructure;

/// <summary>
/// The PostgreSQL the tests use: the server named by EXCHANGEPORTAL_TEST_POSTGRES when set, otherwise a throwaway
/// cluster started from the machine's binaries in a temp folder and removed when the test process ends.
/// </summary>
public sealed class PostgresServer : IDisposable
{
    public const string ConnectionStringVariable = "EXCHANGEPORTAL_TEST_POSTGRES";

    private static readonly Lazy<PostgresServer> SharedServer = new(CreateShared);
    private readonly string? _folder;
    private readonly int _port;
    private int _destroyed;

    private PostgresServer(string adminConnectionString, string? folder, int port)
    {
        AdminConnectionString = adminConnectionString;
        _folder = folder;
        _port = port;
    }

    /// <summary>One server for the whole test run; each test class gets databases of its own on it.</summary>
    public static PostgresServer Shared => SharedServer.Value;

    public string AdminConnectionString { get; }

    public static PostgresServer StartThrowaway()
    {
        var bin = FindBinaries();
        var folder = Directory.CreateTempSubdirectory("exchange-portal-pg-").FullName;
        var asRoot = Environment.UserName == "root";
        if (asRoot)
            Run("chown", "postgres:postgres", folder);
        var port = FreePort();
        RunPostgres(asRoot, Path.Combine(bin, "initdb"), "-D", Path.Combine(folder, "data"), "-U", "postgres", "--auth=trust",
            "-E", "UTF8", "--locale=C.UTF-8", "--no-sync");
        var server = new PostgresServer(
            $"Host=127.0.0.1;Port={port};Username=postgres;Database=postgres;Timeout=5;Command Timeout=60", folder, port);
        server.Start();
        AppDomain.CurrentDomain.ProcessExit += (_, _) => server.Destroy();
        return server;
    }

    /// <summary>Starts (again) a throwaway cluster; tests use it to take the database away and bring it back.</summary>
    public void Start() => RunPostgres(Environment.UserName == "root", Path.Combine(FindBinaries(), "pg_ctl"),
        "-D", Path.Combine(Folder, "data"), "-l", Path.Combine(Folder, "server.log"), "-w", "-t", "30",
        "-o", $"-c listen_addresses=127.0.0.1 -p {_port} -k {Folder} -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=300",
        "start");

    public void Stop() => RunPostgres(Environment.UserName == "root", Path.Combine(FindBinaries(), "pg_ctl"),
        "-D", Path.Combine(Folder, "data"), "-m", "fast", "-w", "stop");

    public string CreateDatabase(string prefix = "portal")
    {
        var name = $"{prefix}_{Guid.NewGuid():N}";
        using (var connection = new NpgsqlConnection(AdminConnectionString))
        {
            connection.Open();
            using var command = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
            command.ExecuteNonQuery();
        }
        return new NpgsqlConnectionStringBuilder(AdminConnectionString) { Database = name }.ConnectionString;
    }

    private string Folder => _folder ?? throw new InvalidOperationException("Only a throwaway cluster can be stopped and started.");

    private static PostgresServer CreateShared()
    {
        var configured = Environment.GetEnvironmentVariable(ConnectionStringVariable);
        return string.IsNullOrWhiteSpace(configured) ? StartThrowaway() : new PostgresServer(configured, null, 0);
    }

    /// <summary>
    /// Stops and removes a throwaway cluster now. A test that starts its own should do this: the test host may be killed
    /// soon after the run, before every process-exit handler has stopped its cluster.
    /// </summary>
    public void Dispose() => Destroy();

    private void Destroy()
    {
        if (_folder is null || Interlocked.Exchange(ref _destroyed, 1) == 1)
            return;
        try
        {
            Stop();
        }
        catch (InvalidOperationException)
        {
            // Already stopped.
        }
        Directory.Delete(Folder, recursive: true);
    }

    private static string FindBinaries()
    {
        var configured = Environment.GetEnvironmentVariable("PG_BIN");
        if (!string.IsNullOrEmpty(configured))
            return configured;
        return Directory.Exists("/usr/lib/postgresql")
            ? Directory.GetDirectories("/usr/lib/postgresql").Select(d => Path.Combine(d, "bin"))
                .Where(d => File.Exists(Path.Combine(d, "initdb")))
                .OrderByDescending(d => int.TryParse(Path.GetFileName(Path.GetDirectoryName(d)), out var v) ? v : 0)
                .FirstOrDefault() ?? throw NoBinaries()
            : throw NoBinaries();
    }

    private static InvalidOperationException NoBinaries() => new(
        $"PostgreSQL binaries not found: install the postgresql package (scripts/test.sh does) or set {ConnectionStringVariable}.");

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    // initdb and postgres refuse to run as root: run them as the postgres user then.
    private static void RunPostgres(bool asRoot, string program, params string[] arguments)
    {
        if (asRoot)
            Run("runuser", ["-u", "postgres", "--", program, .. arguments]);
        else
            Run(program, arguments);
    }

    private static void Run(string program, params string[] arguments)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
            start.ArgumentList.Add(argument);
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"{program} {string.Join(' ', arguments)} failed ({process.ExitCode}): {error}{output.Result}");
    }
}
