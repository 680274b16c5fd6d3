using ExchangePortal.Core.Institutions;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ExchangePortal.Core.Data.Configurations;

internal class InstitutionConfiguration : IEntityTypeConfiguration<Institution>
{
    public void Configure(EntityTypeBuilder<Institution> builder)
    {
        builder.Property(i => i.Name).HasMaxLength(Institution.MaxNameLength);
        builder.Property(i => i.ShortName).HasMaxLength(Institution.MaxShortNameLength);
        builder.Property(i => i.City).HasMaxLength(Institution.MaxCityLength);
        builder.Property(i => i.Version).IsRowVersion();
        // Case-insensitive uniqueness (a name per kind, a short name overall) is kept by expression indexes the
        // InstitutionActive migration creates; these serve the ordered lists.
        builder.HasIndex(i => i.ShortName).IsUnique();
        builder.HasIndex(i => new { i.Kind, i.Name });
    }
}
