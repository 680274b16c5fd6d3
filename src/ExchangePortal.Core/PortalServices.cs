using ExchangePortal.Core.Applications;
using ExchangePortal.Core.Cohorts;
using ExchangePortal.Core.Demo;
using ExchangePortal.Core.HostLabs;
using ExchangePortal.Core.Programme;
using ExchangePortal.Core.Users;
using Microsoft.Extensions.DependencyInjection;

namespace ExchangePortal.Core;

public static class PortalServices
{
    /// <summary>The use-case services of Core; each is a concrete class over the DbContext.</summary>
    public static IServiceCollection AddPortalServices(this IServiceCollection services) => services
        .AddMemoryCache()
        .AddSingleton<Data.DataChanges>()
        .AddSingleton<Data.SharedReads>()
        .AddScoped<PublicProgramme>()
        .AddScoped<LabCatalogue>()
        .AddScoped<HostLabAdministration>()
        .AddScoped<CohortAdministration>()
        .AddScoped<ApplicantApplications>()
        .AddScoped<HospitalApplications>()
        .AddScoped<ReviewQueue>()
        .AddScoped<AdminDashboard>()
        .AddScoped<Registration>()
        .AddScoped<AccountLinks>()
        .AddScoped<AccountEmails>()
        .AddScoped<AccountPasswords>()
        .AddScoped<FirstAdministrator>()
        .AddScoped<Invitations>()
        .AddScoped<UserPreferences>()
        .AddScoped<UserSessions>()
        .AddScoped<AccountSessions>()
        .AddScoped<SeatDesk>()
        .AddScoped<CoordinatorApplications>()
        .AddScoped<CoordinatorSelections>()
        .AddScoped<CoordinatorQueueViews>()
        .AddScoped<Cohorts.CohortCancellation>()
        .AddScoped<AdminStays>()
        .AddScoped<UserAdministration>()
        .AddScoped<Institutions.InstitutionAdministration>()
        .AddScoped<Programme.AdminExports>()
        .AddScoped<Programme.AdminReports>()
        .AddScoped<Agreements.AgreementOverview>()
        .AddScoped<Agreements.AgreementAdministration>()
        .AddScoped<Agreements.AgreementTimeline>()
        .AddScoped<Agreements.MilestoneAdministration>()
        .AddScoped<Agreements.AgreementExpiry>()
        .AddScoped<Agreements.MilestoneProgress>()
        .AddScoped<Auditing.AuditTrail>()
        .AddScoped<OfferLapses>()
        .AddScoped<ApplicantDrafts>()
        .AddScoped<Doctors.ApplicantProfiles>()
        .AddScoped<Cohorts.CohortRoster>()
        .AddScoped<Clearance.ClearanceBoard>()
        .AddScoped<Clearance.CoordinatorDocuments>()
        .AddScoped<ApplicationReview>()
        .AddScoped<Notifications.OutboxDispatcher>()
        .AddScoped<Notifications.Reminders>()
        .AddScoped<Programme.CalendarFeed>()
        .AddScoped<Privacy.Consents>()
        .AddScoped<Privacy.AccountPrivacy>()
        .AddScoped<Privacy.PersonalDataExport>()
        .AddScoped<Privacy.NoticeRecipients>()
        .AddScoped<Privacy.AccountErasure>()
        .AddScoped<Privacy.ErasureAdministration>()
        .AddScoped<Privacy.PersonErasure>()
        .AddScoped<Privacy.RetentionPurge>()
        .AddScoped<Stays.SupervisorEvaluations>()
        .AddScoped<Stays.ApplicantStayReports>()
        .AddScoped<Stays.StayCertificates>()
        .AddScoped<Stays.StayOutcomes>()
        .AddScoped<Messages.CoordinatorMessages>()
        .AddScoped<Messages.ApplicantMessages>()
        .AddScoped<Messages.HospitalMessages>()
        .AddScoped<DemoData>();
}
