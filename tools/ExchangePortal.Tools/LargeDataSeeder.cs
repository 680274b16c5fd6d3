using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using ExchangePortal.Core;
using ExchangePortal.Core.Agreements;
using ExchangePortal.Core.Applications;
using ExchangePortal.Core.Cohorts;
using ExchangePortal.Core.Data;
using ExchangePortal.Core.Data.Configurations;
using ExchangePortal.Core.Demo;
using ExchangePortal.Core.Doctors;
using ExchangePortal.Core.Documents;
using ExchangePortal.Core.HostLabs;
using ExchangePortal.Core.Institutions;
using ExchangePortal.Core.Privacy;
using ExchangePortal.Core.Users;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Npgsql;
using NpgsqlTypes;

namespace ExchangePortal.Tools;

public sealed record LargeDataSummary(int Cohorts, int Labs, int Doctors, int Applications, int HistoryRows, int Placements,
    int Documents, int AuditEntries, TimeSpan Elapsed);

/// <summary>
/// Fills an empty database with a programme of ten years (40 cohorts, 60 labs, thousands of doctors, any number of
/// applications in every status) for performance work. Deterministic for a given size and day: one fixed random seed.
/// Applications move through the entity's own transitions in memory (so seats are never overfilled), then every big
/// table is written with binary COPY in one transaction.
/// </summary>
public class LargeDataSeeder(PortalDbContext db, ILookupNormalizer normalizer, ProgrammeClock clock, ILogger<LargeDataSeeder> logger)
{
    public const string Domain = "bench.local";
    public const int CohortCount = 40;
    public const int LabCount = 60;
    private const int RandomSeed = 20_261_128;

    // A handful of small valid PDFs, shared by every generated document.
    private static readonly byte[][] Pdfs = Enumerable.Range(1, 4).Select(i => Encoding.ASCII.GetBytes(
        "%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n" +
        $"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]>>endobj\n% generated document {i}\ntrailer<</Root 1 0 R>>\n%%EOF\n")).ToArray();

    private static readonly string[] PdfHashes = Pdfs.Select(p => Convert.ToHexStringLower(SHA256.HashData(p))).ToArray();

    private static readonly (string Pinyin, string Hanzi)[] Surnames =
    [
        ("Li", "李"), ("Wang", "王"), ("Zhang", "张"), ("Liu", "刘"), ("Chen", "陈"), ("Yang", "杨"), ("Zhao", "赵"), ("Huang", "黄"),
        ("Zhou", "周"), ("Wu", "吴"), ("Xu", "徐"), ("Sun", "孙"), ("Ma", "马"), ("Zhu", "朱"), ("Hu", "胡"), ("Guo", "郭"),
        ("He", "何"), ("Lin", "林"), ("Gao", "高"), ("Luo", "罗"), ("Zheng", "郑"), ("Liang", "梁"), ("Xie", "谢"), ("Song", "宋"),
        ("Tang", "唐"), ("Han", "韩"), ("Feng", "冯"), ("Deng", "邓"), ("Cao", "曹"), ("Peng", "彭"),
    ];

    private static readonly (string Pinyin, string Hanzi)[] GivenNames =
    [
        ("Wei", "伟"), ("Fang", "芳"), ("Min", "敏"), ("Yang", "洋"), ("Jing", "静"), ("Lei", "磊"), ("Li", "丽"), ("Qiang", "强"),
        ("Jie", "杰"), ("Xia", "霞"), ("Tao", "涛"), ("Hui", "慧"), ("Jun", "军"), ("Lin", "琳"), ("Bo", "波"), ("Ning", "宁"),
        ("Ping", "平"), ("Yan", "燕"), ("Feng", "峰"), ("Dan", "丹"), ("Kai", "凯"), ("Mei", "梅"), ("Xin", "欣"), ("Hao", "浩"),
        ("Yu", "宇"), ("Chen", "晨"), ("Rui", "睿"), ("Xue", "雪"), ("Bin", "斌"), ("Hong", "红"), ("Gang", "刚"), ("Yun", "云"),
    ];

    private static readonly string[] Specialties =
    [
        "Cardiology", "Neurology", "Oncology", "Radiology", "Neurosurgery", "Public health", "Biomedical engineering",
        "Paediatrics", "Medical education", "Emergency medicine", "Endocrinology", "Nephrology", "Orthopaedics",
        "Anaesthesiology", "Dermatology", "Gastroenterology", "Respiratory medicine", "Ophthalmology",
    ];

    private static readonly string[] LabTopics =
    [
        "Cardiovascular Imaging", "Neuroscience", "MedTech Innovation", "Clinical Oncology", "Simulation Education",
        "Public Health Data", "Stroke Recovery", "Precision Medicine", "Surgical Robotics", "Genomic Medicine",
        "Paediatric Research", "Infectious Disease", "Metabolic Health", "Kidney Research", "Bone and Joint",
        "Respiratory Physiology", "Digital Health", "Eye Research", "Skin Biology", "Digestive Health",
    ];

    private static readonly string[] LabKinds = ["Lab", "Research Centre", "Unit"];

    private readonly Random _random = new(RandomSeed);
    private string _passwordHash = "";

    public async Task<LargeDataSummary> SeedAsync(int applicationCount, CancellationToken ct = default)
    {
        if (applicationCount < 1)
            throw new ArgumentOutOfRangeException(nameof(applicationCount), "Seed at least one application.");
        if (await db.Institutions.AnyAsync(ct) || await db.Users.AnyAsync(ct))
            throw new InvalidOperationException(
                "The database already holds data: the large-data seeder fills only an empty database. Use a new database (or drop this one) and run it again.");

        var stopwatch = Stopwatch.StartNew();
        db.Database.SetCommandTimeout(TimeSpan.FromMinutes(10));
        _passwordHash = new PasswordHasher<PortalUser>().HashPassword(new PortalUser(), DemoData.Password);
        var now = clock.Now;
        var today = clock.Today;

        await using var transaction = await db.Database.BeginTransactionAsync(ct);

        // 1. The programme itself, through the entities (small: a few hundred rows).
        var university = new Institution(InstitutionKind.University, "Victoria Harbour University", DemoData.UniversityShortName, "Hong Kong");
        Institution[] hospitals =
        [
            new(InstitutionKind.Hospital, "Beijing Capital Teaching Hospital", "BCTH", "Beijing"),
            new(InstitutionKind.Hospital, "Shanghai Riverside Hospital", "SRH", "Shanghai"),
            new(InstitutionKind.Hospital, "Guangzhou Pearl River Hospital", "GPRH", "Guangzhou"),
            new(InstitutionKind.Hospital, "Chengdu West China Teaching Hospital", "CWCH", "Chengdu"),
        ];
        db.Institutions.Add(university);
        db.Institutions.AddRange(hospitals);

        var admin = AddUser($"admin@{Domain}", "Ada Ng (programme office)", Roles.Administrator, null, now);
        var coordinator = AddUser($"coordinator@{Domain}", "Carmen Lau (exchange office)", Roles.UniversityCoordinator, null, now);
        var hospitalCoordinators = hospitals
            .Select((h, i) => AddUser(i == 0 ? $"hospital@{Domain}" : $"hospital{i + 1}@{Domain}", $"Exchange office, {h.ShortName}",
                Roles.HospitalCoordinator, h, now))
            .ToArray();

        var areas = new[] { "Talent development", "Medical education", "MedTech innovation", "Knowledge transfer" }
            .Select(name => new CollaborationArea(name)).ToArray();
        var firstOpensOn = today.AddDays(-160 - 37 * 92);
        var agreements = new List<Agreement>();
        foreach (var hospital in hospitals)
        {
            var signedOn = firstOpensOn.AddDays(-90 - _random.Next(60));
            var agreement = new Agreement($"Strategic Cooperation Agreement between {university.ShortName} and {hospital.ShortName}",
                university, hospital, signedOn, signedOn.AddYears(12));
            agreement.SetAreas(areas);
            agreement.Sign(signedOn, [
                new AgreementSignatory("Prof. Henry Cheung", "President and Vice-Chancellor", university),
                new AgreementSignatory($"President of {hospital.ShortName}", "President", hospital),
            ]);
            db.Agreements.Add(agreement);
            for (var year = 1; year <= 10; year++)
            {
                var milestone = new AgreementMilestone(agreement, $"Annual review {year} of the cooperation", signedOn.AddYears(year),
                    areas[year % areas.Length], year % 2 == 0 ? admin : coordinator);
                if (milestone.DueOn < today.AddDays(-30))
                    milestone.Complete(milestone.DueOn, "Minutes adopted by the joint steering committee.");
                else if (milestone.DueOn < today)
                    milestone.Start();
                db.Milestones.Add(milestone);
            }
            agreements.Add(agreement);
        }

        var labs = Enumerable.Range(0, LabCount).Select(i =>
        {
            var topic = LabTopics[i % LabTopics.Length];
            var name = $"{topic} {LabKinds[i / LabTopics.Length % LabKinds.Length]}";
            var specialty = Specialties[i % Specialties.Length];
            return new HostLab(university, name, $"Department of {specialty}", $"Prof. {Surnames[i % Surnames.Length].Pinyin} {GivenNames[(i * 7) % GivenNames.Length].Pinyin}",
                $"lab{i + 1}@vhu.{Domain}", [specialty, topic, LabTopics[(i + 3) % LabTopics.Length]],
                $"{topic}: research, clinical attachments and teaching for visiting doctors.", 1 + i % 4);
        }).ToArray();
        db.HostLabs.AddRange(labs);

        var cohorts = new List<ExchangeCohort>();
        for (var k = 0; k < CohortCount; k++)
        {
            // Quarterly cohorts over ten years; the last three are in progress, reviewing and open for applications.
            var opensOn = k switch
            {
                CohortCount - 1 => today.AddDays(-14),
                CohortCount - 2 => today.AddDays(-70),
                _ => today.AddDays(-160 - (CohortCount - 3 - k) * 92),
            };
            var startsOn = opensOn.AddDays(75);
            var season = startsOn.Month switch { <= 3 => "Winter", <= 6 => "Spring", <= 9 => "Summer", _ => "Autumn" };
            var chosen = labs.OrderBy(_ => _random.Next()).Take(20).ToArray();
            var seats = chosen.Select(l => l.DefaultSeats).ToArray();
            var cohort = new ExchangeCohort(agreements[k % agreements.Count], $"{startsOn.Year} {season} cohort", opensOn, opensOn.AddDays(44),
                startsOn, startsOn.AddDays(90), seats.Sum(), requiresEndorsement: k % 4 != 1);
            for (var i = 0; i < chosen.Length; i++)
                cohort.AddLab(chosen[i], seats[i]);
            cohort.Open();
            if (cohort.StartsOn <= today)
                cohort.StartExchange();
            else if (cohort.ApplicationClosesOn < today)
                cohort.StartReviewing();
            if (cohort.EndsOn < today)
                cohort.Complete();
            foreach (var milestone in cohort.KeyDateMilestones())
            {
                if (milestone.DueOn < today)
                    milestone.Complete(milestone.DueOn, "Recorded by the portal from the cohort's dates.");
                db.Milestones.Add(milestone);
            }
            cohorts.Add(cohort);
        }
        db.Cohorts.AddRange(cohorts);
        await db.SaveChangesAsync(ct);
        logger.LogInformation("Seed: programme ready ({Cohorts} cohorts, {Labs} labs) after {Elapsed:F1} s",
            cohorts.Count, labs.Length, stopwatch.Elapsed.TotalSeconds);

        // 2. Doctors (each applies to about two cohorts) and their applications, moved through the real transitions.
        var doctorCount = Math.Max(50, (applicationCount + 1) / 2);
        var doctors = new List<SeedDoctor>(doctorCount);
        for (var i = 0; i < doctorCount; i++)
            doctors.Add(NewDoctor(i, hospitals[i % 7 < 4 ? 0 : i % 7 - 3], now));

        var perCohort = SpreadOverCohorts(applicationCount, cohorts.Count);
        var actors = new Actors(coordinator.Id, admin.Id, hospitals.Zip(hospitalCoordinators).ToDictionary(p => p.First, p => p.Second.Id));
        var rows = new SeedRows();
        for (var c = 0; c < cohorts.Count; c++)
        {
            var cohort = cohorts[c];
            var start = _random.Next(doctorCount);
            var count = Math.Min(perCohort[c], doctorCount);
            var slots = Enumerable.Range(0, count)
                .Select(i => (Doctor: doctors[(start + i) % doctorCount], At: SubmissionTime(cohort, now)))
                .OrderBy(s => s.At).ToList();
            foreach (var (doctor, at) in slots)
                rows.Add(BuildApplication(cohort, doctor, at, now, today, actors), doctor);
            if (c % 8 == 7 || c == cohorts.Count - 1)
                logger.LogInformation("Seed: {Applications} applications built ({Cohort} of {Cohorts} cohorts) after {Elapsed:F1} s",
                    rows.Applications.Count, c + 1, cohorts.Count, stopwatch.Elapsed.TotalSeconds);
        }
        rows.AddAudit(coordinator.Id, _random);

        // 3. The big tables by binary COPY, in the same transaction.
        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        await CopyAsync(connection, "AspNetUsers", "Id DisplayName HospitalId PreferredCulture UserName NormalizedUserName Email NormalizedEmail EmailConfirmed PasswordHash SecurityStamp ConcurrencyStamp PhoneNumber PhoneNumberConfirmed TwoFactorEnabled LockoutEnd LockoutEnabled AccessFailedCount", doctors, WriteUser, stopwatch, ct);
        await CopyAsync(connection, "ConsentRecords", "UserId NoticeVersion Accepted Programme SensitiveData OutsideMainland At", doctors, (w, d) =>
        {
            w.Write(d.User.Id, NpgsqlDbType.Text);
            w.Write(PrivacyNotice.Latest, NpgsqlDbType.Varchar);
            for (var purpose = 0; purpose < 4; purpose++)
                w.Write(true, NpgsqlDbType.Boolean);
            w.Write(now, NpgsqlDbType.TimestampTz);
        }, stopwatch, ct);
        await CopyAsync(connection, "AspNetUserRoles", "UserId RoleId", doctors, (w, d) =>
        {
            w.Write(d.User.Id, NpgsqlDbType.Text);
            w.Write(RoleConfiguration.RoleId(Roles.Applicant), NpgsqlDbType.Text);
        }, stopwatch, ct);
        await CopyAsync(connection, "Doctors", "Id UserId HospitalId FullName ChineseName Title Department Specialty YearsOfPractice LicenceNumber Email Phone Languages Bio", doctors, WriteDoctor, stopwatch, ct);
        await CopyAsync(connection, "Applications", "Id CohortId DoctorId Status Plan IntendedStartOn IntendedEndOn EndorsementRequired CreatedAt SubmittedAt UpdatedAt OfferRespondBy WaitlistedForId WaitlistedAt", rows.Applications, WriteApplication, stopwatch, ct);
        await CopyAsync(connection, "LabChoices", "Id ApplicationId CohortLabId Rank", rows.LabChoices, (w, r) =>
        {
            w.Write(r.Id, NpgsqlDbType.Integer);
            w.Write(r.ApplicationId, NpgsqlDbType.Integer);
            w.Write(r.Choice.CohortLab.Id, NpgsqlDbType.Integer);
            w.Write(r.Choice.Rank, NpgsqlDbType.Integer);
        }, stopwatch, ct);
        await CopyAsync(connection, "ApplicationHistory", "Id ApplicationId From To ActorId At Comment", rows.History, WriteHistory, stopwatch, ct);
        await CopyAsync(connection, "Placements", "Id ApplicationId CohortLabId Supervisor StartsOn EndsOn OfferedAt ReleasedAt", rows.Placements, WritePlacement, stopwatch, ct);
        await CopyAsync(connection, "Documents", "Id Kind FileName ContentType SizeBytes Sha256 UploadedById UploadedAt ExpiresOn ApplicationId AgreementId Verification", rows.Documents, WriteDocument, stopwatch, ct);
        await CopyAsync(connection, "DocumentContents", "DocumentId Bytes", rows.Documents, (w, d) =>
        {
            w.Write(d.Id, NpgsqlDbType.Uuid);
            w.Write(Pdfs[d.Content], NpgsqlDbType.Bytea);
        }, stopwatch, ct);
        await CopyAsync(connection, "AuditEntries", "Id At ActorId Action RecordType RecordId Changes", rows.Audit, WriteAudit, stopwatch, ct);

        // Seats taken are exactly the placements that hold a seat; identity sequences continue after the explicit ids.
        await db.Database.ExecuteSqlRawAsync("""
            UPDATE "CohortLabs" cl SET "SeatsTaken" = p.taken
            FROM (SELECT "CohortLabId", count(*)::int AS taken FROM "Placements" WHERE "ReleasedAt" IS NULL GROUP BY "CohortLabId") p
            WHERE p."CohortLabId" = cl."Id";
            SELECT setval(pg_get_serial_sequence('"Doctors"', 'Id'), (SELECT max("Id") FROM "Doctors"));
            SELECT setval(pg_get_serial_sequence('"Applications"', 'Id'), (SELECT max("Id") FROM "Applications"));
            SELECT setval(pg_get_serial_sequence('"LabChoices"', 'Id'), (SELECT max("Id") FROM "LabChoices"));
            SELECT setval(pg_get_serial_sequence('"ApplicationHistory"', 'Id'), (SELECT max("Id") FROM "ApplicationHistory"));
            SELECT setval(pg_get_serial_sequence('"Placements"', 'Id'), GREATEST(1, (SELECT max("Id") FROM "Placements")));
            SELECT setval(pg_get_serial_sequence('"AuditEntries"', 'Id'), GREATEST(1, (SELECT max("Id") FROM "AuditEntries")));
            """, ct);
        await SeedStayOutcomesAsync(stopwatch, ct);
        await transaction.CommitAsync(ct);
        db.ChangeTracker.Clear();

        logger.LogInformation("Seed: committed after {Elapsed:F1} s; VACUUM ANALYZE", stopwatch.Elapsed.TotalSeconds);
        await db.Database.ExecuteSqlRawAsync("VACUUM ANALYZE", ct);

        var summary = new LargeDataSummary(cohorts.Count, labs.Length, doctors.Count, rows.Applications.Count, rows.History.Count,
            rows.Placements.Count, rows.Documents.Count, rows.Audit.Count, stopwatch.Elapsed);
        logger.LogInformation("Seed: done in {Elapsed:F1} s: {Summary}", stopwatch.Elapsed.TotalSeconds, summary);
        return summary;
    }

    /// <summary>
    /// The end-of-stay report form, the supervisor's evaluation (nine stays in ten) and the certificate of every completed
    /// stay, written in SQL from the copied rows: answers, scores (1–5) and outputs (none to three a report) vary with a hash
    /// of the application's id, so the seed stays deterministic and the reports across years have figures to show.
    /// </summary>
    private async Task SeedStayOutcomesAsync(Stopwatch stopwatch, CancellationToken ct)
    {
        // h(n): a non-negative pseudo-random integer per application; the mask keeps it positive without abs() overflowing.
        const string stays = """
            FROM "Applications" a
            JOIN "Placements" p ON p."ApplicationId" = a."Id" AND p."ReleasedAt" IS NULL
            """;
        var reports = await db.Database.ExecuteSqlRawAsync($$"""
            INSERT INTO "StayReports" ("ApplicationId", "Learned", "Outputs", "BringBack", "LabRating", "Language", "SubmittedAt", "UpdatedAt")
            SELECT a."Id", 'Research methods, study design and data management in the host lab.',
                   (ARRAY['', 'A joint paper submitted to a peer-reviewed journal',
                          E'A joint paper submitted to a peer-reviewed journal\nA clinical protocol adopted by the department',
                          E'A conference abstract\nA clinical protocol for the ward\nA prototype device for bedside monitoring'])[1 + (hashint4(a."Id") & 2147483647) % 4],
                   'A journal club and a data-quality checklist for the department.',
                   5 - (hashint4(a."Id" + 1) & 2147483647) % 3,
                   CASE WHEN a."Id" % 3 = 0 THEN 'SimplifiedChinese' ELSE 'English' END,
                   (p."EndsOn" - 3 + time '10:00') AT TIME ZONE 'UTC', (p."EndsOn" - 3 + time '10:00') AT TIME ZONE 'UTC'
            {{stays}}
            WHERE a."Status" = 'Completed'
            """, ct);
        var evaluations = await db.Database.ExecuteSqlRawAsync($$"""
            INSERT INTO "SupervisorEvaluations" ("ApplicationId", "SupervisorName", "Attendance", "ClinicalKnowledge", "ResearchSkills",
                "Communication", "Teamwork", "Comments", "RecommendForFuture", "Language", "SubmittedAt")
            SELECT a."Id", p."Supervisor", 5 - (hashint4(a."Id" + 2) & 2147483647) % 2, 5 - (hashint4(a."Id" + 3) & 2147483647) % 4,
                   5 - (hashint4(a."Id" + 4) & 2147483647) % 5, 5 - (hashint4(a."Id" + 5) & 2147483647) % 3,
                   5 - (hashint4(a."Id" + 6) & 2147483647) % 3,
                   'Reliable and curious; a welcome member of the lab.', (hashint4(a."Id" + 7) & 2147483647) % 5 <> 0,
                   CASE WHEN a."Id" % 2 = 0 THEN 'SimplifiedChinese' ELSE 'English' END,
                   (p."EndsOn" - 1 + time '12:00') AT TIME ZONE 'UTC'
            {{stays}}
            WHERE a."Status" = 'Completed' AND (hashint4(a."Id" + 8) & 2147483647) % 10 <> 0
            """, ct);
        // The code: the application's id and a hash in hexadecimal (digits and letters of the codes' alphabet), so unique.
        var certificates = await db.Database.ExecuteSqlRawAsync($$"""
            INSERT INTO "Certificates" ("ApplicationId", "Code", "DoctorName", "DoctorChineseName", "Hospital", "Lab", "University",
                "StartsOn", "EndsOn", "IssuedAt", "Pdf")
            SELECT a."Id", concat_ws('-', substr(k.hex, 1, 4), substr(k.hex, 5, 4), substr(k.hex, 9, 4), substr(k.hex, 13, 4)),
                   d."FullName", d."ChineseName", hospital."Name", l."Name", university."Name", p."StartsOn", p."EndsOn",
                   (p."EndsOn" + time '15:00') AT TIME ZONE 'UTC', {0}
            {{stays}}
            CROSS JOIN LATERAL (SELECT upper(lpad(to_hex(a."Id"), 8, '0') || left(md5(a."Id"::text), 8)) AS hex) k
            JOIN "Doctors" d ON d."Id" = a."DoctorId"
            JOIN "Institutions" hospital ON hospital."Id" = d."HospitalId"
            JOIN "CohortLabs" cl ON cl."Id" = p."CohortLabId"
            JOIN "HostLabs" l ON l."Id" = cl."HostLabId"
            JOIN "Cohorts" c ON c."Id" = a."CohortId"
            JOIN "Agreements" ag ON ag."Id" = c."AgreementId"
            JOIN "Institutions" university ON university."Id" = ag."UniversityId"
            WHERE a."Status" = 'Completed'
            """, [Pdfs[0]], ct);
        logger.LogInformation("Seed: {Reports} end-of-stay reports, {Evaluations} evaluations, {Certificates} certificates after {Elapsed:F1} s",
            reports, evaluations, certificates, stopwatch.Elapsed.TotalSeconds);
    }

    private static int[] SpreadOverCohorts(int total, int cohorts)
    {
        // The programme grows: later cohorts get somewhat more applications than early ones.
        var weights = Enumerable.Range(0, cohorts).Select(k => 1.0 + k / (double)cohorts).ToArray();
        var sum = weights.Sum();
        var counts = weights.Select(w => (int)(total * w / sum)).ToArray();
        counts[^1] += total - counts.Sum();
        return counts;
    }

    private DateTimeOffset SubmissionTime(ExchangeCohort cohort, DateTimeOffset now)
    {
        var opens = AtUtc(cohort.ApplicationOpensOn, 0);
        var closes = AtUtc(cohort.ApplicationClosesOn, 20);
        var end = closes < now ? closes : now.AddHours(-2);
        return opens.AddSeconds(_random.NextDouble() * Math.Max(3600, (end - opens).TotalSeconds));
    }

    private static DateTimeOffset AtUtc(DateOnly day, int hour) => new(day.ToDateTime(new TimeOnly(hour, 0), DateTimeKind.Utc));

    private PortalUser AddUser(string email, string displayName, string role, Institution? hospital, DateTimeOffset now)
    {
        var user = NewUser(email, displayName, hospital, now);
        db.Users.Add(user);
        db.ConsentRecords.Add(ConsentRecord.Given(user.Id, PrivacyNotice.Latest, now));
        db.UserRoles.Add(new IdentityUserRole<string> { UserId = user.Id, RoleId = RoleConfiguration.RoleId(role) });
        return user;
    }

    private PortalUser NewUser(string email, string displayName, Institution? hospital, DateTimeOffset now)
    {
        var user = new PortalUser
        {
            Id = NextGuid().ToString(),
            UserName = email,
            NormalizedUserName = normalizer.NormalizeName(email),
            Email = email,
            NormalizedEmail = normalizer.NormalizeEmail(email),
            EmailConfirmed = true,
            DisplayName = displayName,
            Hospital = hospital,
            PasswordHash = _passwordHash,
            SecurityStamp = NextGuid().ToString("N").ToUpperInvariant(),
            ConcurrencyStamp = NextGuid().ToString(),
            LockoutEnabled = true,
        };
        return user;
    }

    private Guid NextGuid()
    {
        Span<byte> bytes = stackalloc byte[16];
        _random.NextBytes(bytes);
        bytes[7] = (byte)(bytes[7] & 0x0F | 0x40); // version 4 layout
        bytes[8] = (byte)(bytes[8] & 0x3F | 0x80);
        return new Guid(bytes);
    }

    private SeedDoctor NewDoctor(int index, Institution hospital, DateTimeOffset now)
    {
        var surname = Surnames[_random.Next(Surnames.Length)];
        var given = GivenNames[_random.Next(GivenNames.Length)];
        var fullName = $"{surname.Pinyin} {given.Pinyin}";
        var email = $"doctor{index + 1}@{Domain}";
        var user = NewUser(email, "Dr. " + fullName, hospital, now);
        var doctor = new VisitingDoctor(user, hospital, fullName, email);
        var specialty = Specialties[_random.Next(Specialties.Length)];
        doctor.UpdateProfile(fullName, surname.Hanzi + given.Hanzi, index % 3 == 0 ? "Associate Chief Physician" : "Attending Physician",
            $"Department of {specialty}", specialty, 3 + _random.Next(25), $"110{index:0000000}{index % 7}",
            $"+86 10 {6000_0000 + index:0000 0000}", index % 2 == 0 ? "Mandarin, English" : "Mandarin, English, Cantonese",
            $"{specialty} clinician at {hospital.Name}.");
        return new SeedDoctor(index + 1, user, doctor, hospital);
    }

    private enum Phase
    {
        Open,
        Reviewing,
        Running,
        Past,
    }

    private static readonly Dictionary<Phase, (ApplicationStatus Status, int Weight)[]> Targets = new()
    {
        [Phase.Open] =
        [
            (ApplicationStatus.Draft, 20), (ApplicationStatus.Submitted, 22), (ApplicationStatus.Endorsed, 20),
            (ApplicationStatus.NotEndorsed, 6), (ApplicationStatus.UnderReview, 18), (ApplicationStatus.ChangesRequested, 5),
            (ApplicationStatus.Withdrawn, 3), (ApplicationStatus.Rejected, 4), (ApplicationStatus.Offered, 2),
        ],
        [Phase.Reviewing] =
        [
            (ApplicationStatus.Draft, 5), (ApplicationStatus.Submitted, 3), (ApplicationStatus.Endorsed, 12),
            (ApplicationStatus.NotEndorsed, 8), (ApplicationStatus.UnderReview, 30), (ApplicationStatus.ChangesRequested, 5),
            (ApplicationStatus.Waitlisted, 6), (ApplicationStatus.Offered, 3), (ApplicationStatus.Confirmed, 3),
            (ApplicationStatus.Declined, 1), (ApplicationStatus.Rejected, 20), (ApplicationStatus.Withdrawn, 4),
        ],
        [Phase.Running] =
        [
            (ApplicationStatus.Draft, 4), (ApplicationStatus.NotEndorsed, 10), (ApplicationStatus.InProgress, 4),
            (ApplicationStatus.Confirmed, 1), (ApplicationStatus.Cancelled, 1), (ApplicationStatus.Declined, 1),
            (ApplicationStatus.Rejected, 70), (ApplicationStatus.Withdrawn, 9),
        ],
        [Phase.Past] =
        [
            (ApplicationStatus.Draft, 4), (ApplicationStatus.NotEndorsed, 10), (ApplicationStatus.Completed, 4),
            (ApplicationStatus.Cancelled, 1), (ApplicationStatus.Declined, 1), (ApplicationStatus.Rejected, 71),
            (ApplicationStatus.Withdrawn, 9),
        ],
    };

    private static Phase PhaseOf(ExchangeCohort cohort) => cohort.Status switch
    {
        CohortStatus.Open => Phase.Open,
        CohortStatus.Reviewing => Phase.Reviewing,
        CohortStatus.InProgress => Phase.Running,
        _ => Phase.Past,
    };

    private ApplicationStatus PickTarget(Phase phase)
    {
        var targets = Targets[phase];
        var roll = _random.Next(targets.Sum(t => t.Weight));
        foreach (var (status, weight) in targets)
        {
            if (roll < weight)
                return status;
            roll -= weight;
        }
        return targets[^1].Status;
    }

    private sealed record Actors(string Coordinator, string Admin, Dictionary<Institution, string> HospitalCoordinators);

    private sealed record SeedDoctor(int Id, PortalUser User, VisitingDoctor Doctor, Institution Hospital);

    internal sealed record SeedDocument(Guid Id, DocumentKind Kind, string UploadedById, DateTimeOffset At, DateOnly? ExpiresOn, int Content);

    private sealed record BuiltApplication(ExchangeApplication Application, List<SeedDocument> Documents);

    /// <summary>One application moved to a status picked for its cohort's phase; seat-taking steps fall back when the lab is full.</summary>
    private BuiltApplication BuildApplication(ExchangeCohort cohort, SeedDoctor seed, DateTimeOffset submittedAt, DateTimeOffset now,
        DateOnly today, Actors actors)
    {
        var doctor = seed.Doctor;
        var phase = PhaseOf(cohort);
        var target = PickTarget(phase);
        var documents = new List<SeedDocument>();
        var cap = phase is Phase.Open or Phase.Reviewing ? now.AddMinutes(-5) : AtUtc(cohort.EndsOn, 18);
        var t = submittedAt.AddHours(-_random.Next(1, 72));
        DateTimeOffset Step(double minHours, double maxHours)
        {
            var next = t.AddHours(minHours + _random.NextDouble() * (maxHours - minHours));
            t = next < cap ? next : t.AddMinutes(1);
            return t;
        }

        var application = new ExchangeApplication(cohort, doctor, doctor.UserId, t);
        var labs = cohort.Labs.OrderBy(_ => _random.Next()).Take(1 + _random.Next(3)).ToList();
        application.EditPlan($"Learn {doctor.Specialty.ToLowerInvariant()} research methods in the lab and bring them back to my department.",
            cohort.StartsOn, cohort.EndsOn, t);
        application.ChooseLabs(labs, Step(0.1, 2));
        if (target == ApplicationStatus.Draft)
            return new BuiltApplication(application, documents);

        // Some papers run out before the stay ends (the dashboard's expiring documents and readiness); chosen by the doctor's
        // number, not the random sequence, so every other generated value stays the same.
        var licenceExpiresOn = seed.Id % 13 == 0 ? cohort.EndsOn.AddDays(-30) : cohort.EndsOn.AddYears(2);
        foreach (var kind in new[] { DocumentKind.Cv, DocumentKind.PractisingLicence, DocumentKind.NominationLetter })
            documents.Add(new SeedDocument(NextGuid(), kind, doctor.UserId, t, kind == DocumentKind.PractisingLicence ? licenceExpiresOn : null,
                _random.Next(Pdfs.Length)));
        t = submittedAt > t ? submittedAt : t.AddMinutes(5);
        application.Submit(doctor.UserId, t);
        if (target == ApplicationStatus.Submitted)
            return new BuiltApplication(application, documents);

        var hospitalCoordinator = actors.HospitalCoordinators[seed.Hospital];
        if (application.EndorsementRequired)
        {
            if (target == ApplicationStatus.NotEndorsed)
            {
                application.DeclineEndorsement("The department cannot release you during the exchange dates.", hospitalCoordinator, Step(4, 120));
                return new BuiltApplication(application, documents);
            }
            application.Endorse(hospitalCoordinator, Step(4, 120), "Nominated by the department head.");
            if (target == ApplicationStatus.Endorsed)
                return new BuiltApplication(application, documents);
        }
        else if (target is ApplicationStatus.NotEndorsed or ApplicationStatus.Endorsed)
        {
            return new BuiltApplication(application, documents);
        }

        if (target == ApplicationStatus.Withdrawn)
        {
            application.Withdraw(doctor.UserId, Step(4, 200), "Family reasons.");
            return new BuiltApplication(application, documents);
        }

        var reviewFrom = AtUtc(cohort.ApplicationClosesOn, 9);
        if (phase != Phase.Open && t < reviewFrom)
            t = reviewFrom.AddHours(_random.NextDouble() * 200);
        application.StartReview(actors.Coordinator, Step(1, 72));
        switch (target)
        {
            case ApplicationStatus.UnderReview:
                return new BuiltApplication(application, documents);
            case ApplicationStatus.ChangesRequested:
                application.RequestChanges("Please describe what you will learn in the lab week by week.", actors.Coordinator, Step(2, 96));
                return new BuiltApplication(application, documents);
            case ApplicationStatus.Rejected:
                application.Reject("The plan does not match the lab's current research.", actors.Coordinator, Step(2, 200));
                return new BuiltApplication(application, documents);
        }

        // Every other target needs a seat (or, for the waitlist, a full lab).
        var free = labs.FirstOrDefault(l => l.SeatsFree > 0);
        if (target == ApplicationStatus.Waitlisted || free is null)
        {
            if (free is null && phase is Phase.Open or Phase.Reviewing)
                application.Waitlist(labs[0], actors.Coordinator, Step(2, 96));
            else if (free is null)
                application.Reject("All the labs you chose are full.", actors.Coordinator, Step(2, 200));
            return new BuiltApplication(application, documents);
        }

        var offeredAt = Step(2, 96);
        var respondBy = phase is Phase.Open or Phase.Reviewing ? now.AddDays(3 + _random.Next(12)) : offeredAt.AddDays(14);
        application.Approve(free, free.HostLab.PrincipalInvestigatorName, cohort.StartsOn, cohort.EndsOn, respondBy, actors.Coordinator, offeredAt);
        if (target == ApplicationStatus.Offered)
            return new BuiltApplication(application, documents);
        if (target == ApplicationStatus.Declined)
        {
            application.DeclineOffer(doctor.UserId, Step(2, 200), "I accepted a fellowship elsewhere.");
            return new BuiltApplication(application, documents);
        }

        var acceptedAt = offeredAt.AddHours(1 + _random.NextDouble() * 200);
        application.AcceptOffer(doctor.UserId, acceptedAt < respondBy ? acceptedAt : offeredAt.AddHours(1));
        t = acceptedAt;
        var travelDocument = new SeedDocument(NextGuid(), DocumentKind.TravelDocument, doctor.UserId, Step(4, 48), cohort.EndsOn.AddYears(3), _random.Next(Pdfs.Length));
        if (seed.Id % 11 != 0) // a few confirmed doctors have not uploaded their travel document yet
            documents.Add(travelDocument);
        documents.Add(new SeedDocument(NextGuid(), DocumentKind.Insurance, doctor.UserId, Step(4, 48),
            seed.Id % 7 == 0 ? cohort.EndsOn.AddDays(-20) : cohort.EndsOn.AddDays(10), _random.Next(Pdfs.Length)));
        if (target == ApplicationStatus.Confirmed || cohort.StartsOn > today)
            return new BuiltApplication(application, documents);
        if (target == ApplicationStatus.Cancelled)
        {
            application.Cancel("Entry permit was refused.", actors.Admin, Step(24, 240));
            return new BuiltApplication(application, documents);
        }

        var arrivedAt = AtUtc(cohort.StartsOn.AddDays(seed.Id % 8), 10); // arrivals spread over the first week, never in the future
        application.MarkArrived(actors.Coordinator, arrivedAt < now ? arrivedAt : AtUtc(cohort.StartsOn, 10));
        if (target == ApplicationStatus.InProgress || cohort.EndsOn >= today)
            return new BuiltApplication(application, documents);

        var end = AtUtc(cohort.EndsOn, 10);
        documents.Add(new SeedDocument(NextGuid(), DocumentKind.EndOfStayReport, doctor.UserId, end.AddDays(-2), null, _random.Next(Pdfs.Length)));
        application.Complete(endOfStayReportFiled: true, actors.Coordinator, end);
        return new BuiltApplication(application, documents);
    }

    private sealed record Row<T>(int Id, int ApplicationId, T Choice);

    private sealed record HistoryRow(long Id, int ApplicationId, ApplicationStatusChange Change);

    private sealed record PlacementRow(int Id, int ApplicationId, Placement Placement);

    private sealed record DocumentRow(Guid Id, int ApplicationId, SeedDocument Document, int Content);

    private sealed record ApplicationRow(int Id, int DoctorId, int CohortId, ExchangeApplication Application);

    private sealed record AuditRow(long Id, DateTimeOffset At, string ActorId, Guid DocumentId);

    private sealed class SeedRows
    {
        public List<ApplicationRow> Applications { get; } = [];
        public List<Row<LabChoice>> LabChoices { get; } = [];
        public List<HistoryRow> History { get; } = [];
        public List<PlacementRow> Placements { get; } = [];
        public List<DocumentRow> Documents { get; } = [];
        public List<AuditRow> Audit { get; } = [];

        public void Add(BuiltApplication built, SeedDoctor doctor)
        {
            var application = built.Application;
            var id = Applications.Count + 1;
            Applications.Add(new ApplicationRow(id, doctor.Id, application.Cohort.Id, application));
            foreach (var choice in application.LabChoices)
                LabChoices.Add(new Row<LabChoice>(LabChoices.Count + 1, id, choice));
            foreach (var change in application.History)
                History.Add(new HistoryRow(History.Count + 1, id, change));
            if (application.Placement is { } placement)
                Placements.Add(new PlacementRow(Placements.Count + 1, id, placement));
            foreach (var document in built.Documents)
                Documents.Add(new DocumentRow(document.Id, id, document, document.Content));
        }

        /// <summary>The coordinator opened one document of about half the applications under or past review.</summary>
        public void AddAudit(string coordinatorId, Random random)
        {
            foreach (var document in Documents)
            {
                if (document.Document.Kind != DocumentKind.Cv || random.Next(2) == 0)
                    continue;
                var application = Applications[document.ApplicationId - 1].Application;
                if (application.History.FirstOrDefault(h => h.To == ApplicationStatus.UnderReview) is not { } review)
                    continue;
                Audit.Add(new AuditRow(Audit.Count + 1, review.At.AddMinutes(5 + random.Next(600)), coordinatorId, document.Id));
            }
        }
    }

    private void WriteUser(NpgsqlBinaryImporter w, SeedDoctor d)
    {
        var u = d.User;
        w.Write(u.Id, NpgsqlDbType.Text);
        w.Write(u.DisplayName, NpgsqlDbType.Varchar);
        w.Write(d.Hospital.Id, NpgsqlDbType.Integer);
        w.WriteNull();
        w.Write(u.UserName!, NpgsqlDbType.Varchar);
        w.Write(u.NormalizedUserName!, NpgsqlDbType.Varchar);
        w.Write(u.Email!, NpgsqlDbType.Varchar);
        w.Write(u.NormalizedEmail!, NpgsqlDbType.Varchar);
        w.Write(u.EmailConfirmed, NpgsqlDbType.Boolean);
        w.Write(u.PasswordHash!, NpgsqlDbType.Text);
        w.Write(u.SecurityStamp!, NpgsqlDbType.Text);
        w.Write(u.ConcurrencyStamp!, NpgsqlDbType.Text);
        w.WriteNull();
        w.Write(false, NpgsqlDbType.Boolean);
        w.Write(false, NpgsqlDbType.Boolean);
        w.WriteNull();
        w.Write(u.LockoutEnabled, NpgsqlDbType.Boolean);
        w.Write(0, NpgsqlDbType.Integer);
    }

    private static void WriteDoctor(NpgsqlBinaryImporter w, SeedDoctor s)
    {
        var d = s.Doctor;
        w.Write(s.Id, NpgsqlDbType.Integer);
        w.Write(d.UserId, NpgsqlDbType.Text);
        w.Write(s.Hospital.Id, NpgsqlDbType.Integer);
        w.Write(d.FullName, NpgsqlDbType.Varchar);
        WriteNullable(w, d.ChineseName, NpgsqlDbType.Varchar);
        w.Write(d.Title, NpgsqlDbType.Varchar);
        w.Write(d.Department, NpgsqlDbType.Varchar);
        w.Write(d.Specialty, NpgsqlDbType.Varchar);
        w.Write(d.YearsOfPractice, NpgsqlDbType.Integer);
        w.Write(d.LicenceNumber, NpgsqlDbType.Varchar);
        w.Write(d.Email, NpgsqlDbType.Varchar);
        w.Write(d.Phone, NpgsqlDbType.Varchar);
        w.Write(d.Languages, NpgsqlDbType.Varchar);
        w.Write(d.Bio, NpgsqlDbType.Varchar);
    }

    private static void WriteApplication(NpgsqlBinaryImporter w, ApplicationRow r)
    {
        var a = r.Application;
        w.Write(r.Id, NpgsqlDbType.Integer);
        w.Write(r.CohortId, NpgsqlDbType.Integer);
        w.Write(r.DoctorId, NpgsqlDbType.Integer);
        w.Write(a.Status.ToString(), NpgsqlDbType.Varchar);
        w.Write(a.Plan, NpgsqlDbType.Varchar);
        WriteNullable(w, a.IntendedStartOn, NpgsqlDbType.Date);
        WriteNullable(w, a.IntendedEndOn, NpgsqlDbType.Date);
        w.Write(a.EndorsementRequired, NpgsqlDbType.Boolean);
        w.Write(a.CreatedAt, NpgsqlDbType.TimestampTz);
        WriteNullable(w, a.SubmittedAt, NpgsqlDbType.TimestampTz);
        w.Write(a.UpdatedAt, NpgsqlDbType.TimestampTz);
        WriteNullable(w, a.OfferRespondBy, NpgsqlDbType.TimestampTz);
        WriteNullable(w, a.WaitlistedFor?.Id, NpgsqlDbType.Integer);
        WriteNullable(w, a.WaitlistedAt, NpgsqlDbType.TimestampTz);
    }

    private static void WriteHistory(NpgsqlBinaryImporter w, HistoryRow r)
    {
        var h = r.Change;
        w.Write(r.Id, NpgsqlDbType.Bigint);
        w.Write(r.ApplicationId, NpgsqlDbType.Integer);
        WriteNullable(w, h.From?.ToString(), NpgsqlDbType.Varchar);
        w.Write(h.To.ToString(), NpgsqlDbType.Varchar);
        WriteNullable(w, h.ActorId, NpgsqlDbType.Text);
        w.Write(h.At, NpgsqlDbType.TimestampTz);
        WriteNullable(w, h.Comment, NpgsqlDbType.Varchar);
    }

    private static void WritePlacement(NpgsqlBinaryImporter w, PlacementRow r)
    {
        var p = r.Placement;
        w.Write(r.Id, NpgsqlDbType.Integer);
        w.Write(r.ApplicationId, NpgsqlDbType.Integer);
        w.Write(p.CohortLab.Id, NpgsqlDbType.Integer);
        w.Write(p.Supervisor, NpgsqlDbType.Varchar);
        w.Write(p.StartsOn, NpgsqlDbType.Date);
        w.Write(p.EndsOn, NpgsqlDbType.Date);
        w.Write(p.OfferedAt, NpgsqlDbType.TimestampTz);
        WriteNullable(w, p.ReleasedAt, NpgsqlDbType.TimestampTz);
    }

    private static void WriteDocument(NpgsqlBinaryImporter w, DocumentRow r)
    {
        var d = r.Document;
        w.Write(r.Id, NpgsqlDbType.Uuid);
        w.Write(d.Kind.ToString(), NpgsqlDbType.Varchar);
        w.Write($"{d.Kind}.pdf", NpgsqlDbType.Varchar);
        w.Write("application/pdf", NpgsqlDbType.Varchar);
        w.Write((long)Pdfs[r.Content].Length, NpgsqlDbType.Bigint);
        w.Write(PdfHashes[r.Content], NpgsqlDbType.Char);
        w.Write(d.UploadedById, NpgsqlDbType.Text);
        w.Write(d.At, NpgsqlDbType.TimestampTz);
        WriteNullable(w, d.ExpiresOn, NpgsqlDbType.Date);
        w.Write(r.ApplicationId, NpgsqlDbType.Integer);
        w.WriteNull();
        // Three in four papers verified by a coordinator, the rest waiting: the clearance board and readiness have both.
        w.Write((Math.Abs(r.Id.GetHashCode()) % 4 == 0 ? DocumentVerification.Waiting : DocumentVerification.Verified).ToString(), NpgsqlDbType.Varchar);
    }

    private static void WriteAudit(NpgsqlBinaryImporter w, AuditRow r)
    {
        w.Write(r.Id, NpgsqlDbType.Bigint);
        w.Write(r.At, NpgsqlDbType.TimestampTz);
        w.Write(r.ActorId, NpgsqlDbType.Text);
        w.Write("document.viewed", NpgsqlDbType.Varchar);
        w.Write(nameof(StoredDocument), NpgsqlDbType.Varchar);
        w.Write(r.DocumentId.ToString(), NpgsqlDbType.Varchar);
        w.Write("{}", NpgsqlDbType.Jsonb);
    }

    private static void WriteNullable<T>(NpgsqlBinaryImporter w, T? value, NpgsqlDbType type) where T : struct
    {
        if (value is { } v)
            w.Write(v, type);
        else
            w.WriteNull();
    }

    private static void WriteNullable(NpgsqlBinaryImporter w, string? value, NpgsqlDbType type)
    {
        if (value is null)
            w.WriteNull();
        else
            w.Write(value, type);
    }

    /// <param name="columns">The columns the writer fills, in its order, separated by spaces (xmin is a system column, never written).</param>
    private async Task CopyAsync<T>(NpgsqlConnection connection, string table, string columns, IReadOnlyList<T> rows,
        Action<NpgsqlBinaryImporter, T> write, Stopwatch stopwatch, CancellationToken ct)
    {
        var list = string.Join(", ", columns.Split(' ').Select(c => $"\"{c}\""));
        await using (var importer = await connection.BeginBinaryImportAsync($"COPY \"{table}\" ({list}) FROM STDIN (FORMAT BINARY)", ct))
        {
            foreach (var row in rows)
            {
                importer.StartRow();
                write(importer, row);
            }
            await importer.CompleteAsync(ct);
        }
        logger.LogInformation("Seed: {Rows} rows into {Table} after {Elapsed:F1} s", rows.Count, table, stopwatch.Elapsed.TotalSeconds);
    }
}
