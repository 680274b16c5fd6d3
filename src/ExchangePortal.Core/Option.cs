namespace ExchangePortal.Core;

/// <summary>One choice of a list a form offers: the record's key and the name a person reads.</summary>
public sealed record Option<TKey>(TKey Id, string Name);
