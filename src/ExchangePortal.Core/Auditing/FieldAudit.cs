using System.Collections;
using System.Globalization;
using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Storage;

namespace ExchangePortal.Core.Auditing;

/// <summary>An entity whose edits are audited field by field by <see cref="FieldAuditInterceptor"/> (host labs, cohorts).</summary>
public interface IFieldAudited;

/// <summary>Who is making the change: the signed-in user, or null for the portal itself (seeding, background jobs).</summary>
public interface IAuditActor
{
    string? ActorId { get; }

    /// <summary>The client's address (the proxy's forwarded one when it is trusted); null outside a request.</summary>
    string? ClientAddress { get; }

    /// <summary>The client's User-Agent header, cut to <see cref="AuditTrail.UserAgentLength"/> characters.</summary>
    string? UserAgent { get; }
}

/// <summary>
/// Writes an audit entry, in the same save, for every edit a person makes to an <see cref="IFieldAudited"/> entity:
/// the fields that changed, before and after (row versions left out). Creations are audited right after the insert, when
/// the new row has its id, in the same transaction (one is opened for the save when none is). Changes made by the portal
/// itself (no actor) are not audited here.
/// </summary>
public sealed class FieldAuditInterceptor(IAuditActor actor, TimeProvider time) : SaveChangesInterceptor
{
    // The entities a save inserts, per context, until the insert has given them their ids; and the transaction opened for them.
    private sealed record Pending(List<EntityEntry> Added, IDbContextTransaction? Transaction);

    private readonly ConditionalWeakTable<DbContext, Pending> _pending = new();

    public override async ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result,
        CancellationToken cancellationToken = default)
    {
        if (eventData.Context is { } db && actor.ActorId is { } actorId)
        {
            var entries = db.ChangeTracker.Entries().Where(e => e.Entity is IFieldAudited).ToList();
            foreach (var entry in entries.Where(e => e.State == EntityState.Modified))
            {
                var changes = entry.Properties
                    .Where(p => p.IsModified && !p.Metadata.IsConcurrencyToken && !Equals(Text(p.OriginalValue), Text(p.CurrentValue)))
                    .ToDictionary(p => p.Metadata.Name, p => new FieldChange(Text(p.OriginalValue), Text(p.CurrentValue)));
                if (changes.Count > 0)
                    db.Add(Entry(entry, actorId, "edited", changes));
            }
            var added = entries.Where(e => e.State == EntityState.Added).ToList();
            if (added.Count > 0)
                _pending.AddOrUpdate(db, new Pending(added,
                    db.Database.CurrentTransaction is null ? await db.Database.BeginTransactionAsync(cancellationToken) : null));
        }
        return result;
    }

    public override async ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result,
        CancellationToken cancellationToken = default)
    {
        if (eventData.Context is { } db && _pending.TryGetValue(db, out var pending) && actor.ActorId is { } actorId)
        {
            _pending.Remove(db);
            await using var transaction = pending.Transaction;
            foreach (var entry in pending.Added)
                db.Add(Entry(entry, actorId, "created", entry.Properties
                    .Where(p => !p.Metadata.IsConcurrencyToken && !p.Metadata.IsPrimaryKey() && Text(p.CurrentValue) is not null)
                    .ToDictionary(p => p.Metadata.Name, p => new FieldChange(null, Text(p.CurrentValue)))));
            await db.SaveChangesAsync(cancellationToken);
            if (transaction is not null)
                await transaction.CommitAsync(cancellationToken);
        }
        return result;
    }

    /// <summary>A failed save rolls back the transaction opened for it (disposing it does).</summary>
    public override async Task SaveChangesFailedAsync(DbContextErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        if (eventData.Context is { } db && _pending.TryGetValue(db, out var pending))
        {
            _pending.Remove(db);
            if (pending.Transaction is not null)
                await pending.Transaction.DisposeAsync();
        }
    }

    private AuditEntry Entry(EntityEntry entry, string actorId, string verb, Dictionary<string, FieldChange> changes)
    {
        var type = entry.Metadata.ClrType.Name;
        var key = string.Join(",", entry.Metadata.FindPrimaryKey()!.Properties.Select(p => Text(entry.Property(p.Name).CurrentValue)));
        return new AuditEntry(time.GetUtcNow(), actorId, $"{char.ToLowerInvariant(type[0])}{type[1..]}.{verb}", type, key, changes);
    }

    private static string? Text(object? value) => value switch
    {
        null => null,
        string s => s,
        DateOnly d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        DateTimeOffset t => t.ToString("O", CultureInfo.InvariantCulture),
        IEnumerable items => string.Join(", ", items.Cast<object?>().Select(Text)),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString(),
    };
}
