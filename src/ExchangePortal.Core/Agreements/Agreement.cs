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

    private readonly List<AgreementSignatory> _signatories = [];
    public IReadOnlyCollection<AgreementSignatory> Signatories => _signatories;
    // Still a list: the demo seeders fill it directly (issue 11 leaves them to the tooling move).
    private readonly List<CollaborationArea> _areas = [];
    public IReadOnlyCollection<CollaborationArea> Areas => _areas;
    private readonly List<AgreementMilestone> _milestones = [];
    public IReadOnlyCollection<AgreementMilestone> Milestones => _milestones;
    private readonly List<StoredDocument> _documents = [];
    public IReadOnlyCollection<StoredDocument> Documents => _documents;

    private Agreement() { }

    public Agreement(string title, Institution university, Institution hospital, DateOnly effectiveFrom, DateOnly effectiveTo)
    {
        if (university.Kind != InstitutionKind.University)
            throw new DomainException($"{university.Name} is not a university.");
        if (hospital.Kind != InstitutionKind.Hospital)
            throw new DomainException($"{hospital.Name} is not a hospital.");
        if (effectiveTo < effectiveFrom)
            throw new DomainException("An agreement cannot end before it takes effect.");
        Title = TitleOf(title);
        University = university;
        Hospital = hospital;
        EffectiveFrom = effectiveFrom;
        EffectiveTo = effectiveTo;
        Status = AgreementStatus.Draft;
    }

    public const int MaxTitleLength = 300;

    public bool IsInForce(DateOnly today) =>
        Status == AgreementStatus.Active && EffectiveFrom <= today && today <= EffectiveTo;

    /// <summary>Records the signature of a draft and makes it active.</summary>
    public void Sign(DateOnly signedOn, IEnumerable<AgreementSignatory> signatories)
    {
        Require(AgreementStatus.Active);
        SignedOn = signedOn;
        _signatories.AddRange(signatories);
        Activate();
    }

    /// <summary>A signed draft (its signing date and signatories given) comes into force.</summary>
    public void Activate()
    {
        Require(AgreementStatus.Active);
        if (SignedOn is null)
            throw new DomainException("Give the date the agreement was signed on before making it active.");
        if (_signatories.Count == 0)
            throw new DomainException("Add the signatories before making the agreement active.");
        Status = AgreementStatus.Active;
    }

    public void Expire(DateOnly today)
    {
        Require(AgreementStatus.Expired);
        if (today <= EffectiveTo)
            throw new DomainException("An agreement expires only after its end date; terminate it to end it early.");
        Status = AgreementStatus.Expired;
    }

    public void Terminate()
    {
        Require(AgreementStatus.Terminated);
        Status = AgreementStatus.Terminated;
    }

    /// <summary>Corrects the agreement's title and dates; an agreement that has ended is kept as it was.</summary>
    public void Edit(string title, DateOnly? signedOn, DateOnly effectiveFrom, DateOnly effectiveTo)
    {
        EnsureEditable();
        if (effectiveTo < effectiveFrom)
            throw new DomainException("An agreement cannot end before it takes effect.");
        if (signedOn is { } signed && signed > effectiveTo)
            throw new DomainException("An agreement cannot be signed after it ends.");
        if (signedOn is null && Status != AgreementStatus.Draft)
            throw new DomainException("A signed agreement keeps the date it was signed on.");
        Title = TitleOf(title);
        SignedOn = signedOn;
        EffectiveFrom = effectiveFrom;
        EffectiveTo = effectiveTo;
    }

    /// <summary>Replaces the signatories; each signs for the university or the hospital of this agreement.</summary>
    public void ReplaceSignatories(IReadOnlyList<AgreementSignatory> signatories)
    {
        EnsureEditable();
        if (signatories.Any(s => !ReferenceEquals(s.Institution, University) && !ReferenceEquals(s.Institution, Hospital)))
            throw new DomainException("A signatory signs for the university or the hospital of this agreement.");
        if (Status == AgreementStatus.Active && signatories.Count == 0)
            throw new DomainException("An active agreement keeps at least one signatory.");
        _signatories.Clear();
        _signatories.AddRange(signatories);
    }

    public void SetAreas(IEnumerable<CollaborationArea> areas)
    {
        EnsureEditable();
        var wanted = areas.DistinctBy(a => a.Name).ToList();
        _areas.RemoveAll(a => !wanted.Contains(a));
        _areas.AddRange(wanted.Where(a => !_areas.Contains(a)));
    }

    private void Require(AgreementStatus to)
    {
        if (!AgreementRules.CanMove(Status, to))
            throw new DomainException(AgreementRules.Refusal(Status, to));
    }

    private void EnsureEditable()
    {
        if (!AgreementRules.CanEdit(Status))
            throw new DomainException("A terminated agreement cannot be edited.");
    }

    private static string TitleOf(string? title)
    {
        if (string.IsNullOrWhiteSpace(title))
            throw new DomainException("Give the agreement a title.");
        if (title.Trim().Length > MaxTitleLength)
            throw new DomainException("The title can be at most 300 characters long.");
        return title.Trim();
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
        if (string.IsNullOrWhiteSpace(name) || string.IsNullOrWhiteSpace(title))
            throw new DomainException("Give each signatory a name and a title.");
        if (name.Trim().Length > 200 || title.Trim().Length > 200)
            throw new DomainException("A signatory's name and title can be at most 200 characters long.");
        Name = name.Trim();
        Title = title.Trim();
        Institution = institution;
        InstitutionId = institution.Id;
    }

    /// <summary>"Name, Title, Institution", as the audit trail shows a signatory.</summary>
    public override string ToString() => $"{Name}, {Title}, {Institution?.Name}";
}

/// <summary>Talent development, medical education, MedTech innovation, knowledge transfer, and any an administrator adds.</summary>
public class CollaborationArea
{
    public int Id { get; private set; }
    public string Name { get; private set; } = "";

    private CollaborationArea() { }

    public CollaborationArea(string name)
    {
        if (string.IsNullOrWhiteSpace(name))
            throw new DomainException("Give the new collaboration area a name.");
        if (name.Trim().Length > 100)
            throw new DomainException("A collaboration area's name can be at most 100 characters long.");
        Name = name.Trim();
    }
}
