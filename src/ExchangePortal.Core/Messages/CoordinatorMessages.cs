using ExchangePortal.Core.Applications;
using ExchangePortal.Core.Data;
using ExchangePortal.Core.Notifications;
using Microsoft.EntityFrameworkCore;

namespace ExchangePortal.Core.Messages;

/// <summary>An application chosen for a message to a selection, or why it is left out.</summary>
public sealed record SelectedRecipient(int Id, string? Applicant, string? Cohort, ApplicationStatus? Status, string? Skipped);

/// <summary>What a message to a selection did: the applications it went to, and those skipped with their reason.</summary>
public sealed record SelectionPreview(IReadOnlyList<SelectedRecipient> Recipients, string? Refusal);

public sealed record SelectionMessageResult(IReadOnlyList<SelectedRecipient> Sent, IReadOnlyList<SelectedRecipient> Skipped);

/// <summary>The university coordinators' side of the threads: read an application's messages and notes, write to its applicant
/// (one application or a selection, through the same path), keep internal notes. Their own application is not in their scope.</summary>
public class CoordinatorMessages(PortalDbContext db, ProgrammeClock clock, PublicLinks links)
{
    /// <summary>At most this many applications in one selection: each costs three rows, and one save batches them in one round trip.</summary>
    public const int MaxSelection = 300;

    public const string NothingSelected = "Select at least one application.";
    public const string TooMany = "Select at most 300 applications at once.";
    public const string NotFound = "No such application in the review queue.";
    public const string NoneTakesMessages = "None of the selected applications takes this message; nothing was sent.";
    public const int MaxReasonsShown = 20;
    public const string OwnApplication = "This is your own application: another coordinator writes to you.";

    public Task<MessageThread?> ThreadAsync(int id, string userId, CancellationToken ct = default) =>
        MessageThreads.ReadAsync(db, Scope(userId), id, withNotes: true, ct);

    /// <summary>Writes to the applicant, who is emailed; false when the application is not in the coordinator's scope.</summary>
    public Task<bool> SendAsync(int id, string text, string userId, CancellationToken ct = default) =>
        PostOneAsync(id, MessageKind.FromUniversity, text, userId, ct);

    /// <summary>Keeps an internal note, read by university coordinators only; nobody is emailed.</summary>
    public Task<bool> WriteNoteAsync(int id, string text, string userId, CancellationToken ct = default) =>
        PostOneAsync(id, MessageKind.InternalNote, text, userId, ct);

    /// <summary>Who a message to the selected applications would reach, and who would be skipped and why (one query); or why the
    /// selection cannot be sent to at all (none, or too many).</summary>
    public async Task<SelectionPreview> PreviewAsync(IReadOnlyCollection<int> ids, string userId, CancellationToken ct = default)
    {
        var selection = ids.Distinct().ToList();
        if (Refusal(selection) is { } refusal)
            return new SelectionPreview([], refusal);
        var targets = await MessageThreads.TargetsAsync(Submitted, selection, ct);
        return new SelectionPreview(selection.Select(id => Recipient(id, targets.Find(t => t.Id == id), userId)).ToList(), null);
    }

    /// <summary>Sends the same message to each selected application through the path a single message takes; those it may not
    /// go to are skipped with their reason. A constant number of statements whatever the selection's size.</summary>
    public async Task<SelectionMessageResult> SendToSelectionAsync(IReadOnlyCollection<int> ids, string text, string userId, CancellationToken ct = default)
    {
        var selection = Selection(ids);
        var targets = await MessageThreads.TargetsAsync(Submitted, selection, ct);
        var (sent, skipped) = (new List<SelectedRecipient>(), new List<SelectedRecipient>());
        foreach (var id in selection)
        {
            var target = targets.Find(t => t.Id == id);
            var recipient = Recipient(id, target, userId);
            if (recipient.Skipped is null)
                MessageThreads.Post(db, target!, MessageKind.FromUniversity, userId, text, [ApplicantOf(target!)], clock, links);
            (recipient.Skipped is null ? sent : skipped).Add(recipient);
        }
        if (sent.Count == 0)
            throw new DomainException(string.Join("\n", [NoneTakesMessages, .. skipped.Take(MaxReasonsShown).Select(r => r.Skipped!).Distinct()]));
        await db.SaveChangesAsync(ct);
        return new SelectionMessageResult(sent, skipped);
    }

    private async Task<bool> PostOneAsync(int id, MessageKind kind, string text, string userId, CancellationToken ct)
    {
        var target = (await MessageThreads.TargetsAsync(Scope(userId), [id], ct)).SingleOrDefault();
        if (target is null)
            return false;
        MessageThreads.Post(db, target, kind, userId, text, kind == MessageKind.InternalNote ? [] : [ApplicantOf(target)], clock, links);
        await db.SaveChangesAsync(ct);
        return true;
    }

    private static SelectedRecipient Recipient(int id, MessageTarget? target, string userId) => target is null
        ? new(id, null, null, null, NotFound)
        : new(id, target.Applicant, target.Cohort, target.Status,
            target.ApplicantUserId == userId ? OwnApplication : MessageRules.Refusal(target.Status, MessageKind.FromUniversity));

    private static MessageEmails.Reader ApplicantOf(MessageTarget target) => new(target.Email, target.Culture, IsApplicant: true);

    private static List<int> Selection(IReadOnlyCollection<int> ids)
    {
        var selection = ids.Distinct().ToList();
        return Refusal(selection) is { } refusal ? throw new DomainException(refusal) : selection;
    }

    private static string? Refusal(List<int> selection) =>
        selection.Count == 0 ? NothingSelected : selection.Count > MaxSelection ? TooMany : null;

    private IQueryable<ExchangeApplication> Submitted => db.Applications.Where(a => a.Status != ApplicationStatus.Draft);

    // A coordinator's own application is not theirs to read notes on or write to (separation of duties).
    private IQueryable<ExchangeApplication> Scope(string userId) => Submitted.Where(a => a.Doctor.UserId != userId);
}
