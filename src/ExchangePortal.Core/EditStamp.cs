using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace ExchangePortal.Core;

/// <summary>A fingerprint of the values an edit form was filled from, so a save can tell that someone else changed them meanwhile.</summary>
internal static class EditStamp
{
    public static string Of(params object?[] values) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(
            string.Join('\u001f', values.Select(v => Convert.ToString(v, CultureInfo.InvariantCulture))))))[..32];
}
