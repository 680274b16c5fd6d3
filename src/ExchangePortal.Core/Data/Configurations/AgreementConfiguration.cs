using ExchangePortal.Core.Agreements;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ExchangePortal.Core.Data.Configurations;

internal class AgreementConfiguration : IEntityTypeConfiguration<Agreement>
{
    public void Configure(EntityTypeBuilder<Agreement> builder)
    {
        builder.Property(a => a.Title).HasMaxLength(300);
        builder.Property(a => a.Version).IsRowVersion();
        builder.HasOne(a => a.University).WithMany().HasForeignKey(a => a.UniversityId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne(a => a.Hospital).WithMany().HasForeignKey(a => a.HospitalId).OnDelete(DeleteBehavior.Restrict);
        builder.HasMany(a => a.Signatories).WithOne().HasForeignKey(s => s.AgreementId);
        builder.HasMany(a => a.Areas).WithMany().UsingEntity("AgreementAreas");
        builder.HasMany(a => a.Milestones).WithOne(m => m.Agreement).HasForeignKey(m => m.AgreementId);
        builder.HasMany(a => a.Documents).WithOne(d => d.Agreement).HasForeignKey(d => d.AgreementId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(a => new { a.Status, a.EffectiveTo });
    }
}

internal class AgreementSignatoryConfiguration : IEntityTypeConfiguration<AgreementSignatory>
{
    public void Configure(EntityTypeBuilder<AgreementSignatory> builder)
    {
        builder.Property(s => s.Name).HasMaxLength(200);
        builder.Property(s => s.Title).HasMaxLength(200);
        builder.HasOne(s => s.Institution).WithMany().HasForeignKey(s => s.InstitutionId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal class CollaborationAreaConfiguration : IEntityTypeConfiguration<CollaborationArea>
{
    public void Configure(EntityTypeBuilder<CollaborationArea> builder)
    {
        builder.Property(a => a.Name).HasMaxLength(100);
        builder.HasIndex(a => a.Name).IsUnique();
    }
}
