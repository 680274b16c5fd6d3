using ExchangePortal.Core.Institutions;

namespace ExchangePortal.Core.HostLabs;

public class HostLab
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

    private HostLab() { }

    public HostLab(Institution university, string name, string department, string piName, string piEmail,
        IEnumerable<string> researchAreas, string description, int defaultSeats)
    {
        if (university.Kind != InstitutionKind.University)
            throw new DomainException($"{university.Name} is not a university.");
        if (defaultSeats < 0)
            throw new DomainException("Default seats cannot be negative.");
        University = university;
        Name = name;
        Department = department;
        PrincipalInvestigatorName = piName;
        PrincipalInvestigatorEmail = piEmail;
        ResearchAreas = researchAreas.ToList();
        Description = description;
        DefaultSeats = defaultSeats;
        IsActive = true;
    }

    public void Deactivate() => IsActive = false;

    public void Activate() => IsActive = true;
}
