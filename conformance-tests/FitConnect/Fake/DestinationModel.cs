using System.Text.Json.Nodes;
using EfaGateway.Conformance.FitConnect.Pki;

namespace EfaGateway.Conformance.FitConnect.Fake;

/// <summary>OAuth2 client credentials of a sender or subscriber client.</summary>
public sealed record ClientCredentials(string ClientId, string ClientSecret);

/// <summary>A submission schema a destination accepts for a service (schemaUri and mimeType).</summary>
public sealed record SubmissionSchema(string SchemaUri, string MimeType);

/// <summary>A service (Verwaltungsleistung) a destination offers.</summary>
/// <param name="Identifier">e.g. <c>urn:de:fim:leika:leistung:99108008000000</c>.</param>
public sealed record DestinationService(string Identifier, IReadOnlyList<SubmissionSchema> SubmissionSchemas, IReadOnlyList<string> Regions)
{
    public static string LeikaIdentifier(string leikaKey) => $"urn:de:fim:leika:leistung:{leikaKey}";
}

public enum DestinationStatus
{
    Created,
    Active,
    Inactive,
    Archived,
}

/// <summary>What a new destination looks like; every part has a demo default.</summary>
public sealed record DestinationSetup
{
    public const string DemoLeikaKey = "99108008000000";
    public const string DemoSchemaUri = "https://schema.fitko.de/fim/s00000000000_1.0.schema.json";

    public static readonly DestinationService DemoService = new(
        DestinationService.LeikaIdentifier(DemoLeikaKey),
        [new SubmissionSchema(DemoSchemaUri, "application/json")],
        ["DE"]);

    /// <summary>A fixed id (for a standalone fake that keeps its destination); a random UUID otherwise.</summary>
    public string? DestinationId { get; init; }

    public DestinationStatus Status { get; init; } = DestinationStatus.Active;

    public IReadOnlyList<DestinationService> Services { get; init; } = [DemoService];

    public IReadOnlyList<string> MetadataVersions { get; init; } = ["1.0.0"];

    /// <summary>The replyChannels object of the destination (v1); none by default.</summary>
    public JsonObject? ReplyChannels { get; init; }
}

/// <summary>A destination key: its id, the key pair with certificate chain, and the JWK the fake publishes for it.</summary>
public sealed record DestinationKey(string Kid, IssuedKey Issued, JsonObject PublishedJwk);

/// <summary>Deliberately bad encryption keys a sender must refuse to encrypt for.</summary>
public enum BadEncryptionKey
{
    /// <summary>RSA-2048 instead of 4096.</summary>
    WeakRsa2048,

    /// <summary>alg RSA-OAEP (SHA-1) instead of RSA-OAEP-256.</summary>
    WrongAlgorithm,

    /// <summary>key_ops ["encrypt"] without wrapKey.</summary>
    NoWrapKeyOperation,

    /// <summary>x5c chains to a root that is not the trust anchor.</summary>
    UnknownRoot,

    /// <summary>The x5c leaf certifies a different public key than the JWK's n and e.</summary>
    CertificateKeyMismatch,

    /// <summary>The x5c leaf is on the intermediate CA's CRL.</summary>
    RevokedCertificate,
}
