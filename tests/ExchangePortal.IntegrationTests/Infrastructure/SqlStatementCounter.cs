using System.Data.Common;
using ExchangePortal.Core.Users;
using ExchangePortal.Web;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace ExchangePortal.IntegrationTests.Infrastructure;

/// <summary>
/// Counts the SQL statements EF sends, so tests can assert a page runs a fixed number of them. The account's security
/// stamp check, which runs once every few seconds per user rather than per page, is counted apart
/// (<see cref="StampChecks"/>): whether it falls in a measured request depends on the clock, not on the page. So is the
/// session check (<see cref="SessionChecks"/>: a read every few seconds, "last seen" at most once a minute per session).
/// </summary>
public sealed class SqlStatementCounter : DbCommandInterceptor
{
    private int _count;
    private int _stampChecks;
    private int _sessionChecks;

    /// <summary>The statements sent since <see cref="Reset"/>, without the security stamp and session checks.</summary>
    public int Count => Volatile.Read(ref _count);

    public int StampChecks => Volatile.Read(ref _stampChecks);

    public int SessionChecks => Volatile.Read(ref _sessionChecks);

    public void Reset()
    {
        Interlocked.Exchange(ref _count, 0);
        Interlocked.Exchange(ref _stampChecks, 0);
        Interlocked.Exchange(ref _sessionChecks, 0);
    }

    public override ValueTask<DbDataReader> ReaderExecutedAsync(DbCommand command, CommandExecutedEventData eventData,
        DbDataReader result, CancellationToken cancellationToken = default)
    {
        Counted(command);
        return base.ReaderExecutedAsync(command, eventData, result, cancellationToken);
    }

    public override ValueTask<int> NonQueryExecutedAsync(DbCommand command, CommandExecutedEventData eventData, int result,
        CancellationToken cancellationToken = default)
    {
        Counted(command);
        return base.NonQueryExecutedAsync(command, eventData, result, cancellationToken);
    }

    public override ValueTask<object?> ScalarExecutedAsync(DbCommand command, CommandExecutedEventData eventData, object? result,
        CancellationToken cancellationToken = default)
    {
        Counted(command);
        return base.ScalarExecutedAsync(command, eventData, result, cancellationToken);
    }

    private void Counted(DbCommand command)
    {
        if (command.CommandText.StartsWith($"-- {SecurityStampCheck.Tag}", StringComparison.Ordinal))
            Interlocked.Increment(ref _stampChecks);
        else if (command.CommandText.StartsWith($"-- {UserSessions.Tag}", StringComparison.Ordinal))
            Interlocked.Increment(ref _sessionChecks);
        else
            Interlocked.Increment(ref _count);
    }
}
