using System.Data.Common;
using System.Runtime.CompilerServices;
using ExchangePortal.Core.Auditing;
using ExchangePortal.Core.Users;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Caching.Memory;

namespace ExchangePortal.Core.Data;

/// <summary>
/// Counts the changes this server has saved (after each save, and again when a transaction commits), so data read for
/// many requests can be kept until the next change: <see cref="SharedReads"/> and the dashboard's cached figures are
/// keyed by <see cref="Version"/>. Other servers' writes and writes made directly in SQL are seen when the kept data
/// expires.
/// </summary>
public sealed class DataChanges : ISaveChangesInterceptor, IDbTransactionInterceptor
{
    private long _version;

    // The contexts whose save under way only adds audit entries or sign-in sessions (a page view, a download, a sign-in):
    // no kept read shows those, so such a save keeps them (a coordinator reading applications, or any user signing in,
    // would otherwise discard every kept read at each view).
    private readonly ConditionalWeakTable<DbContext, object> _unseenOnly = [];

    public long Version => Interlocked.Read(ref _version);

    public void Changed() => Interlocked.Increment(ref _version);

    public InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        Note(eventData.Context);
        return result;
    }

    public ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result,
        CancellationToken cancellationToken = default)
    {
        Note(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        Saved(eventData.Context);
        return result;
    }

    public ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        Saved(eventData.Context);
        return ValueTask.FromResult(result);
    }

    private void Note(DbContext? context)
    {
        if (context is null)
            return;
        _unseenOnly.Remove(context);
        if (context.ChangeTracker.Entries().All(e => e.State is EntityState.Unchanged or EntityState.Detached || e.Entity is AuditEntry or UserSession))
            _unseenOnly.Add(context, this);
    }

    private void Saved(DbContext? context)
    {
        if (context is null || !_unseenOnly.Remove(context))
            Changed();
    }

    public void TransactionCommitted(DbTransaction transaction, TransactionEndEventData eventData) => Changed();

    public Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Changed();
        return Task.CompletedTask;
    }
}

/// <summary>Reads that every user of a page shares (filter options), kept in memory until the next saved change or <see cref="Lifetime"/>.</summary>
public sealed class SharedReads(IMemoryCache? cache, DataChanges changes)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(30);

    /// <summary>Reads every time: for tools and tests that use the services outside the app.</summary>
    public static SharedReads Uncached { get; } = new(null, new DataChanges());

    public async Task<T> GetAsync<T>(string name, Func<Task<T>> read) where T : class
    {
        if (cache is null)
            return await read();
        var key = (typeof(SharedReads), name, changes.Version);
        if (cache.Get(key) is T kept)
            return kept;
        var value = await read();
        cache.Set(key, value, Lifetime);
        return value;
    }
}
