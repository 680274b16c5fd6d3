using ExchangePortal.Core.Agreements;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ExchangePortal.Core.Data.Configurations;

public class AgreementMilestoneConfiguration : IEntityTypeConfiguration<AgreementMilestone>
{
    public void Configure(EntityTypeBuilder<AgreementMilestone> builder)
    {
        builder.ToTable("Milestones");
        builder.Property(m => m.Title).HasMaxLength(300);
        builder.Property(m => m.EvidenceNote).HasMaxLength(4000);
        builder.HasOne(m => m.Area).WithMany().HasForeignKey(m => m.AreaId).OnDelete(DeleteBehavior.SetNull);
        builder.HasOne(m => m.Owner).WithMany().HasForeignKey(m => m.OwnerId).OnDelete(DeleteBehavior.SetNull);
        builder.HasOne(m => m.Cohort).WithMany().HasForeignKey(m => m.CohortId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(m => new { m.AgreementId, m.DueOn });
        builder.HasIndex(m => new { m.Status, m.DueOn });
        builder.HasIndex(m => m.OwnerId);
        builder.HasIndex(m => new { m.CohortId, m.Source }).IsUnique().HasFilter("\"CohortId\" IS NOT NULL");
    }
}
