using System.Text.Json;

namespace EfaGateway.Conformance.FitConnect.Jose;

/// <summary>
/// The parts of a JWE in compact serialization that a Zustelldienst may look at without any key: the protected header
/// and the AES-GCM authentication tag (the fifth segment), which the submit-submission and accept-submission events
/// carry so that sender and subscriber can tell they saw the same ciphertexts.
/// </summary>
public sealed record CompactJwe(string Text, JsonElement Header, string AuthenticationTag)
{
    public string? Algorithm => HeaderString("alg");

    public string? Encryption => HeaderString("enc");

    public string? KeyId => HeaderString("kid");

    public string? HeaderString(string name) =>
        Header.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    /// <summary>
    /// Parses the five segments; false unless each is base64url, the header is a JSON object, the initialisation vector
    /// has the 96 bits and the tag the 128 bits of A256GCM, and the ciphertext is not empty.
    /// </summary>
    public static bool TryParse(string? text, out CompactJwe jwe)
    {
        jwe = null!;
        if (string.IsNullOrEmpty(text))
        {
            return false;
        }

        var parts = text.Split('.');
        if (parts.Length != 5 || !parts.All(Base64UrlText.IsValid))
        {
            return false;
        }

        try
        {
            using var header = JsonDocument.Parse(Base64UrlText.Decode(parts[0]));
            if (header.RootElement.ValueKind != JsonValueKind.Object
                || Base64UrlText.Decode(parts[2]).Length != 12
                || Base64UrlText.Decode(parts[4]).Length != 16)
            {
                return false;
            }

            jwe = new CompactJwe(text, header.RootElement.Clone(), parts[4]);
            return true;
        }
        catch (Exception ex) when (ex is JsonException or FormatException)
        {
            return false;
        }
    }
}
