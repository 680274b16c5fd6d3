using ExchangePortal.Core.Agreements;
using ExchangePortal.Core.Users;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ExchangePortal.Core.Data.Configurations;

internal class AgreementMilestoneConfiguration : IEntityTypeConfiguration<AgreementMilestone>
{
    public void Configure(EntityTypeBuilder<AgreementMilestone> builder)
    {
        builder.ToTable("Milestones");
        builder.Property(m => m.Title).HasMaxLength(300);
        builder.Property(m => m.Version).IsRowVersion();
        builder.Property(m => m.EvidenceNote).HasMaxLength(4000);
        builder.HasOne(m => m.Area).WithMany().HasForeignKey(m => m.AreaId).OnDelete(DeleteBehavior.SetNull);
        builder.HasOne(m => m.Owner).WithMany().HasForeignKey(m => m.OwnerId).OnDelete(DeleteBehavior.SetNull);
        builder.HasOne(m => m.Cohort).WithMany().HasForeignKey(m => m.CohortId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(m => new { m.AgreementId, m.DueOn });
        builder.HasIndex(m => new { m.Status, m.DueOn });
        builder.HasIndex(m => m.OwnerId);
        builder.HasIndex(m => new { m.CohortId, m.Source }).IsUnique().HasFilter("\"CohortId\" IS NOT NULL");
        builder.Property(m => m.TargetDepartment).HasMaxLength(200);
        builder.HasOne(m => m.TargetLab).WithMany().HasForeignKey(m => m.TargetLabId).OnDelete(DeleteBehavior.SetNull);
        builder.ToTable(t => t.HasCheckConstraint("CK_Milestones_Target",
            "(\"Measure\" IS NULL AND \"TargetValue\" IS NULL) OR (\"Measure\" IS NOT NULL AND \"TargetValue\" >= 1)"));
        builder.HasMany(m => m.Followers).WithMany().UsingEntity("MilestoneFollowers",
            r => r.HasOne(typeof(PortalUser)).WithMany().HasForeignKey("FollowerId").OnDelete(DeleteBehavior.Cascade),
            l => l.HasOne(typeof(AgreementMilestone)).WithMany().HasForeignKey("MilestoneId").OnDelete(DeleteBehavior.Cascade),
            j => j.HasKey("MilestoneId", "FollowerId"));
    }
}
