namespace ExchangePortal.Core.Institutions;

public enum InstitutionKind
{
    University,
    Hospital,
}

/// <summary>A university or a hospital taking part in the programme. Its kind is chosen once; an inactive one is offered for nothing new.</summary>
public class Institution
{
    public const int MaxNameLength = 200;
    public const int MaxShortNameLength = 40;
    public const int MaxCityLength = 100;

    public int Id { get; private set; }
    public InstitutionKind Kind { get; private set; }
    public string Name { get; private set; } = "";
    public string ShortName { get; private set; } = "";
    public string City { get; private set; } = "";
    public bool IsActive { get; private set; }
    public uint Version { get; private set; }

    private Institution() { }

    public Institution(InstitutionKind kind, string name, string shortName, string city)
    {
        if (!Enum.IsDefined(kind))
            throw new DomainException("Choose whether the institution is a university or a hospital.");
        Kind = kind;
        Edit(name, shortName, city);
        IsActive = true;
    }

    public void Edit(string name, string shortName, string city)
    {
        Name = Required(name, MaxNameLength, "Give the institution's name.", "The name can be at most 200 characters long.");
        ShortName = Required(shortName, MaxShortNameLength, "Give the institution's short name.",
            "The short name can be at most 40 characters long.");
        City = Required(city, MaxCityLength, "Give the institution's city.", "The city can be at most 100 characters long.");
    }

    /// <summary>What still uses the institution for current work keeps it active: open cohorts and agreements not yet ended.</summary>
    public void Deactivate(int openCohorts, int ongoingAgreements)
    {
        if (!IsActive)
            throw new DomainException("This institution is already inactive.");
        var reasons = new List<string>();
        if (openCohorts > 0)
            reasons.Add("It takes part in a cohort that is not completed or cancelled; complete or cancel the cohort first.");
        if (ongoingAgreements > 0)
            reasons.Add("It is a party to an agreement that is a draft or active; terminate the agreement or let it expire first.");
        if (reasons.Count > 0)
            throw new DomainException(string.Join("\n", reasons));
        IsActive = false;
    }

    public void Reactivate()
    {
        if (IsActive)
            throw new DomainException("This institution is already active.");
        IsActive = true;
    }

    private static string Required(string? value, int maxLength, string missing, string tooLong)
    {
        if (string.IsNullOrWhiteSpace(value))
            throw new DomainException(missing);
        if (value.Trim().Length > maxLength)
            throw new DomainException(tooLong);
        return value.Trim();
    }
}
