using ExchangePortal.Core.Applications;
using ExchangePortal.Core.Messages;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ExchangePortal.Core.Data.Configurations;

internal class ApplicationMessageConfiguration : IEntityTypeConfiguration<ApplicationMessage>
{
    public void Configure(EntityTypeBuilder<ApplicationMessage> builder)
    {
        builder.ToTable("ApplicationMessages");
        builder.Property(m => m.Text).HasMaxLength(ApplicationMessage.MaxTextLength);
        builder.Property(m => m.ErasedAuthor).HasMaxLength(60);
        builder.HasOne<ExchangeApplication>().WithMany().HasForeignKey(m => m.ApplicationId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne(m => m.Author).WithMany().HasForeignKey(m => m.AuthorId).OnDelete(DeleteBehavior.SetNull);
        // The thread of one application, in order.
        builder.HasIndex(m => new { m.ApplicationId, m.SentAt });
        builder.HasIndex(m => m.AuthorId);
    }
}
