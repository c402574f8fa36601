using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace EfaGateway.Conformance.FitConnect.Jose;

/// <summary>Public RSA JWKs as FIT-Connect publishes them: kty, kid, alg, key_ops, n, e and the x5c chain.</summary>
public static class JsonWebKeys
{
    public const string EncryptionAlgorithm = "RSA-OAEP-256";
    public const string SignatureAlgorithm = "PS512";

    public static JsonObject PublicRsa(RSA key, string kid, string algorithm, IEnumerable<string> keyOperations,
        IEnumerable<X509Certificate2> chain)
    {
        var parameters = key.ExportParameters(includePrivateParameters: false);
        return new JsonObject
        {
            ["kty"] = "RSA",
            ["kid"] = kid,
            ["alg"] = algorithm,
            ["key_ops"] = new JsonArray([.. keyOperations.Select(op => JsonValue.Create(op))]),
            ["n"] = Base64UrlText.Encode(parameters.Modulus),
            ["e"] = Base64UrlText.Encode(parameters.Exponent),
            ["x5c"] = new JsonArray([.. chain.Select(c => JsonValue.Create(Convert.ToBase64String(c.RawData)))]),
        };
    }

    /// <summary>
    /// The RFC 7638 JWK thumbprint (base64url SHA-256 of the canonical {"e","kty","n"}): 43 characters, within
    /// FIT-Connect's 8–64 for a kid, and the same for the same key on every start of a standalone fake.
    /// </summary>
    public static string Thumbprint(RSA key)
    {
        var parameters = key.ExportParameters(includePrivateParameters: false);
        var canonical = $"{{\"e\":\"{Base64UrlText.Encode(parameters.Exponent)}\",\"kty\":\"RSA\",\"n\":\"{Base64UrlText.Encode(parameters.Modulus)}\"}}";
        return Base64UrlText.Encode(SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(canonical)));
    }

    /// <summary>The RSA public key of a JWK (n and e only; x5c is not consulted).</summary>
    public static RSA ToRsa(JsonElement jwk)
    {
        var rsa = RSA.Create();
        rsa.ImportParameters(new RSAParameters
        {
            Modulus = Base64UrlText.Decode(jwk.GetProperty("n").GetString()!),
            Exponent = Base64UrlText.Decode(jwk.GetProperty("e").GetString()!),
        });
        return rsa;
    }
}
