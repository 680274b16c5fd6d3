using ExchangePortal.Core.Doctors;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ExchangePortal.Core.Data.Configurations;

internal class VisitingDoctorConfiguration : IEntityTypeConfiguration<VisitingDoctor>
{
    public void Configure(EntityTypeBuilder<VisitingDoctor> builder)
    {
        builder.ToTable("Doctors");
        builder.Property(d => d.FullName).HasMaxLength(200);
        builder.Property(d => d.ChineseName).HasMaxLength(100);
        builder.Property(d => d.Title).HasMaxLength(100);
        builder.Property(d => d.Department).HasMaxLength(200);
        builder.Property(d => d.Specialty).HasMaxLength(200);
        builder.Property(d => d.LicenceNumber).HasMaxLength(100);
        builder.Property(d => d.Email).HasMaxLength(256);
        builder.Property(d => d.Phone).HasMaxLength(50);
        builder.Property(d => d.Languages).HasMaxLength(200);
        builder.Property(d => d.Bio).HasMaxLength(2000);
        // An erased person's profile stays as statistics without its account: removing the account clears the link.
        builder.HasOne(d => d.User).WithOne().HasForeignKey<VisitingDoctor>(d => d.UserId).IsRequired(false).OnDelete(DeleteBehavior.SetNull);
        builder.HasOne(d => d.Hospital).WithMany().HasForeignKey(d => d.HospitalId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(d => d.UserId).IsUnique();
        builder.HasIndex(d => new { d.HospitalId, d.FullName });
        builder.HasIndex(d => d.FullName);
        builder.HasIndex(d => d.Specialty);
        // Trigram indexes let the coordinator's name search (ILIKE '%...%') find doctors without reading them all.
        builder.HasIndex(d => d.FullName, "IX_Doctors_FullName_Trigram").HasMethod("gin").HasOperators("gin_trgm_ops");
        builder.HasIndex(d => d.ChineseName, "IX_Doctors_ChineseName_Trigram").HasMethod("gin").HasOperators("gin_trgm_ops");
    }
}
