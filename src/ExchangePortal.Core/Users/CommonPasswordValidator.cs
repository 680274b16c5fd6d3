using System.IO.Compression;
using Microsoft.AspNetCore.Identity;

namespace ExchangePortal.Core.Users;

/// <summary>
/// Refuses a password that is one of the 10,000 most common ones (case-insensitively, also once the digits and symbols
/// at its ends are taken off, so <c>Password123456</c> counts as <c>password</c>) or that contains the local part of
/// the account's email address. The length rules stay Identity's own. The list comes from zxcvbn 4.4.2 (MIT); see
/// docs/security.md.
/// </summary>
public sealed class CommonPasswordValidator : IPasswordValidator<PortalUser>
{
    public const string Common = "This password is one of the most common passwords, which are the first ones an attacker tries. Please choose another: a few unrelated words make a good one.";
    public const string ContainsEmail = "The password must not contain your email address or its part before the @.";

    private static readonly Lazy<HashSet<string>> List = new(Load);

    /// <summary>How many passwords the list holds.</summary>
    public static int Count => List.Value.Count;

    public Task<IdentityResult> ValidateAsync(UserManager<PortalUser> manager, PortalUser user, string? password)
    {
        if (string.IsNullOrEmpty(password))
            return Task.FromResult(IdentityResult.Success);
        var errors = new List<IdentityError>();
        if (IsCommon(password))
            errors.Add(new IdentityError { Code = "PasswordCommon", Description = Common });
        if (ContainsLocalPart(password, user.Email ?? user.UserName))
            errors.Add(new IdentityError { Code = "PasswordContainsEmail", Description = ContainsEmail });
        return Task.FromResult(errors.Count == 0 ? IdentityResult.Success : IdentityResult.Failed([.. errors]));
    }

    public static bool IsCommon(string password)
    {
        var core = password.Trim(Decoration);
        return List.Value.Contains(password) || (core.Length > 0 && List.Value.Contains(core));
    }

    /// <summary>Whether the password contains the address's part before the @ (when it has 3 characters or more).</summary>
    public static bool ContainsLocalPart(string password, string? email)
    {
        var at = email?.IndexOf('@') ?? -1;
        var local = at > 0 ? email![..at] : email;
        return local is { Length: >= 3 } && password.Contains(local, StringComparison.OrdinalIgnoreCase);
    }

    // Digits and symbols people put before or after a common word: "Password123456", "!qwerty!".
    private static readonly char[] Decoration = "0123456789 !\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~".ToCharArray();

    private static HashSet<string> Load()
    {
        using var stream = typeof(CommonPasswordValidator).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"The resource {ResourceName} is missing.");
        using var reader = new StreamReader(new GZipStream(stream, CompressionMode.Decompress));
        var set = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        while (reader.ReadLine() is { } line)
            if (line.Length > 0)
                set.Add(line);
        return set;
    }

    private const string ResourceName = "ExchangePortal.Core.Users.common-passwords.txt.gz";
}
