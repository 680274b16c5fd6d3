namespace ExchangePortal.Web.Pages;

/// <summary>The model of _SelectionBox: a row's id, the version it was shown with, and what the checkbox is read out as.</summary>
public sealed record SelectionBox(int Id, uint Version, string Label);
