using ExchangePortal.Core.Documents;
using ExchangePortal.Core.Institutions;

namespace ExchangePortal.Core.Agreements;

public enum AgreementStatus
{
    Draft,
    Active,
    Expired,
    Terminated,
}

public class Agreement
{
    public int Id { get; private set; }
    public string Title { get; private set; } = "";
    public int UniversityId { get; private set; }
    public Institution University { get; private set; } = null!;
    public int HospitalId { get; private set; }
    public Institution Hospital { get; private set; } = null!;
    public DateOnly? SignedOn { get; private set; }
    public DateOnly EffectiveFrom { get; private set; }
    public DateOnly EffectiveTo { get; private set; }
    public AgreementStatus Status { get; private set; }
    public uint Version { get; private set; }

    public List<AgreementSignatory> Signatories { get; private set; } = [];
    public List<CollaborationArea> Areas { get; private set; } = [];
    public List<AgreementMilestone> Milestones { get; private set; } = [];
    public List<StoredDocument> Documents { get; private set; } = [];

    private Agreement() { }

    public Agreement(string title, Institution university, Institution hospital, DateOnly effectiveFrom, DateOnly effectiveTo)
    {
        if (university.Kind != InstitutionKind.University)
            throw new DomainException($"{university.Name} is not a university.");
        if (hospital.Kind != InstitutionKind.Hospital)
            throw new DomainException($"{hospital.Name} is not a hospital.");
        if (effectiveTo < effectiveFrom)
            throw new DomainException("An agreement cannot end before it takes effect.");
        Title = title;
        University = university;
        Hospital = hospital;
        EffectiveFrom = effectiveFrom;
        EffectiveTo = effectiveTo;
        Status = AgreementStatus.Draft;
    }

    public bool IsInForce(DateOnly today) =>
        Status == AgreementStatus.Active && EffectiveFrom <= today && today <= EffectiveTo;

    public void Sign(DateOnly signedOn, IEnumerable<AgreementSignatory> signatories)
    {
        if (Status != AgreementStatus.Draft)
            throw new DomainException($"Only a draft agreement can be signed; this one is {Status}.");
        SignedOn = signedOn;
        Signatories.AddRange(signatories);
        Status = AgreementStatus.Active;
    }

    public void Expire()
    {
        if (Status != AgreementStatus.Active)
            throw new DomainException($"Only an active agreement can expire; this one is {Status}.");
        Status = AgreementStatus.Expired;
    }

    public void Terminate()
    {
        if (Status is AgreementStatus.Expired or AgreementStatus.Terminated)
            throw new DomainException($"This agreement has already ended ({Status}).");
        Status = AgreementStatus.Terminated;
    }
}

public class AgreementSignatory
{
    public int Id { get; private set; }
    public int AgreementId { get; private set; }
    public string Name { get; private set; } = "";
    public string Title { get; private set; } = "";
    public int InstitutionId { get; private set; }
    public Institution Institution { get; private set; } = null!;

    private AgreementSignatory() { }

    public AgreementSignatory(string name, string title, Institution institution)
    {
        Name = name;
        Title = title;
        Institution = institution;
    }
}

/// <summary>Talent development, medical education, MedTech innovation, knowledge transfer, and any an administrator adds.</summary>
public class CollaborationArea
{
    public int Id { get; private set; }
    public string Name { get; private set; } = "";

    private CollaborationArea() { }

    public CollaborationArea(string name) => Name = name;
}
