using ExchangePortal.Core.Applications;
using ExchangePortal.Core.Doctors;
using ExchangePortal.Core.Notifications;
using ExchangePortal.Core.Users;
using ExchangePortal.IntegrationTests.Privacy;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ExchangePortal.IntegrationTests.Messages;

/// <summary>Submitted applications of Beijing's staff (no endorsement needed) for the message tests, and the outbox sent by hand.</summary>
public static class MessageWorld
{
    /// <summary>The submitted application of a doctor who can sign in (<see cref="Person.Password"/>).</summary>
    public static async Task<(Person Doctor, int ApplicationId)> SignedUpApplicantAsync(PortalFactory portal, string? culture = null)
    {
        var person = await PrivacyWorld.NewDoctorAsync(portal, culture);
        await using var db = portal.NewDbContext();
        var doctor = await db.Doctors.SingleAsync(d => d.Id == person.DoctorId);
        var cohort = await NewCohortAsync(db);
        var application = PrivacyWorld.Apply(db, cohort, doctor, DateTimeOffset.UtcNow, "A plan.");
        application.Submit(person.UserId, DateTimeOffset.UtcNow);
        await db.SaveChangesAsync();
        return (person, application.Id);
    }

    /// <summary><paramref name="count"/> submitted applications of new doctors (accounts that never sign in), in one new cohort.</summary>
    public static async Task<List<int>> SubmittedApplicationsAsync(PortalFactory portal, int count, string? culture = null)
    {
        await using var db = portal.NewDbContext();
        var hospital = await db.Institutions.SingleAsync(i => i.ShortName == "BCTH");
        var cohort = await NewCohortAsync(db, seats: count);
        var applications = new List<ExchangeApplication>();
        for (var i = 0; i < count; i++)
        {
            var tag = Guid.NewGuid().ToString("N")[..8];
            var email = $"m{tag}@messages.test";
            var user = new PortalUser
            {
                UserName = email,
                NormalizedUserName = email.ToUpperInvariant(),
                Email = email,
                NormalizedEmail = email.ToUpperInvariant(),
                EmailConfirmed = true,
                DisplayName = $"Dr. Zhou {tag}",
                HospitalId = hospital.Id,
                PreferredCulture = culture,
                SecurityStamp = Guid.NewGuid().ToString(),
            };
            db.Users.Add(user);
            var doctor = new VisitingDoctor(user, hospital, $"Zhou Min {tag}", email);
            db.Doctors.Add(doctor);
            var application = PrivacyWorld.Apply(db, cohort, doctor, DateTimeOffset.UtcNow, "A plan.");
            application.Submit(user.Id, DateTimeOffset.UtcNow);
            applications.Add(application);
        }
        await db.SaveChangesAsync();
        return applications.Select(a => a.Id).ToList();
    }

    public static async Task WithdrawAsync(PortalFactory portal, int applicationId)
    {
        await using var db = portal.NewDbContext();
        var application = await db.Applications.Include(a => a.Doctor).Include(a => a.History).SingleAsync(a => a.Id == applicationId);
        application.Withdraw(application.Doctor.UserId, DateTimeOffset.UtcNow);
        await db.SaveChangesAsync();
    }

    public static async Task DispatchAsync(PortalFactory portal)
    {
        await using var scope = portal.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<OutboxDispatcher>().DispatchDueAsync(CancellationToken.None);
    }

    private static async Task<Core.Cohorts.ExchangeCohort> NewCohortAsync(Core.Data.PortalDbContext db, int seats = 3)
    {
        var agreement = await db.Agreements.OrderBy(a => a.Id).FirstAsync();
        var lab = await db.HostLabs.OrderBy(l => l.Id).FirstAsync();
        return PrivacyWorld.Cohort(db, agreement, lab, $"Messages cohort {Guid.NewGuid():N}"[..24], startsInDays: 90, seats: Math.Max(seats, 1));
    }
}
