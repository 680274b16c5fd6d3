using ExchangePortal.Core.Institutions;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ExchangePortal.Core.Data.Configurations;

internal class InstitutionConfiguration : IEntityTypeConfiguration<Institution>
{
    public void Configure(EntityTypeBuilder<Institution> builder)
    {
        builder.Property(i => i.Name).HasMaxLength(200);
        builder.Property(i => i.ShortName).HasMaxLength(40);
        builder.Property(i => i.City).HasMaxLength(100);
        builder.HasIndex(i => i.ShortName).IsUnique();
        builder.HasIndex(i => new { i.Kind, i.Name });
    }
}
