using ExchangePortal.Core.Agreements;
using ExchangePortal.Core.Applications;
using ExchangePortal.Core.Cohorts;
using ExchangePortal.Core.Data;
using ExchangePortal.Core.Data.Configurations;
using ExchangePortal.Core.Doctors;
using ExchangePortal.Core.Documents;
using ExchangePortal.Core.HostLabs;
using ExchangePortal.Core.Institutions;
using ExchangePortal.Core.Privacy;
using ExchangePortal.Core.Stays;
using ExchangePortal.Core.Users;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace ExchangePortal.Core.Demo;

/// <summary>Demo data for development: one programme with cohorts, labs and applications in every status, dated around today.</summary>
public class DemoData(PortalDbContext db, ILookupNormalizer normalizer, ProgrammeClock clock, PrivacyNotice notice,
    StayCertificates certificates, ILogger<DemoData> logger)
{
    public const string Password = "Portal-Demo-2026";
    public const string UniversityShortName = "VHU";

    public static readonly IReadOnlyList<(string Email, string Role)> Accounts =
    [
        ("admin@demo.local", Roles.Administrator),
        ("coordinator@demo.local", Roles.UniversityCoordinator),
        ("hospital@demo.local", Roles.HospitalCoordinator),
        ("hospital2@demo.local", Roles.HospitalCoordinator),
        ("doctor@demo.local", Roles.Applicant),
        ("doctor2@demo.local", Roles.Applicant),
    ];

    private static readonly (string English, string Chinese, string Specialty)[] Staff =
    [
        ("Li Wei", "李伟", "Cardiology"), ("Wang Fang", "王芳", "Neurology"), ("Zhang Min", "张敏", "Oncology"),
        ("Liu Yang", "刘洋", "Cardiology"), ("Chen Jing", "陈静", "Radiology"), ("Yang Lei", "杨磊", "Neurosurgery"),
        ("Zhao Li", "赵丽", "Public health"), ("Huang Qiang", "黄强", "Biomedical engineering"), ("Zhou Jie", "周杰", "Oncology"),
        ("Wu Xia", "吴霞", "Paediatrics"), ("Xu Tao", "徐涛", "Cardiology"), ("Sun Hui", "孙慧", "Medical education"),
        ("Ma Jun", "马军", "Radiology"), ("Zhu Lin", "朱琳", "Neurology"), ("Hu Bo", "胡波", "Emergency medicine"),
        ("Guo Ning", "郭宁", "Oncology"), ("He Ping", "何平", "Public health"), ("Lin Yan", "林燕", "Cardiology"),
        ("Gao Feng", "高峰", "Biomedical engineering"), ("Luo Dan", "罗丹", "Medical education"),
        ("Zheng Kai", "郑凯", "Neurology"), ("Liang Mei", "梁梅", "Radiology"),
    ];

    private readonly Dictionary<string, PortalUser> _users = [];
    private string _passwordHash = "";

    public async Task SeedAsync(CancellationToken ct = default)
    {
        if (await db.Institutions.AnyAsync(i => i.ShortName == UniversityShortName, ct))
        {
            logger.LogInformation("Demo data already present; nothing to seed");
            return;
        }
        _passwordHash = new PasswordHasher<PortalUser>().HashPassword(new PortalUser(), Password);
        var today = clock.Today;
        var now = clock.Now;

        var university = new Institution(InstitutionKind.University, "Victoria Harbour University", UniversityShortName, "Hong Kong");
        var hospital = new Institution(InstitutionKind.Hospital, "Beijing Capital Teaching Hospital", "BCTH", "Beijing");
        var otherHospital = new Institution(InstitutionKind.Hospital, "Shanghai Riverside Hospital", "SRH", "Shanghai");
        db.Institutions.AddRange(university, hospital, otherHospital);

        var admin = AddUser("admin@demo.local", "Ada Ng (programme office)", Roles.Administrator);
        var coordinator = AddUser("coordinator@demo.local", "Carmen Lau (exchange office)", Roles.UniversityCoordinator);
        AddUser("hospital@demo.local", "Han Jian (BCTH exchange office)", Roles.HospitalCoordinator, hospital);
        AddUser("hospital2@demo.local", "Shen Yu (SRH exchange office)", Roles.HospitalCoordinator, otherHospital);

        var areas = new[] { "Talent development", "Medical education", "MedTech innovation", "Knowledge transfer" }
            .Select(name => new CollaborationArea(name)).ToArray();
        var signedOn = today.AddDays(-300);
        var agreement = new Agreement($"Strategic Cooperation Agreement between {university.ShortName} and {hospital.ShortName}",
            university, hospital, signedOn, signedOn.AddYears(5));
        agreement.SetAreas(areas);
        agreement.Sign(signedOn, [
            new AgreementSignatory("Prof. Henry Cheung", "President and Vice-Chancellor", university),
            new AgreementSignatory("Dr. Zhao Guoqing", "President", hospital),
        ]);
        db.Agreements.Add(agreement);
        AddMilestones(agreement, areas, admin, coordinator, signedOn, today);

        var labs = new[]
        {
            new HostLab(university, "Cardiovascular Imaging Lab", "Department of Medicine", "Prof. Mary Chan", "mary.chan@vhu.demo",
                ["Cardiology", "Medical imaging", "AI diagnostics"], "Cardiac MRI and CT research with AI-assisted reading.", 3),
            new HostLab(university, "Neuroscience Research Lab", "Department of Neurology", "Prof. David Ho", "david.ho@vhu.demo",
                ["Neurology", "Stroke", "Neuroimaging"], "Stroke recovery and neuroimaging studies.", 3),
            new HostLab(university, "MedTech Innovation Lab", "Department of Biomedical Engineering", "Dr. Grace Wong", "grace.wong@vhu.demo",
                ["Medical devices", "Robotics", "MedTech innovation"], "Surgical robotics and wearable devices, from prototype to trial.", 2),
            new HostLab(university, "Clinical Oncology Lab", "Department of Clinical Oncology", "Prof. Kevin Lam", "kevin.lam@vhu.demo",
                ["Oncology", "Clinical trials", "Radiotherapy"], "Precision radiotherapy and early-phase clinical trials.", 3),
            new HostLab(university, "Medical Education Simulation Centre", "School of Clinical Medicine", "Dr. Alice Tse", "alice.tse@vhu.demo",
                ["Medical education", "Simulation", "Assessment"], "Simulation-based teaching and assessment of clinical skills.", 2),
            new HostLab(university, "Public Health Data Lab", "School of Public Health", "Prof. Samuel Yip", "samuel.yip@vhu.demo",
                ["Public health", "Epidemiology", "Data science"], "Population health data and infectious disease modelling.", 1),
        };
        db.HostLabs.AddRange(labs);

        var past = NewCohort(agreement, today.AddDays(-450), labs);
        var running = NewCohort(agreement, today.AddDays(-200), labs);
        var open = NewCohort(agreement, today.AddDays(-14), labs);
        past.Open(); past.StartExchange(); past.Complete();
        running.Open(); running.StartExchange();
        open.Open();
        db.Cohorts.AddRange(past, running, open);
        foreach (var cohort in new[] { past, running, open })
        {
            foreach (var milestone in cohort.KeyDateMilestones())
            {
                if (milestone.DueOn < today)
                    milestone.Complete(milestone.DueOn, "Recorded by the portal from the cohort's dates.");
                db.Milestones.Add(milestone);
            }
        }

        var doctors = new List<VisitingDoctor>();
        for (var i = 0; i < Staff.Length; i++)
        {
            var email = i < 2 ? (i == 0 ? "doctor@demo.local" : "doctor2@demo.local") : $"doctor{i + 1:00}@demo.local";
            var employer = i >= Staff.Length - 3 ? otherHospital : hospital;
            doctors.Add(AddDoctor(email, Staff[i], employer, i));
        }

        // Applications in every status, moved there through the same transitions people use.
        var docs = new DemoApplications(db, coordinator.Id, _users["hospital@demo.local"].Id, _users["hospital2@demo.local"].Id, admin.Id);
        var openLabs = open.Labs;
        docs.Draft(open, doctors[0], openLabs[0], openLabs[1], now.AddDays(-2));
        docs.Submitted(open, doctors[1], openLabs[1], now.AddDays(-3));
        docs.Draft(open, doctors[2], openLabs[2], null, now.AddDays(-1));
        docs.Submitted(open, doctors[3], openLabs[0], now.AddDays(-4));
        docs.Endorsed(open, doctors[4], openLabs[0], now.AddDays(-6));
        docs.NotEndorsed(open, doctors[5], openLabs[1], now.AddDays(-7));
        docs.UnderReview(open, doctors[6], openLabs[3], now.AddDays(-8));
        docs.ChangesRequested(open, doctors[7], openLabs[2], now.AddDays(-9));
        docs.Offered(open, doctors[8], openLabs[5], now.AddDays(-10), now.AddDays(10));
        docs.Waitlisted(open, doctors[9], openLabs[5], now.AddDays(-9));
        docs.Rejected(open, doctors[10], openLabs[4], now.AddDays(-11));
        docs.Withdrawn(open, doctors[11], openLabs[4], now.AddDays(-12));
        docs.Declined(open, doctors[12], openLabs[3], now.AddDays(-12));
        docs.Offered(open, doctors[19], openLabs[1], now.AddDays(-5), now.AddDays(12));

        var runningStart = running.StartsOn.ToDateTime(new TimeOnly(9, 0), DateTimeKind.Utc);
        var runningAt = new DateTimeOffset(runningStart).AddDays(-80);
        docs.InProgress(running, doctors[13], running.Labs[0], runningAt);
        docs.InProgress(running, doctors[14], running.Labs[1], runningAt.AddDays(1));
        docs.Confirmed(running, doctors[15], running.Labs[2], runningAt.AddDays(2));
        docs.Cancelled(running, doctors[16], running.Labs[3], runningAt.AddDays(3));
        docs.InProgress(running, doctors[20], running.Labs[4], runningAt.AddDays(4));

        var pastAt = new DateTimeOffset(past.StartsOn.ToDateTime(new TimeOnly(9, 0), DateTimeKind.Utc)).AddDays(-80);
        docs.Completed(past, doctors[17], past.Labs[0], pastAt, past.EndsOn);
        docs.Completed(past, doctors[18], past.Labs[3], pastAt.AddDays(1), past.EndsOn);
        docs.Completed(past, doctors[21], past.Labs[4], pastAt.AddDays(2), past.EndsOn);
        docs.Rejected(past, doctors[14], past.Labs[1], pastAt.AddDays(3));

        await db.SaveChangesAsync(ct);
        await docs.StayOutcomesAsync(certificates, ct);
        await db.SaveChangesAsync(ct);
        logger.LogInformation("Demo data seeded: {Users} users, {Applications} applications", _users.Count, docs.Count);
    }

    private ExchangeCohort NewCohort(Agreement agreement, DateOnly opensOn, HostLab[] labs)
    {
        var startsOn = opensOn.AddDays(75);
        var season = startsOn.Month <= 6 ? "Spring" : "Autumn";
        var cohort = new ExchangeCohort(agreement, $"{startsOn.Year} {season} cohort", opensOn, opensOn.AddDays(44),
            startsOn, startsOn.AddDays(90), labs.Sum(l => l.DefaultSeats), requiresEndorsement: true);
        foreach (var lab in labs)
            cohort.AddLab(lab, lab.DefaultSeats);
        return cohort;
    }

    private void AddMilestones(Agreement agreement, CollaborationArea[] areas, PortalUser admin, PortalUser coordinator,
        DateOnly signedOn, DateOnly today)
    {
        var signing = new AgreementMilestone(agreement, "Joint steering committee constituted", signedOn.AddDays(60), areas[0], admin);
        signing.Complete(signedOn.AddDays(55), "Committee terms of reference adopted at the first meeting.");
        var review = new AgreementMilestone(agreement, "Annual review of the cooperation", today.AddDays(-14), areas[3], admin);
        review.Start();
        db.Milestones.AddRange(
            signing,
            review,
            new AgreementMilestone(agreement, "Joint MedTech symposium", today.AddDays(10), areas[2], coordinator),
            new AgreementMilestone(agreement, "Shared clinical teaching curriculum published", today.AddDays(120), areas[1], coordinator),
            new AgreementMilestone(agreement, "Renewal decision", agreement.EffectiveTo.AddDays(-180), areas[0], admin));
    }

    private PortalUser AddUser(string email, string displayName, string role, Institution? hospital = null)
    {
        var user = new PortalUser
        {
            UserName = email,
            NormalizedUserName = normalizer.NormalizeName(email),
            Email = email,
            NormalizedEmail = normalizer.NormalizeEmail(email),
            EmailConfirmed = true,
            DisplayName = displayName,
            Hospital = hospital,
            PasswordHash = _passwordHash,
            SecurityStamp = Guid.NewGuid().ToString("N"),
            LockoutEnabled = true,
        };
        db.Users.Add(user);
        // Every demo person has accepted the notice in force, so the demo opens on its pages, not on the notice.
        db.ConsentRecords.Add(ConsentRecord.Given(user.Id, notice.Current, clock.Now));
        db.UserRoles.Add(new IdentityUserRole<string> { UserId = user.Id, RoleId = RoleConfiguration.RoleId(role) });
        _users[email] = user;
        return user;
    }

    private VisitingDoctor AddDoctor(string email, (string English, string Chinese, string Specialty) person, Institution hospital, int index)
    {
        var user = AddUser(email, "Dr. " + person.English, Roles.Applicant, hospital);
        var doctor = new VisitingDoctor(user, hospital, person.English, email);
        doctor.UpdateProfile(person.English, person.Chinese, index % 3 == 0 ? "Associate Chief Physician" : "Attending Physician",
            $"Department of {person.Specialty}", person.Specialty, 4 + index % 15, $"110{index:000000}{index % 7}",
            $"+86 10 6{index:000} {1000 + index * 37:0000}", index % 2 == 0 ? "Mandarin, English" : "Mandarin, English, Cantonese",
            $"{person.Specialty} clinician at {hospital.Name}.");
        db.Doctors.Add(doctor);
        return doctor;
    }
}
