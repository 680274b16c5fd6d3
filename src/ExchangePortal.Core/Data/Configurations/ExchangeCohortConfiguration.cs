using ExchangePortal.Core.Cohorts;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ExchangePortal.Core.Data.Configurations;

internal class ExchangeCohortConfiguration : IEntityTypeConfiguration<ExchangeCohort>
{
    public void Configure(EntityTypeBuilder<ExchangeCohort> builder)
    {
        builder.ToTable("Cohorts");
        builder.Property(c => c.Name).HasMaxLength(200);
        builder.Property(c => c.Version).IsRowVersion();
        builder.Property(c => c.CancellationReason).HasMaxLength(ExchangeCohort.MaxCancellationReasonLength);
        builder.HasOne(c => c.Agreement).WithMany().HasForeignKey(c => c.AgreementId).OnDelete(DeleteBehavior.Restrict);
        builder.HasMany(c => c.Labs).WithOne(l => l.Cohort).HasForeignKey(l => l.CohortId);
        builder.HasMany(c => c.ClearanceItems).WithOne().HasForeignKey(i => i.CohortId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(c => new { c.Status, c.ApplicationClosesOn });
        builder.HasIndex(c => new { c.AgreementId, c.StartsOn });
    }
}

internal class CohortLabConfiguration : IEntityTypeConfiguration<CohortLab>
{
    public void Configure(EntityTypeBuilder<CohortLab> builder)
    {
        builder.Property(l => l.Version).IsRowVersion();
        builder.HasOne(l => l.HostLab).WithMany().HasForeignKey(l => l.HostLabId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(l => new { l.CohortId, l.HostLabId }).IsUnique();
        builder.HasIndex(l => l.HostLabId);
        builder.ToTable(t => t.HasCheckConstraint("CK_CohortLabs_SeatsTaken", "\"SeatsTaken\" >= 0 AND \"SeatsTaken\" <= \"Seats\""));
    }
}

internal class CohortClearanceItemConfiguration : IEntityTypeConfiguration<CohortClearanceItem>
{
    public void Configure(EntityTypeBuilder<CohortClearanceItem> builder)
    {
        builder.ToTable("CohortClearanceItems");
        builder.HasKey(i => new { i.CohortId, i.Kind });
    }
}
