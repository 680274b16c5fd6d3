using ExchangePortal.Core.Applications;
using ExchangePortal.Core.Auditing;
using ExchangePortal.Core.Data;
using ExchangePortal.Core.Notifications;
using Microsoft.EntityFrameworkCore;

namespace ExchangePortal.Core.Messages;

/// <summary>One line of an application's history as its thread shows it: a message, a note, or a status change.</summary>
public sealed record ThreadEntry(DateTimeOffset At, string Author, MessageKind? Kind, string? Text, ApplicationStatus? From, ApplicationStatus? To)
{
    public bool IsNote => Kind == MessageKind.InternalNote;
}

/// <summary>An application's messages (and, for university coordinators, its notes) in its history, oldest first.</summary>
public sealed record MessageThread(int Id, string Applicant, string Cohort, ApplicationStatus Status, IReadOnlyList<ThreadEntry> Entries)
{
    public bool TakesMessages => MessageRules.TakesMessages(Status);
}

/// <summary>Who a message goes to: the application, its applicant and how to reach them.</summary>
internal sealed record MessageTarget(int Id, ApplicationStatus Status, string? ApplicantUserId, string Applicant, string Email, string? Culture, string Cohort);

/// <summary>The reads and the one write path that every audience's messages share.</summary>
internal static class MessageThreads
{
    public const string EntryCreated = "application.message";
    public const string NoteCreated = "application.note";

    /// <summary>The thread of application <paramref name="id"/> when it is in <paramref name="scope"/>; notes only when asked.</summary>
    public static async Task<MessageThread?> ReadAsync(PortalDbContext db, IQueryable<ExchangeApplication> scope, int id, bool withNotes,
        CancellationToken ct)
    {
        var thread = await scope.AsNoTracking().AsSplitQuery().Where(a => a.Id == id)
            .Select(a => new
            {
                a.Id,
                a.Doctor.FullName,
                Cohort = a.Cohort.Name,
                a.Status,
                Messages = db.ApplicationMessages.Where(m => m.ApplicationId == a.Id && (withNotes || m.Kind != MessageKind.InternalNote))
                    .OrderBy(m => m.SentAt).ThenBy(m => m.Id)
                    .Select(m => new ThreadEntry(m.SentAt, m.Author != null ? m.Author.DisplayName : m.ErasedAuthor ?? "Exchange Portal",
                        m.Kind, m.Text, null, null))
                    .ToList(),
                History = a.History.OrderBy(h => h.At).ThenBy(h => h.Id)
                    .Select(h => new ThreadEntry(h.At, h.Actor != null ? h.Actor.DisplayName : h.ErasedActor ?? "Exchange Portal",
                        null, h.Comment, h.From, h.To))
                    .ToList(),
            })
            .SingleOrDefaultAsync(ct);
        if (thread is null)
            return null;
        // A stable merge: at the same instant, the status change comes before the message that explains it.
        var entries = thread.History.Concat(thread.Messages).OrderBy(e => e.At).ToList();
        return new MessageThread(thread.Id, thread.FullName, thread.Cohort, thread.Status, entries);
    }

    /// <summary>The applications among <paramref name="ids"/> that are in <paramref name="scope"/>, with what a message to their
    /// applicant needs: one query whatever their number.</summary>
    public static async Task<List<MessageTarget>> TargetsAsync(IQueryable<ExchangeApplication> scope, IReadOnlyCollection<int> ids,
        CancellationToken ct) =>
        await scope.AsNoTracking().Where(a => ids.Contains(a.Id))
            .Select(a => new MessageTarget(a.Id, a.Status, a.Doctor.UserId, a.Doctor.FullName, a.Doctor.Email,
                a.Doctor.User != null ? a.Doctor.User.PreferredCulture : null, a.Cohort.Name))
            .ToListAsync(ct);

    /// <summary>
    /// The one way an entry is posted, for one application or each of a selection: the entity checks it may be written, the
    /// other side is emailed through the outbox in their language, the audit trail records it; the caller saves.
    /// </summary>
    public static void Post(PortalDbContext db, MessageTarget target, MessageKind kind, string authorId, string text,
        IReadOnlyList<MessageEmails.Reader> readers, ProgrammeClock clock, PublicLinks links)
    {
        var message = ApplicationMessage.Write(target.Id, target.Status, kind, authorId, text, clock.Now);
        db.ApplicationMessages.Add(message);
        foreach (var reader in readers)
            db.Notifications.Add(MessageEmails.For(reader, target, message, links));
        db.AuditEntries.Add(new AuditEntry(clock.Now, authorId, kind == MessageKind.InternalNote ? NoteCreated : EntryCreated,
            nameof(ExchangeApplication), target.Id.ToString(System.Globalization.CultureInfo.InvariantCulture),
            new() { [nameof(ApplicationMessage.Kind)] = new FieldChange(null, kind.ToString()) }));
    }
}
