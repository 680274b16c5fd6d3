using System.Text;
using ExchangePortal.Core.Agreements;
using ExchangePortal.Core.Applications;
using ExchangePortal.Core.Cohorts;
using ExchangePortal.Core.Data;
using ExchangePortal.Core.Doctors;
using ExchangePortal.Core.Documents;
using ExchangePortal.Core.HostLabs;
using ExchangePortal.Core.Notifications;
using ExchangePortal.Core.Privacy;
using ExchangePortal.Core.Users;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace ExchangePortal.IntegrationTests.Privacy;

/// <summary>The person whose data a test erases: every word that names them.</summary>
public sealed record Person(string UserId, int DoctorId, string Email, string Name, string ChineseName, string Phone, string Licence)
{
    public const string Password = "Quiet-Harbour-Lantern-58";

    public IReadOnlyList<string> Identifiers => [Name, ChineseName, Email, Phone, Licence];
}

/// <summary>Builds people, cohorts and applications for the privacy tests, and scans the whole database for a person.</summary>
public static class PrivacyWorld
{
    /// <summary>A confirmed account (an applicant with a complete profile) that can sign in with <see cref="Person.Password"/>.</summary>
    public static async Task<Person> NewDoctorAsync(PortalFactory portal, string? culture = null)
    {
        var tag = Guid.NewGuid().ToString("N")[..8];
        var email = $"p{tag}@privacy.test";
        var name = $"Wang Lihua {tag}";
        var chinese = $"王丽华{tag}";
        var phone = $"+86 138 {tag[..4]} {tag[4..]}";
        var licence = $"LIC-{tag.ToUpperInvariant()}";
        await using var scope = portal.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<PortalUser>>();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        var hospital = await db.Institutions.SingleAsync(i => i.ShortName == "BCTH");
        var user = new PortalUser { UserName = email, Email = email, EmailConfirmed = true, DisplayName = name, HospitalId = hospital.Id, PreferredCulture = culture };
        Check(await users.CreateAsync(user, Person.Password));
        Check(await users.AddToRoleAsync(user, Roles.Applicant));
        // As at registration: consent to the notice in force, so the notice gate lets the person through.
        Assert.True(await scope.ServiceProvider.GetRequiredService<ExchangePortal.Core.Privacy.Consents>().AcceptAsync(user.Id));
        var doctor = new VisitingDoctor(user, hospital, name, email);
        doctor.UpdateProfile(name, chinese, "Attending physician", "Cardiology", "Interventional cardiology", 9, licence, phone, "Mandarin, English", $"{name} ({chinese}) trains young cardiologists.");
        db.Doctors.Add(doctor);
        await db.SaveChangesAsync();
        return new Person(user.Id, doctor.Id, email, name, chinese, phone, licence);
    }

    public static ExchangeCohort Cohort(PortalDbContext db, Agreement agreement, HostLab lab, string name, int startsInDays, int seats = 3)
    {
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var cohort = new ExchangeCohort(agreement, name, today.AddDays(startsInDays - 60), today.AddDays(startsInDays - 30),
            today.AddDays(startsInDays), today.AddDays(startsInDays + 90), seats, requiresEndorsement: false);
        cohort.AddLab(lab, seats);
        cohort.Open();
        db.Cohorts.Add(cohort);
        return cohort;
    }

    public static ExchangeApplication Apply(PortalDbContext db, ExchangeCohort cohort, VisitingDoctor doctor, DateTimeOffset now, string plan)
    {
        var application = new ExchangeApplication(cohort, doctor, doctor.UserId, now);
        application.ChooseLabs([cohort.Labs[0]], now);
        application.EditPlan(plan, null, null, now);
        db.Applications.Add(application);
        return application;
    }

    public static void AddDocument(PortalDbContext db, ExchangeApplication application, string uploaderId, DocumentKind kind, string text,
        DateTimeOffset now, DateOnly? expiresOn = null)
    {
        var document = new StoredDocument(kind, $"{kind}.pdf", "application/pdf", Encoding.UTF8.GetBytes($"%PDF-1.4 {text}"), uploaderId, now, expiresOn);
        document.AttachTo(application);
        db.Documents.Add(document);
    }

    /// <summary>Sends the outbox's due emails into the factory's pickup folder.</summary>
    public static async Task DispatchAsync(PortalFactory portal)
    {
        await using var scope = portal.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<OutboxDispatcher>().DispatchDueAsync(CancellationToken.None);
    }

    /// <summary>
    /// Every text, varchar, char, json(b), array and bytea column of every table (read from information_schema, so a new
    /// table is covered without editing this), searched for each word: "table.column: word" for each hit.
    /// </summary>
    public static async Task<List<string>> FindInDatabaseAsync(string connectionString, IReadOnlyList<string> words)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        var columns = new List<(string Table, string Column, string Type)>();
        await using (var list = new NpgsqlCommand("""
            SELECT c.table_name, c.column_name, c.data_type FROM information_schema.columns c
            JOIN information_schema.tables t ON t.table_schema = c.table_schema AND t.table_name = c.table_name
            WHERE c.table_schema = 'public' AND t.table_type = 'BASE TABLE'
              AND c.data_type IN ('text', 'character varying', 'character', 'json', 'jsonb', 'bytea', 'ARRAY')
            ORDER BY 1, 2
            """, connection))
        await using (var reader = await list.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
                columns.Add((reader.GetString(0), reader.GetString(1), reader.GetString(2)));
        }
        Assert.Contains(columns, c => c is { Table: "DocumentContents", Type: "bytea" });
        Assert.Contains(columns, c => c is { Table: "AuditEntries", Type: "jsonb" });
        var hits = new List<string>();
        foreach (var (table, column, type) in columns)
        {
            foreach (var word in words)
            {
                var condition = type == "bytea" ? $"position(@word in \"{column}\") > 0" : $"strpos(lower(\"{column}\"::text), lower(@word)) > 0";
                await using var count = new NpgsqlCommand($"SELECT count(*) FROM \"{table}\" WHERE {condition}", connection);
                count.Parameters.Add(type == "bytea" ? new NpgsqlParameter("word", Encoding.UTF8.GetBytes(word)) : new NpgsqlParameter("word", word));
                if ((long)(await count.ExecuteScalarAsync())! > 0)
                    hits.Add($"{table}.{column}: {word}");
            }
        }
        return hits;
    }

    /// <summary>The pickup folder's files that name any of the words, read raw and decoded (Chinese travels base64-encoded).</summary>
    public static List<string> FindInMail(string folder, IReadOnlyList<string> words) =>
        !Directory.Exists(folder) ? [] : Directory.EnumerateFiles(folder, "*.eml")
            .Where(path => words.Any(w => File.ReadAllText(path).Contains(w, StringComparison.OrdinalIgnoreCase)
                || MailPickup.Text(path).Contains(w, StringComparison.OrdinalIgnoreCase)))
            .ToList();

    private static void Check(IdentityResult result) =>
        Assert.True(result.Succeeded, string.Join(" ", result.Errors.Select(e => e.Description)));
}
