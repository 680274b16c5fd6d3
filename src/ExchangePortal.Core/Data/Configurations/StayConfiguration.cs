using ExchangePortal.Core.Applications;
using ExchangePortal.Core.Stays;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ExchangePortal.Core.Data.Configurations;

internal class SupervisorEvaluationConfiguration : IEntityTypeConfiguration<SupervisorEvaluation>
{
    public void Configure(EntityTypeBuilder<SupervisorEvaluation> builder)
    {
        builder.ToTable("SupervisorEvaluations", t =>
        {
            foreach (var score in new[] { "Attendance", "ClinicalKnowledge", "ResearchSkills", "Communication", "Teamwork" })
                t.HasCheckConstraint($"CK_SupervisorEvaluations_{score}", $"\"{score}\" BETWEEN 1 AND 5");
        });
        builder.Property(e => e.SupervisorName).HasMaxLength(200);
        builder.Property(e => e.Comments).HasMaxLength(4000);
        builder.Property(e => e.Language).HasConversion<string>().HasMaxLength(30);
        builder.HasOne<ExchangeApplication>().WithMany().HasForeignKey(e => e.ApplicationId).OnDelete(DeleteBehavior.Cascade);
        // One evaluation per stay: of two posts at the same moment, one is refused by the index.
        builder.HasIndex(e => e.ApplicationId).IsUnique();
    }
}

internal class EvaluationLinkConfiguration : IEntityTypeConfiguration<EvaluationLink>
{
    public void Configure(EntityTypeBuilder<EvaluationLink> builder)
    {
        builder.ToTable("EvaluationLinks");
        builder.Property(l => l.TokenHash).HasMaxLength(64);
        builder.Property(l => l.SentTo).HasMaxLength(256);
        builder.HasOne<ExchangeApplication>().WithMany().HasForeignKey(l => l.ApplicationId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(l => l.TokenHash).IsUnique();
        builder.HasIndex(l => l.ApplicationId);
    }
}

internal class StayReportConfiguration : IEntityTypeConfiguration<StayReport>
{
    public void Configure(EntityTypeBuilder<StayReport> builder)
    {
        builder.ToTable("StayReports", t => t.HasCheckConstraint("CK_StayReports_LabRating", "\"LabRating\" BETWEEN 1 AND 5"));
        builder.Property(r => r.Learned).HasMaxLength(StayReport.MaxAnswerLength);
        builder.Property(r => r.Outputs).HasMaxLength(StayReport.MaxAnswerLength);
        builder.Property(r => r.BringBack).HasMaxLength(StayReport.MaxAnswerLength);
        builder.Property(r => r.Language).HasConversion<string>().HasMaxLength(30);
        builder.Property(r => r.Version).IsRowVersion();
        builder.HasOne<ExchangeApplication>().WithMany().HasForeignKey(r => r.ApplicationId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(r => r.ApplicationId).IsUnique();
    }
}

internal class StayCertificateConfiguration : IEntityTypeConfiguration<StayCertificate>
{
    public void Configure(EntityTypeBuilder<StayCertificate> builder)
    {
        builder.ToTable("Certificates");
        builder.Property(c => c.Code).HasMaxLength(19);
        builder.Property(c => c.DoctorName).HasMaxLength(200);
        builder.Property(c => c.DoctorChineseName).HasMaxLength(100);
        builder.Property(c => c.Hospital).HasMaxLength(200);
        builder.Property(c => c.Lab).HasMaxLength(200);
        builder.Property(c => c.University).HasMaxLength(200);
        builder.HasOne<ExchangeApplication>().WithMany().HasForeignKey(c => c.ApplicationId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(c => c.ApplicationId).IsUnique();
        builder.HasIndex(c => c.Code).IsUnique();
    }
}
