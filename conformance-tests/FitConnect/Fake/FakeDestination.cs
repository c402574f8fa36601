using System.Text.Json.Nodes;

namespace EfaGateway.Conformance.FitConnect.Fake;

/// <summary>
/// A destination (Zustellpunkt) of the fake: its public description, its encryption keys (the current one and all
/// earlier ones, so rotated keys still decrypt old submissions), its signature key and its subscriber client.
/// Mutable parts change only through the <see cref="FakeZustelldienst"/> handle.
/// </summary>
public sealed class FakeDestination
{
    private readonly Dictionary<string, DestinationKey> encryptionKeys = new(StringComparer.Ordinal);

    internal FakeDestination(string destinationId, int ordinal, DestinationSetup setup, DestinationKey encryptionKey,
        DestinationKey signatureKey, ClientCredentials subscriberClient)
    {
        DestinationId = destinationId;
        Ordinal = ordinal;
        Status = setup.Status;
        Services = setup.Services;
        MetadataVersions = setup.MetadataVersions;
        ReplyChannels = setup.ReplyChannels;
        SignatureKey = signatureKey;
        SubscriberClient = subscriberClient;
        AddEncryptionKey(encryptionKey);
    }

    public string DestinationId { get; }

    /// <summary>Position among the fake's destinations; names this destination's keys in the key source.</summary>
    internal int Ordinal { get; }

    public DestinationStatus Status { get; internal set; }

    public IReadOnlyList<DestinationService> Services { get; }

    public IReadOnlyList<string> MetadataVersions { get; }

    public JsonObject? ReplyChannels { get; }

    /// <summary>The kid senders must encrypt for.</summary>
    public string EncryptionKid { get; private set; } = "";

    public DestinationKey CurrentEncryptionKey => encryptionKeys[EncryptionKid];

    /// <summary>Every encryption key the destination ever had, by kid (the subscriber decrypts with them).</summary>
    public IReadOnlyDictionary<string, DestinationKey> EncryptionKeys => encryptionKeys;

    /// <summary>Signs the subscriber's accept/reject events (PS512, key_ops verify).</summary>
    public DestinationKey SignatureKey { get; }

    public ClientCredentials SubscriberClient { get; }

    /// <summary>Where the fake announces new submissions (new-submissions callback); none unless set on the handle.</summary>
    public SubmissionCallback? Callback { get; internal set; }

    internal void AddEncryptionKey(DestinationKey key)
    {
        encryptionKeys[key.Kid] = key;
        EncryptionKid = key.Kid;
    }

    internal DestinationKey? FindKey(string kid) =>
        encryptionKeys.TryGetValue(kid, out var key) ? key : SignatureKey.Kid == kid ? SignatureKey : null;

    internal JsonObject ToJson() => new()
    {
        ["destinationId"] = DestinationId,
        ["status"] = Status.ToString().ToLowerInvariant(),
        ["services"] = new JsonArray([.. Services.Select(service => (JsonNode)new JsonObject
        {
            ["identifier"] = service.Identifier,
            ["submissionSchemas"] = new JsonArray([.. service.SubmissionSchemas.Select(schema => (JsonNode)new JsonObject
            {
                ["schemaUri"] = schema.SchemaUri,
                ["mimeType"] = schema.MimeType,
            })]),
            ["regions"] = new JsonArray([.. service.Regions.Select(region => JsonValue.Create(region))]),
        })]),
        ["encryptionKid"] = EncryptionKid,
        ["metadataVersions"] = new JsonArray([.. MetadataVersions.Select(version => JsonValue.Create(version))]),
        ["replyChannels"] = ReplyChannels?.DeepClone() ?? new JsonObject(),
    };
}
