using System.Security.Cryptography;
using EfaGateway.Conformance.FitConnect.Fake;

namespace EfaGateway.Conformance.FitConnect.Subscriber;

/// <summary>
/// What a subscriber (Fachverfahren) needs to work a destination on any Submission API v1: where the API and its token
/// endpoint are, its client credentials, and the destination's private keys (decryption by kid, and signing).
/// </summary>
public sealed record SubscriberConnection(
    Uri ApiBaseUrl,
    Uri TokenUrl,
    ClientCredentials Client,
    string DestinationId,
    IReadOnlyDictionary<string, RSA> DecryptionKeys,
    RSA SigningKey,
    string SigningKeyId)
{
    /// <summary>The connection for a destination of the fake (all its encryption keys, also rotated ones).</summary>
    public static SubscriberConnection For(FakeZustelldienst fake, FakeDestination destination) => new(
        fake.BaseUrl,
        fake.TokenUrl,
        destination.SubscriberClient,
        destination.DestinationId,
        destination.EncryptionKeys.ToDictionary(pair => pair.Key, pair => pair.Value.Issued.PrivateKey, StringComparer.Ordinal),
        destination.SignatureKey.Issued.PrivateKey,
        destination.SignatureKey.Kid);
}
