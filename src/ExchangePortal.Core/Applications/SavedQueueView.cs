using ExchangePortal.Core.Users;

namespace ExchangePortal.Core.Applications;

/// <summary>A coordinator's named filter and sort of the review queue; each coordinator sees and changes only their own.</summary>
public class SavedQueueView
{
    public const int MaxNameLength = 100;
    public const int MaxSpecialtyLength = 200;
    public const int MaxSearchLength = 100;

    public int Id { get; private set; }
    public string OwnerId { get; private set; } = "";
    public PortalUser Owner { get; private set; } = null!;
    public string Name { get; private set; } = "";
    public int? CohortId { get; private set; }
    public ApplicationStatus? Status { get; private set; }
    public int? HostLabId { get; private set; }
    public string? Specialty { get; private set; }
    public int? HospitalId { get; private set; }
    public string? Search { get; private set; }
    public QueueSort Sort { get; private set; }
    public DateTimeOffset SavedAt { get; private set; }

    private SavedQueueView() { }

    public SavedQueueView(string ownerId, string name, QueueFilter filter, DateTimeOffset now)
    {
        OwnerId = ownerId;
        Name = string.IsNullOrWhiteSpace(name) ? throw new DomainException("Give the view a name.") : name.Trim();
        Save(filter, now);
    }

    /// <summary>Keeps the filter and the sort, never the page.</summary>
    public void Save(QueueFilter filter, DateTimeOffset now)
    {
        (CohortId, Status, HostLabId, HospitalId, Sort) = (filter.CohortId, filter.Status, filter.HostLabId, filter.HospitalId, filter.Sort);
        Specialty = string.IsNullOrWhiteSpace(filter.Specialty) ? null : filter.Specialty.Trim();
        Search = string.IsNullOrWhiteSpace(filter.Search) ? null : filter.Search.Trim();
        SavedAt = now;
    }
}
