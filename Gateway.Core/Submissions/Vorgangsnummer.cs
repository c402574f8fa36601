using System.Security.Cryptography;

namespace EfaGateway.Core.Submissions;

/// <summary>
/// Public reference numbers like <c>2026-7K3M-Q9TX</c>: the year, then eight random characters from Crockford's base32
/// (no I, L, O, U, so nothing is misread over the phone), the last one a check character over the others (odd weights, so every single-character typo is caught).
/// Random rather than sequential, so a number reveals nothing about the volume of a municipality's applications.
/// </summary>
public static class Vorgangsnummer
{
    private const string Alphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

    public static string Create(DateTimeOffset receivedAt)
    {
        Span<char> body = stackalloc char[7];
        for (var i = 0; i < body.Length; i++)
        {
            body[i] = Alphabet[RandomNumberGenerator.GetInt32(Alphabet.Length)];
        }

        var check = Alphabet[Checksum(body)];
        return $"{receivedAt.UtcDateTime.Year:D4}-{body[..4]}-{body[4..]}{check}";
    }

    public static bool IsWellFormed(string? value)
    {
        if (value is not { Length: 14 } || value[4] != '-' || value[9] != '-' || !value[..4].All(char.IsAsciiDigit))
        {
            return false;
        }

        var chars = string.Concat(value.AsSpan(5, 4), value.AsSpan(10, 4));
        if (!chars.All(c => Alphabet.Contains(c, StringComparison.Ordinal)))
        {
            return false;
        }

        return Alphabet[Checksum(chars.AsSpan(0, 7))] == chars[7];
    }

    private static int Checksum(ReadOnlySpan<char> body)
    {
        var sum = 0;
        for (var i = 0; i < body.Length; i++)
        {
            sum += ((2 * i) + 1) * Alphabet.IndexOf(body[i], StringComparison.Ordinal);
        }

        return sum % Alphabet.Length;
    }
}
