using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace EfaGateway.Transports.FitConnect.Callbacks;

/// <summary>
/// FIT-Connect callback authentication: <c>callback-authentication</c> is the lowercase hex HMAC-SHA512, keyed with the
/// callback secret, of <c>callback-timestamp + "." + raw body</c>; the timestamp (unix seconds) must be at most five
/// minutes old. Compared in constant time over the raw bytes as received (never a re-serialised body).
/// </summary>
public static class CallbackSignature
{
    public static readonly TimeSpan MaxAge = TimeSpan.FromMinutes(5);

    public static string Compute(string secret, string timestamp, ReadOnlySpan<byte> body)
    {
        var prefix = Encoding.UTF8.GetBytes(timestamp + ".");
        var message = new byte[prefix.Length + body.Length];
        prefix.CopyTo(message, 0);
        body.CopyTo(message.AsSpan(prefix.Length));
        return Convert.ToHexStringLower(HMACSHA512.HashData(Encoding.UTF8.GetBytes(secret), message));
    }

    /// <summary>Null when the callback is authentic and fresh, else why not (for the log, never echoing values).</summary>
    public static string? Verify(string secret, string? timestamp, string? authentication, ReadOnlySpan<byte> body, DateTimeOffset now)
    {
        if (string.IsNullOrEmpty(timestamp) || string.IsNullOrEmpty(authentication))
        {
            return "the callback-timestamp or callback-authentication header is missing";
        }

        if (!long.TryParse(timestamp, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds))
        {
            return "the callback-timestamp is not a unix time";
        }

        var age = now - DateTimeOffset.FromUnixTimeSeconds(Math.Clamp(seconds, 0, 253_402_300_799));
        if (age > MaxAge || age < -MaxAge)
        {
            return "the callback-timestamp is more than five minutes away from now";
        }

        var expected = Encoding.ASCII.GetBytes(Compute(secret, timestamp, body));
        var given = Encoding.ASCII.GetBytes(authentication.ToLowerInvariant());
        return CryptographicOperations.FixedTimeEquals(expected, given) ? null : "the callback-authentication does not match";
    }
}
