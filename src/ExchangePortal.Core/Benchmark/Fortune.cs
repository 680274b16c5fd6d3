namespace ExchangePortal.Core.Benchmark;

/// <summary>A row of the TechEmpower Fortunes table: the yardstick page every portal page is measured against.</summary>
public class Fortune
{
    public int Id { get; private set; }
    public string Message { get; private set; } = "";

    public Fortune(int id, string message)
    {
        Id = id;
        Message = message;
    }
}
