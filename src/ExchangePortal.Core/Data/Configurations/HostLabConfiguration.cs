using ExchangePortal.Core.HostLabs;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ExchangePortal.Core.Data.Configurations;

internal class HostLabConfiguration : IEntityTypeConfiguration<HostLab>
{
    public void Configure(EntityTypeBuilder<HostLab> builder)
    {
        builder.Property(l => l.Name).HasMaxLength(200);
        builder.Property(l => l.Version).IsRowVersion();
        builder.Property(l => l.Department).HasMaxLength(200);
        builder.Property(l => l.PrincipalInvestigatorName).HasMaxLength(200);
        builder.Property(l => l.PrincipalInvestigatorEmail).HasMaxLength(256);
        builder.Property(l => l.Description).HasMaxLength(4000);
        builder.HasOne(l => l.University).WithMany().HasForeignKey(l => l.UniversityId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(l => new { l.IsActive, l.Name });
        builder.HasIndex(l => l.Department);
        // GIN lets the public catalogue filter by research area (array containment) without a scan.
        builder.HasIndex(l => l.ResearchAreas).HasMethod("gin");
    }
}
