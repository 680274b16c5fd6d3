namespace ExchangePortal.Core.Agreements;

/// <summary>
/// An agreement's moves, stated once for the entity and the views: Draft → Active (once signed), Draft or Active →
/// Terminated, Active → Expired (once its end date has passed); an ended agreement stays ended and nothing goes back to Draft.
/// </summary>
public static class AgreementRules
{
    private static readonly Dictionary<AgreementStatus, AgreementStatus[]> AllowedFrom = new()
    {
        [AgreementStatus.Active] = [AgreementStatus.Draft],
        [AgreementStatus.Expired] = [AgreementStatus.Active],
        [AgreementStatus.Terminated] = [AgreementStatus.Draft, AgreementStatus.Active],
    };

    /// <summary>Agreements not yet ended: their parties are still needed (an institution party to one stays active).</summary>
    public static readonly AgreementStatus[] Ongoing = [AgreementStatus.Draft, AgreementStatus.Active];

    public static bool CanMove(AgreementStatus from, AgreementStatus to) =>
        AllowedFrom.TryGetValue(to, out var allowed) && allowed.Contains(from);

    /// <summary>A terminated agreement is kept as it was.</summary>
    public static bool CanEdit(AgreementStatus status) => status != AgreementStatus.Terminated;

    public static string Refusal(AgreementStatus from, AgreementStatus to) => $"An agreement cannot go from {from} to {to}.";

    /// <summary>How many days before its end an agreement's renewal is prompted: reminders go out 180, 90 and 30 days before.</summary>
    public const int RenewalHorizonDays = 180;

    /// <summary>An active agreement is offered a renewal milestone from 180 days before its end (and after it, until it expires).</summary>
    public static bool RenewalDue(AgreementStatus status, DateOnly effectiveTo, DateOnly today) =>
        status == AgreementStatus.Active && effectiveTo.DayNumber - today.DayNumber <= RenewalHorizonDays;

    public static string RenewalTitle(string agreementTitle)
    {
        var title = $"Renewal of {agreementTitle}";
        return title.Length > Agreement.MaxTitleLength ? title[..Agreement.MaxTitleLength] : title;
    }

    /// <summary>The end-of-agreement reminder (180, 90 or 30 days) owed with this many days left; none once it has ended.</summary>
    public static int? ReminderWindow(int daysLeft) => daysLeft switch
    {
        < 0 => null,
        <= 30 => 30,
        <= 90 => 90,
        <= RenewalHorizonDays => RenewalHorizonDays,
        _ => null,
    };
}
