using System.Security.Cryptography;
using Jose;

namespace EfaGateway.Transports.FitConnect.Crypto;

/// <summary>
/// JWE as FIT-Connect requires it: compact serialization, RSA-OAEP-256 key wrapping, A256GCM content encryption,
/// the destination key's <c>kid</c>, a content type, and no compression (<c>zip</c> would leak length patterns and
/// is not part of the profile).
/// </summary>
public static class Jwe
{
    public static string Encrypt(ReadOnlySpan<byte> plaintext, RSA publicKey, string kid, string contentType) =>
        JWT.EncodeBytes(plaintext.ToArray(), publicKey, JweAlgorithm.RSA_OAEP_256, JweEncryption.A256GCM, compression: null,
            extraHeaders: new Dictionary<string, object>(StringComparer.Ordinal) { ["kid"] = kid, ["cty"] = contentType });

    /// <summary>The authentication tag: the fifth part of the compact serialization, as events quote it.</summary>
    public static string AuthenticationTag(string compact)
    {
        var dot = compact.LastIndexOf('.');
        return dot < 0 ? string.Empty : compact[(dot + 1)..];
    }

    /// <summary>Lowercase hex SHA-512 of the plaintext, as the metadata's hash entries carry it.</summary>
    public static string Sha512Hex(ReadOnlySpan<byte> plaintext) => Convert.ToHexStringLower(SHA512.HashData(plaintext));
}
