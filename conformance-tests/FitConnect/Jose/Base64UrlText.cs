namespace EfaGateway.Conformance.FitConnect.Jose;

/// <summary>Base64url without padding (RFC 7515 section 2), as every JOSE segment and JWK number uses it.</summary>
internal static class Base64UrlText
{
    public static string Encode(ReadOnlySpan<byte> bytes) => System.Buffers.Text.Base64Url.EncodeToString(bytes);

    public static byte[] Decode(string text) => System.Buffers.Text.Base64Url.DecodeFromChars(text);

    /// <summary>Only the base64url alphabet, no padding, no whitespace, and a decodable length.</summary>
    public static bool IsValid(string text) =>
        text.Length > 0
        && text.All(c => char.IsAsciiLetterOrDigit(c) || c == '-' || c == '_')
        && System.Buffers.Text.Base64Url.IsValid(text);
}
