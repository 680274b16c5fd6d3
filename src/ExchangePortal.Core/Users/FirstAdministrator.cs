namespace ExchangePortal.Core.Users;

/// <summary>
/// The first administrator of an empty portal (the `create-admin` command): an invitation without an inviter, so an
/// account without a password, with the Administrator role, and an emailed single-use link to choose the password (which
/// also confirms the address).
/// </summary>
public class FirstAdministrator(Invitations invitations)
{
    /// <summary>Creates the account and queues its email in one transaction; returns the link (the command prints it too).</summary>
    public Task<string> CreateAsync(string email, string? name, CancellationToken ct = default) =>
        invitations.CreateAsync(email, name, [Roles.Administrator], null, null, null, ct);
}
