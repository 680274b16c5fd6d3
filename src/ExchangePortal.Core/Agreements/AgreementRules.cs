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
}
