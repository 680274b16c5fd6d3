using System.Net.Sockets;
using Npgsql;

namespace ExchangePortal.Web;

/// <summary>What a failure from PostgreSQL means for the person who made the request.</summary>
public enum DatabaseProblem
{
    /// <summary>Not a database problem we can name: a bug, shown as a 500 and logged as an error.</summary>
    None,

    /// <summary>The database refused a value (SQLSTATE class 22 data exception, 23 integrity violation): a 400.</summary>
    DataError,

    /// <summary>The database cannot be reached or answer in time (down, restarting, pool exhausted): a 503.</summary>
    Outage,
}

public static class DatabaseErrors
{
    /// <summary>Seconds a 503 asks the client to wait before trying again.</summary>
    public const int RetryAfterSeconds = 30;

    public const string OutageHeading = "The portal is briefly unavailable";
    public const string OutageExplanation = "The portal cannot reach its database right now. Nothing you did was lost; please try again in a minute.";

    /// <summary>Names the first database failure in the exception's chain (EF wraps Npgsql's exceptions).</summary>
    public static DatabaseProblem Classify(Exception? error)
    {
        for (var e = error; e is not null; e = e.InnerException)
        {
            switch (e)
            {
                case PostgresException { SqlState: var state } when state.StartsWith("22", StringComparison.Ordinal) || state.StartsWith("23", StringComparison.Ordinal):
                    return DatabaseProblem.DataError;
                case NpgsqlException { IsTransient: true }:
                case SocketException or TimeoutException:
                    return DatabaseProblem.Outage;
                case NpgsqlException:
                    return DatabaseProblem.None;
            }
        }
        return DatabaseProblem.None;
    }

    /// <summary>The SQLSTATE of the first PostgreSQL error in the chain, for the log (never the message, which may quote values).</summary>
    public static string? SqlState(Exception? error)
    {
        for (var e = error; e is not null; e = e.InnerException)
        {
            if (e is PostgresException postgres)
                return postgres.SqlState;
        }
        return null;
    }

    /// <summary>
    /// When the server went away (not merely a full pool), the idle connections in the pool are dead, and each would fail
    /// one more request after the server is back: drop them, so the first requests after an outage get fresh ones.
    /// </summary>
    public static void ForgetLostConnections(Exception error)
    {
        if (ConnectionsLost(error))
            NpgsqlConnection.ClearAllPools();
    }

    private static bool ConnectionsLost(Exception? error)
    {
        for (var e = error; e is not null; e = e.InnerException)
        {
            if (e is SocketException or IOException || e is PostgresException { SqlState: var s } && (s.StartsWith("08", StringComparison.Ordinal) || s.StartsWith("57P", StringComparison.Ordinal)))
                return true;
        }
        return false;
    }
}
