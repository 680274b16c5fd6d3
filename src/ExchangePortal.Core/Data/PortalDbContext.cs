using ExchangePortal.Core.Agreements;
using ExchangePortal.Core.Applications;
using ExchangePortal.Core.Auditing;
using ExchangePortal.Core.Cohorts;
using ExchangePortal.Core.Doctors;
using ExchangePortal.Core.Documents;
using ExchangePortal.Core.HostLabs;
using ExchangePortal.Core.Institutions;
using ExchangePortal.Core.Notifications;
using ExchangePortal.Core.Users;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace ExchangePortal.Core.Data;

public class PortalDbContext(DbContextOptions<PortalDbContext> options)
    : IdentityDbContext<PortalUser>(options), IDataProtectionKeyContext
{
    public DbSet<Institution> Institutions => Set<Institution>();
    public DbSet<Agreement> Agreements => Set<Agreement>();
    public DbSet<AgreementSignatory> AgreementSignatories => Set<AgreementSignatory>();
    public DbSet<CollaborationArea> CollaborationAreas => Set<CollaborationArea>();
    public DbSet<AgreementMilestone> Milestones => Set<AgreementMilestone>();
    public DbSet<HostLab> HostLabs => Set<HostLab>();
    public DbSet<ExchangeCohort> Cohorts => Set<ExchangeCohort>();
    public DbSet<CohortLab> CohortLabs => Set<CohortLab>();
    public DbSet<VisitingDoctor> Doctors => Set<VisitingDoctor>();
    public DbSet<ExchangeApplication> Applications => Set<ExchangeApplication>();
    public DbSet<LabChoice> LabChoices => Set<LabChoice>();
    public DbSet<ApplicationStatusCount> ApplicationStatusCounts => Set<ApplicationStatusCount>();
    public DbSet<ApplicationStatusChange> ApplicationHistory => Set<ApplicationStatusChange>();
    public DbSet<Placement> Placements => Set<Placement>();
    public DbSet<StoredDocument> Documents => Set<StoredDocument>();
    public DbSet<DocumentContent> DocumentContents => Set<DocumentContent>();
    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();
    public DbSet<Notification> Notifications => Set<Notification>();
    public DbSet<SentReminder> SentReminders => Set<SentReminder>();
    public DbSet<SavedQueueView> SavedQueueViews => Set<SavedQueueView>();
    public DbSet<UserSession> Sessions => Set<UserSession>();
    public DbSet<Privacy.ConsentRecord> ConsentRecords => Set<Privacy.ConsentRecord>();
    public DbSet<Privacy.ErasureRequest> ErasureRequests => Set<Privacy.ErasureRequest>();
    public DbSet<Stays.SupervisorEvaluation> SupervisorEvaluations => Set<Stays.SupervisorEvaluation>();
    public DbSet<Stays.EvaluationLink> EvaluationLinks => Set<Stays.EvaluationLink>();
    public DbSet<Stays.StayReport> StayReports => Set<Stays.StayReport>();
    public DbSet<Stays.StayCertificate> Certificates => Set<Stays.StayCertificate>();
    public DbSet<Messages.ApplicationMessage> ApplicationMessages => Set<Messages.ApplicationMessage>();
    public DbSet<DataProtectionKey> DataProtectionKeys { get; set; } = null!;

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.HasPostgresExtension("pg_trgm");
        builder.HasPostgresExtension("btree_gin"); // the queue's name search index also holds the status (ReviewQueue)
        builder.ApplyConfigurationsFromAssembly(typeof(PortalDbContext).Assembly);
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // Enums are stored by name so the database reads on its own and reordering an enum breaks nothing.
        configurationBuilder.Properties<Enum>().HaveConversion<string>().HaveMaxLength(40);
    }
}
