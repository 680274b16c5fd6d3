namespace ExchangePortal.Core;

/// <summary>Times are stored in UTC; dates a person reads ("today", due dates) are the programme's time zone's.</summary>
public sealed class ProgrammeClock(TimeProvider time, string timeZoneId)
{
    public const string DefaultTimeZone = "Asia/Hong_Kong";

    public TimeZoneInfo TimeZone { get; } = TimeZoneInfo.FindSystemTimeZoneById(timeZoneId);

    public DateTimeOffset Now => time.GetUtcNow();

    public DateOnly Today => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(Now, TimeZone).DateTime);

    public DateTimeOffset ToLocal(DateTimeOffset instant) => TimeZoneInfo.ConvertTime(instant, TimeZone);

    /// <summary>The last moment of a calendar day in the programme's time zone, as a UTC instant (deadlines).</summary>
    public DateTimeOffset EndOfDay(DateOnly day)
    {
        var local = day.ToDateTime(new TimeOnly(23, 59, 59));
        return new DateTimeOffset(local, TimeZone.GetUtcOffset(local)).ToUniversalTime();
    }
}
