using ExchangePortal.Core.Documents;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ExchangePortal.Core.Data.Configurations;

internal class StoredDocumentConfiguration : IEntityTypeConfiguration<StoredDocument>
{
    public void Configure(EntityTypeBuilder<StoredDocument> builder)
    {
        builder.ToTable("Documents");
        builder.Property(d => d.FileName).HasMaxLength(255);
        builder.Property(d => d.ContentType).HasMaxLength(100);
        builder.Property(d => d.Sha256).HasMaxLength(64).IsFixedLength();
        // Null once the uploader's account is erased; the document (or what is left of it) stays with its application.
        builder.HasOne(d => d.UploadedBy).WithMany().HasForeignKey(d => d.UploadedById).IsRequired(false).OnDelete(DeleteBehavior.SetNull);
        builder.HasOne(d => d.Application).WithMany().HasForeignKey(d => d.ApplicationId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne(d => d.Content).WithOne().HasForeignKey<DocumentContent>(c => c.DocumentId).OnDelete(DeleteBehavior.Cascade);
        builder.Property(d => d.Version).IsRowVersion();
        // Documents uploaded before verification existed wait for a coordinator like any new one.
        builder.Property(d => d.Verification).HasDefaultValue(DocumentVerification.Waiting);
        builder.Property(d => d.ReturnReason).HasMaxLength(StoredDocument.MaxReturnReasonLength);
        builder.HasOne<Users.PortalUser>().WithMany().HasForeignKey(d => d.CheckedById).IsRequired(false).OnDelete(DeleteBehavior.SetNull);
        builder.HasIndex(d => new { d.ApplicationId, d.Kind });
        builder.HasIndex(d => d.AgreementId);
        builder.HasIndex(d => d.ExpiresOn).HasFilter("\"ExpiresOn\" IS NOT NULL");
    }
}

internal class DocumentContentConfiguration : IEntityTypeConfiguration<DocumentContent>
{
    public void Configure(EntityTypeBuilder<DocumentContent> builder)
    {
        builder.ToTable("DocumentContents");
        builder.HasKey(c => c.DocumentId);
    }
}
