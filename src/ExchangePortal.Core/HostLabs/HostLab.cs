using ExchangePortal.Core.Institutions;

namespace ExchangePortal.Core.HostLabs;

public class HostLab : Auditing.IFieldAudited
{
    public int Id { get; private set; }
    public int UniversityId { get; private set; }
    public Institution University { get; private set; } = null!;
    public string Name { get; private set; } = "";
    public string Department { get; private set; } = "";
    public string PrincipalInvestigatorName { get; private set; } = "";
    public string PrincipalInvestigatorEmail { get; private set; } = "";
    public List<string> ResearchAreas { get; private set; } = [];
    public string Description { get; private set; } = "";
    public int DefaultSeats { get; private set; }
    public bool IsActive { get; private set; }
    public uint Version { get; private set; }

    private HostLab() { }

    public const int MaxDefaultSeats = 50;

    public HostLab(Institution university, string name, string department, string piName, string piEmail,
        IEnumerable<string> researchAreas, string description, int defaultSeats)
    {
        if (university.Kind != InstitutionKind.University)
            throw new DomainException($"{university.Name} is not a university.");
        University = university;
        Edit(name, department, piName, piEmail, researchAreas, description, defaultSeats);
        IsActive = true;
    }

    public void Edit(string name, string department, string piName, string piEmail,
        IEnumerable<string> researchAreas, string description, int defaultSeats)
    {
        if (string.IsNullOrWhiteSpace(name))
            throw new DomainException("A host lab needs a name.");
        if (defaultSeats < 0)
            throw new DomainException("Default seats cannot be negative.");
        if (defaultSeats > MaxDefaultSeats)
            throw new DomainException($"Default seats cannot be more than {MaxDefaultSeats}.");
        Name = name.Trim();
        Department = department.Trim();
        PrincipalInvestigatorName = piName.Trim();
        PrincipalInvestigatorEmail = piEmail.Trim();
        ResearchAreas = researchAreas.Select(a => a.Trim()).Where(a => a.Length > 0)
            .Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        Description = description.Trim();
        DefaultSeats = defaultSeats;
    }

    /// <summary>Current placements are offered, confirmed or running stays in this lab; they keep it active.</summary>
    public void Deactivate(int currentPlacements)
    {
        if (!IsActive)
            throw new DomainException($"{Name} is already inactive.");
        if (currentPlacements > 0)
            throw new DomainException(
                $"{Name} cannot be deactivated: it has {currentPlacements} current placement{(currentPlacements == 1 ? "" : "s")}.");
        IsActive = false;
    }

    public void Activate()
    {
        if (IsActive)
            throw new DomainException($"{Name} is already active.");
        IsActive = true;
    }
}
