using System.Text.Json;
using ExchangePortal.Core.Auditing;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ExchangePortal.Core.Data.Configurations;

internal class AuditEntryConfiguration : IEntityTypeConfiguration<AuditEntry>
{
    public void Configure(EntityTypeBuilder<AuditEntry> builder)
    {
        builder.Property(a => a.Action).HasMaxLength(100);
        builder.Property(a => a.RecordType).HasMaxLength(100);
        builder.Property(a => a.RecordId).HasMaxLength(100);
        builder.Property(a => a.Changes)
            .HasColumnType("jsonb")
            .HasConversion(
                changes => JsonSerializer.Serialize(changes, JsonSerializerOptions.Default),
                json => JsonSerializer.Deserialize<Dictionary<string, FieldChange>>(json, JsonSerializerOptions.Default) ?? new(),
                new ValueComparer<Dictionary<string, FieldChange>>(
                    (a, b) => JsonSerializer.Serialize(a, JsonSerializerOptions.Default) == JsonSerializer.Serialize(b, JsonSerializerOptions.Default),
                    d => JsonSerializer.Serialize(d, JsonSerializerOptions.Default).GetHashCode(),
                    d => new Dictionary<string, FieldChange>(d)));
        builder.Property(a => a.SubjectIds).HasDefaultValueSql("'{}'::text[]");
        // "Who has seen my data" finds a person's entries by containment (@>), which this index answers.
        builder.HasIndex(a => a.SubjectIds).HasMethod("gin");
        builder.HasIndex(a => a.At);
        builder.HasIndex(a => new { a.ActorId, a.At });
        builder.HasIndex(a => new { a.RecordType, a.RecordId, a.At });
    }
}
