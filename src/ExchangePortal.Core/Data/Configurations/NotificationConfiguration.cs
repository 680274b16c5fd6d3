using ExchangePortal.Core.Notifications;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ExchangePortal.Core.Data.Configurations;

internal class NotificationConfiguration : IEntityTypeConfiguration<Notification>
{
    public void Configure(EntityTypeBuilder<Notification> builder)
    {
        builder.Property(n => n.Kind).HasMaxLength(60);
        builder.Property(n => n.ToAddress).HasMaxLength(256);
        builder.Property(n => n.Subject).HasMaxLength(300);
        builder.Property(n => n.LastError).HasMaxLength(500);
        // The outbox worker picks unsent rows due now, oldest first.
        builder.HasIndex(n => n.NextAttemptAt).HasFilter("\"SentAt\" IS NULL");
    }
}

internal class SentReminderConfiguration : IEntityTypeConfiguration<SentReminder>
{
    public void Configure(EntityTypeBuilder<SentReminder> builder)
    {
        builder.Property(r => r.Key).HasMaxLength(200);
        builder.HasIndex(r => r.Key).IsUnique();
    }
}
