using ExchangePortal.Core.Applications;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ExchangePortal.Core.Data.Configurations;

internal class ExchangeApplicationConfiguration : IEntityTypeConfiguration<ExchangeApplication>
{
    public void Configure(EntityTypeBuilder<ExchangeApplication> builder)
    {
        builder.ToTable("Applications");
        builder.Property(a => a.Plan).HasMaxLength(8000);
        builder.Property(a => a.Version).IsRowVersion();
        builder.HasOne(a => a.Cohort).WithMany().HasForeignKey(a => a.CohortId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne(a => a.Doctor).WithMany().HasForeignKey(a => a.DoctorId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne(a => a.WaitlistedFor).WithMany().HasForeignKey(a => a.WaitlistedForId).OnDelete(DeleteBehavior.Restrict);
        builder.HasMany(a => a.LabChoices).WithOne().HasForeignKey(c => c.ApplicationId);
        builder.HasMany(a => a.History).WithOne().HasForeignKey(h => h.ApplicationId);
        builder.HasOne(a => a.Placement).WithOne(p => p.Application).HasForeignKey<Placement>(p => p.ApplicationId);
        builder.Navigation(a => a.LabChoices).AutoInclude(false);

        builder.HasIndex(a => new { a.CohortId, a.DoctorId }).IsUnique();
        builder.HasIndex(a => a.DoctorId);
        builder.HasIndex(a => new { a.Status, a.SubmittedAt, a.Id });
        builder.HasIndex(a => new { a.CohortId, a.Status, a.SubmittedAt, a.Id });
        builder.HasIndex(a => new { a.WaitlistedForId, a.WaitlistedAt }).HasFilter("\"WaitlistedForId\" IS NOT NULL");
        builder.HasIndex(a => a.OfferRespondBy).HasFilter("\"Status\" = 'Offered'");
        // The coordinator's default queue (what waits for the university) in its order: the first page reads 25 index entries.
        // The filter is written as ReviewQueue's query writes it, so PostgreSQL proves the query implies it.
        builder.HasIndex(a => new { a.SubmittedAt, a.Id }, "IX_Applications_AwaitingUniversity")
            .HasFilter(ReviewQueue.AwaitingUniversitySql);
        // The doctor's names copied onto the application, kept by triggers (migration QueueNameSearch), never written by EF:
        // one GIN index holds the status and the names' trigrams, so a name search within a status reads only the matches.
        builder.Property<string>(ReviewQueue.DoctorNames).HasMaxLength(301).ValueGeneratedOnAdd()
            .Metadata.SetAfterSaveBehavior(Microsoft.EntityFrameworkCore.Metadata.PropertySaveBehavior.Ignore);
        builder.HasIndex([nameof(ExchangeApplication.Status), ReviewQueue.DoctorNames], "IX_Applications_Status_DoctorNames_Trigram").HasMethod("gin")
            .HasOperators("varchar_ops", "gin_trgm_ops");
    }
}

internal class ApplicationStatusCountConfiguration : IEntityTypeConfiguration<ApplicationStatusCount>
{
    public void Configure(EntityTypeBuilder<ApplicationStatusCount> builder)
    {
        builder.ToTable("ApplicationStatusCounts");
        builder.HasKey(c => new { c.CohortId, c.Status, c.EndorsementRequired });
    }
}

internal class LabChoiceConfiguration : IEntityTypeConfiguration<LabChoice>
{
    public void Configure(EntityTypeBuilder<LabChoice> builder)
    {
        builder.HasOne(c => c.CohortLab).WithMany().HasForeignKey(c => c.CohortLabId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(c => new { c.ApplicationId, c.Rank }).IsUnique();
        builder.HasIndex(c => new { c.CohortLabId, c.Rank });
        builder.ToTable(t => t.HasCheckConstraint("CK_LabChoices_Rank", "\"Rank\" BETWEEN 1 AND 3"));
    }
}

internal class ApplicationStatusChangeConfiguration : IEntityTypeConfiguration<ApplicationStatusChange>
{
    public void Configure(EntityTypeBuilder<ApplicationStatusChange> builder)
    {
        builder.ToTable("ApplicationHistory");
        builder.Property(h => h.Comment).HasMaxLength(4000);
        builder.Property(h => h.ErasedActor).HasMaxLength(60);
        builder.HasOne(h => h.Actor).WithMany().HasForeignKey(h => h.ActorId).OnDelete(DeleteBehavior.SetNull);
        builder.HasIndex(h => new { h.ApplicationId, h.At });
        builder.HasIndex(h => new { h.To, h.At });
    }
}

internal class PlacementConfiguration : IEntityTypeConfiguration<Placement>
{
    public void Configure(EntityTypeBuilder<Placement> builder)
    {
        builder.Property(p => p.Supervisor).HasMaxLength(200);
        builder.Property(p => p.SupervisorEmail).HasMaxLength(256);
        builder.HasOne(p => p.CohortLab).WithMany().HasForeignKey(p => p.CohortLabId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(p => p.ApplicationId).IsUnique();
        builder.HasIndex(p => new { p.CohortLabId, p.StartsOn });
    }
}
