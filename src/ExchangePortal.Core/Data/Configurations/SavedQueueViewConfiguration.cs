using ExchangePortal.Core.Applications;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ExchangePortal.Core.Data.Configurations;

internal class SavedQueueViewConfiguration : IEntityTypeConfiguration<SavedQueueView>
{
    public void Configure(EntityTypeBuilder<SavedQueueView> builder)
    {
        builder.Property(v => v.Name).HasMaxLength(SavedQueueView.MaxNameLength);
        builder.Property(v => v.Specialty).HasMaxLength(SavedQueueView.MaxSpecialtyLength);
        builder.Property(v => v.Search).HasMaxLength(SavedQueueView.MaxSearchLength);
        builder.HasOne(v => v.Owner).WithMany().HasForeignKey(v => v.OwnerId).OnDelete(DeleteBehavior.Cascade);
        // A coordinator's views are listed by name, and a name is saved over rather than repeated.
        builder.HasIndex(v => new { v.OwnerId, v.Name }).IsUnique();
    }
}
