using ExchangePortal.Core.Privacy;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ExchangePortal.Core.Data.Configurations;

internal class ErasureRequestConfiguration : IEntityTypeConfiguration<ErasureRequest>
{
    public void Configure(EntityTypeBuilder<ErasureRequest> builder)
    {
        builder.Property(r => r.UserId).HasMaxLength(450);
        builder.Property(r => r.Reason).HasMaxLength(ErasureRequest.MaxReasonLength);
        builder.Property(r => r.RefusalReason).HasMaxLength(ErasureRequest.MaxRefusalLength);
        builder.Property(r => r.ClosedById).HasMaxLength(450);
        builder.Property(r => r.Pseudonym).HasMaxLength(60);
        builder.Property(r => r.Version).IsRowVersion();
        // One request waits per person at a time.
        builder.HasIndex(r => r.UserId, "IX_ErasureRequests_UserId_Pending").IsUnique().HasFilter("\"Status\" = 'Pending'");
        builder.HasIndex(r => r.UserId, "IX_ErasureRequests_UserId");
        builder.HasIndex(r => new { r.Status, r.DueOn });
    }
}
