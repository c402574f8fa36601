using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace EfaGateway.Core.Drafts;

/// <summary>
/// The PIN of a saved draft: eight random digits, shown to the citizen once and kept only as a slow salted hash
/// (PBKDF2-HMAC-SHA256, 600 000 iterations as OWASP recommends, 16-byte salt), self-describing so the cost can rise later.
/// </summary>
public static class DraftPin
{
    public const int Iterations = 600_000;
    private const string Scheme = "pbkdf2-sha256";

    public static string Generate()
    {
        var number = RandomNumberGenerator.GetInt32(0, 100_000_000);
        return number.ToString("D8", CultureInfo.InvariantCulture);
    }

    /// <summary>"1234 5678" reads and copies more easily than eight digits in a row.</summary>
    public static string Format(string pin) => $"{pin[..4]} {pin[4..]}";

    public static string Hash(string pin, int iterations = Iterations)
    {
        var salt = RandomNumberGenerator.GetBytes(16);
        var hash = Rfc2898DeriveBytes.Pbkdf2(Encoding.UTF8.GetBytes(Normalize(pin)), salt, iterations, HashAlgorithmName.SHA256, 32);
        return $"{Scheme}${iterations.ToString(CultureInfo.InvariantCulture)}${Convert.ToBase64String(salt)}${Convert.ToBase64String(hash)}";
    }

    public static bool Verify(string pin, string stored)
    {
        var parts = stored.Split('$');
        if (parts.Length != 4 || parts[0] != Scheme || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var iterations))
        {
            return false;
        }

        var salt = Convert.FromBase64String(parts[2]);
        var expected = Convert.FromBase64String(parts[3]);
        var actual = Rfc2898DeriveBytes.Pbkdf2(Encoding.UTF8.GetBytes(Normalize(pin)), salt, iterations, HashAlgorithmName.SHA256, expected.Length);
        return CryptographicOperations.FixedTimeEquals(actual, expected);
    }

    /// <summary>Spaces and dashes as the citizen may type them are ignored; nothing else is changed.</summary>
    private static string Normalize(string pin) => new([.. pin.Where(c => c is not (' ' or '-'))]);
}
