using ExchangePortal.Core.Auditing;
using ExchangePortal.Core.Users;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ExchangePortal.Core.Data.Configurations;

internal class UserSessionConfiguration : IEntityTypeConfiguration<UserSession>
{
    public void Configure(EntityTypeBuilder<UserSession> builder)
    {
        builder.Property(s => s.Id).ValueGeneratedNever();
        builder.Property(s => s.ClientAddress).HasMaxLength(UserSession.ClientAddressLength);
        builder.Property(s => s.UserAgent).HasMaxLength(AuditTrail.UserAgentLength);
        builder.HasOne<PortalUser>().WithMany().HasForeignKey(s => s.UserId).OnDelete(DeleteBehavior.Cascade);
        // A stamp change ends a user's open sessions (and deleting an account deletes them); the hourly purge scans the
        // whole table, which holds a month of sign-ins at most.
        builder.HasIndex(s => s.UserId);
    }
}
