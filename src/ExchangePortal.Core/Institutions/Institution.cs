namespace ExchangePortal.Core.Institutions;

public enum InstitutionKind
{
    University,
    Hospital,
}

public class Institution
{
    public int Id { get; private set; }
    public InstitutionKind Kind { get; private set; }
    public string Name { get; private set; } = "";
    public string ShortName { get; private set; } = "";
    public string City { get; private set; } = "";

    private Institution() { }

    public Institution(InstitutionKind kind, string name, string shortName, string city)
    {
        Kind = kind;
        Name = name;
        ShortName = shortName;
        City = city;
    }
}
