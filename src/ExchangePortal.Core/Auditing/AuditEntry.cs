namespace ExchangePortal.Core.Auditing;

/// <summary>Who did what to which record, when; append-only.</summary>
public class AuditEntry
{
    public long Id { get; private set; }
    public DateTimeOffset At { get; private set; }

    /// <summary>Null for the portal itself or an anonymous request (a failed sign-in).</summary>
    public string? ActorId { get; private set; }
    public string Action { get; private set; } = "";
    public string RecordType { get; private set; } = "";
    public string RecordId { get; private set; } = "";

    /// <summary>Field name → before and after, for the fields that changed.</summary>
    public Dictionary<string, FieldChange> Changes { get; private set; } = [];

    /// <summary>The accounts whose personal data the recorded action showed or took out (a document's or an export's people):
    /// what "who has seen my data" reads. Ids only, never copies of the data.</summary>
    public string[] SubjectIds { get; private set; } = [];

    private AuditEntry() { }

    public AuditEntry(DateTimeOffset at, string? actorId, string action, string recordType, string recordId,
        Dictionary<string, FieldChange>? changes = null, IEnumerable<string>? subjectIds = null)
    {
        At = at;
        ActorId = actorId;
        Action = action;
        RecordType = recordType;
        RecordId = recordId;
        Changes = changes ?? [];
        SubjectIds = subjectIds?.Distinct().ToArray() ?? [];
    }
}

public sealed record FieldChange(string? Before, string? After);
