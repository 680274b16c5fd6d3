using ExchangePortal.Core.Applications;
using ExchangePortal.Core.Users;

namespace ExchangePortal.Core.Messages;

/// <summary>Who wrote an entry of an application's thread, and so who may read it.</summary>
public enum MessageKind
{
    /// <summary>From the university's coordinators to the applicant.</summary>
    FromUniversity,

    /// <summary>From the applicant to the university's coordinators.</summary>
    FromApplicant,

    /// <summary>An internal note: university coordinators only, never the applicant or the hospital.</summary>
    InternalNote,
}

/// <summary>
/// A message between the university's coordinators and the applicant, or a coordinators' internal note, on one application.
/// Written once and never changed: there is no method that edits it.
/// </summary>
public class ApplicationMessage
{
    public const int MaxTextLength = 4000;

    public long Id { get; private set; }
    public int ApplicationId { get; private set; }
    public MessageKind Kind { get; private set; }

    /// <summary>Null once the author's account is erased (<see cref="ErasedAuthor"/> is shown instead).</summary>
    public string? AuthorId { get; private set; }
    public PortalUser? Author { get; private set; }
    public string? ErasedAuthor { get; private set; }
    public string Text { get; private set; } = "";
    public DateTimeOffset SentAt { get; private set; }

    private ApplicationMessage() { }

    /// <summary>The one way an entry is written: refused on a draft (the university does not see it yet) and, for messages, on a
    /// closed application.</summary>
    internal static ApplicationMessage Write(int applicationId, ApplicationStatus status, MessageKind kind, string authorId, string text,
        DateTimeOffset now)
    {
        if (MessageRules.Refusal(status, kind) is { } refusal)
            throw new DomainException(refusal);
        if (string.IsNullOrWhiteSpace(text))
            throw new DomainException(kind == MessageKind.InternalNote ? MessageRules.NoteRequired : MessageRules.TextRequired);
        var trimmed = text.Trim();
        if (trimmed.Length > MaxTextLength)
            throw new DomainException(MessageRules.TooLong);
        return new ApplicationMessage { ApplicationId = applicationId, Kind = kind, AuthorId = authorId, Text = trimmed, SentAt = now };
    }
}

/// <summary>When an application takes messages and notes; the entity's guard and the pages both read it.</summary>
public static class MessageRules
{
    public const string TextRequired = "Please write the message.";
    public const string NoteRequired = "Please write the note.";
    public const string TooLong = "Keep the message under 4,000 characters.";
    public const string NotYetSubmitted = "This application is still a draft: messages start once it is submitted.";
    public const string Closed = "This application is closed: it takes no more messages.";

    /// <summary>Why an entry of <paramref name="kind"/> cannot be written now, or null when it can. Notes stay possible on a closed
    /// application; messages do not.</summary>
    public static string? Refusal(ApplicationStatus status, MessageKind kind) =>
        !ApplicationRules.VisibleToStaff(status) ? NotYetSubmitted
        : kind != MessageKind.InternalNote && status.IsFinal() ? Closed
        : null;

    public static bool TakesMessages(ApplicationStatus status) => Refusal(status, MessageKind.FromApplicant) is null;
}
