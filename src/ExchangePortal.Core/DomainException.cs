namespace ExchangePortal.Core;

/// <summary>A business rule refused the change; the message is meant for the user.</summary>
public sealed class DomainException(string message) : Exception(message);
