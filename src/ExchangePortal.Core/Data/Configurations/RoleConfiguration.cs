using ExchangePortal.Core.Users;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ExchangePortal.Core.Data.Configurations;

/// <summary>The four roles exist in every database, created by the migrations themselves.</summary>
public class RoleConfiguration : IEntityTypeConfiguration<IdentityRole>
{
    public void Configure(EntityTypeBuilder<IdentityRole> builder) =>
        builder.HasData(Roles.All.Select(name => new IdentityRole
        {
            Id = RoleId(name),
            Name = name,
            NormalizedName = name.ToUpperInvariant(),
            ConcurrencyStamp = RoleId(name),
        }));

    public static string RoleId(string roleName) => "role-" + roleName.ToLowerInvariant();
}
