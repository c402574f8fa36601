using System.Text.Json.Serialization;

namespace EfaGateway.Transports.FitConnect.Api;

/// <summary><c>GET /v1/destinations/{id}</c>: what a destination accepts and with which key.</summary>
public sealed record Destination(
    [property: JsonPropertyName("destinationId")] Guid DestinationId,
    [property: JsonPropertyName("status")] string? Status,
    [property: JsonPropertyName("services")] IReadOnlyList<DestinationService>? Services,
    [property: JsonPropertyName("encryptionKid")] string? EncryptionKid,
    [property: JsonPropertyName("metadataVersions")] IReadOnlyList<string>? MetadataVersions);

public sealed record DestinationService(
    [property: JsonPropertyName("identifier")] string? Identifier,
    [property: JsonPropertyName("submissionSchemas")] IReadOnlyList<SubmissionSchema>? SubmissionSchemas);

public sealed record SubmissionSchema(
    [property: JsonPropertyName("schemaUri")] string SchemaUri,
    [property: JsonPropertyName("mimeType")] string MimeType);

/// <summary>A public JSON Web Key as FIT-Connect publishes destination and Zustelldienst keys.</summary>
public sealed record JsonWebKey(
    [property: JsonPropertyName("kty")] string? Kty,
    [property: JsonPropertyName("kid")] string? Kid,
    [property: JsonPropertyName("alg")] string? Alg,
    [property: JsonPropertyName("key_ops")] IReadOnlyList<string>? KeyOps,
    [property: JsonPropertyName("n")] string? N,
    [property: JsonPropertyName("e")] string? E,
    [property: JsonPropertyName("x5c")] IReadOnlyList<string>? X5c);

public sealed record JsonWebKeySet([property: JsonPropertyName("keys")] IReadOnlyList<JsonWebKey>? Keys);

/// <summary><c>POST /v1/submissions</c>.</summary>
public sealed record AnnounceRequest(
    [property: JsonPropertyName("destinationId")] Guid DestinationId,
    [property: JsonPropertyName("announcedAttachments")] IReadOnlyList<Guid> AnnouncedAttachments,
    [property: JsonPropertyName("serviceType")] ServiceType ServiceType,
    [property: JsonPropertyName("callback"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] CallbackRegistration? Callback);

public sealed record ServiceType(
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("identifier")] string Identifier);

public sealed record CallbackRegistration(
    [property: JsonPropertyName("url")] string Url,
    [property: JsonPropertyName("secret")] string Secret);

public sealed record AnnounceResponse(
    [property: JsonPropertyName("submissionId")] Guid SubmissionId,
    [property: JsonPropertyName("caseId")] Guid CaseId);

/// <summary><c>PUT /v1/submissions/{id}</c>.</summary>
public sealed record SubmitRequest(
    [property: JsonPropertyName("encryptedMetadata")] string EncryptedMetadata,
    [property: JsonPropertyName("encryptedData"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? EncryptedData);

/// <summary><c>GET /v1/cases/{caseId}/events</c>.</summary>
public sealed record EventLogResponse([property: JsonPropertyName("eventLog")] IReadOnlyList<string>? EventLog);
