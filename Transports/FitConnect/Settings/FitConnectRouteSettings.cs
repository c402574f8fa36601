using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace EfaGateway.Transports.FitConnect.Settings;

/// <summary>
/// One FIT-Connect route of a tenant's process, as given to <c>route set</c> (camelCase JSON). The client secret and
/// the callback secret are secrets: stored encrypted, masked by <c>route show</c>, never logged.
/// </summary>
public sealed record FitConnectRouteSettings
{
    /// <summary><c>test</c> or <c>prod</c>. Only a test route may switch revocation checking off.</summary>
    public string Environment { get; init; } = "prod";

    /// <summary>The OAuth2 token endpoint of the FIT-Connect environment.</summary>
    public Uri? TokenUrl { get; init; }

    /// <summary>The Submission API base address, without <c>/v1</c>.</summary>
    public Uri? SubmissionApiUrl { get; init; }

    public string? ClientId { get; init; }

    public string? ClientSecret { get; init; }

    public Guid DestinationId { get; init; }

    /// <summary>Root certificates (PEM) the destination's key certificates must chain to (V-PKI root in production).</summary>
    public IReadOnlyList<string> TrustAnchors { get; init; } = [];

    /// <summary>Check CRLs/OCSP of the key certificates. May be false only when <see cref="Environment"/> is test.</summary>
    public bool CheckRevocation { get; init; } = true;

    /// <summary>The LeiKa key of the Leistung; defaults to the process's.</summary>
    public string? LeikaKey { get; init; }

    /// <summary>The Leistung's name as sent in serviceType; defaults to the process title.</summary>
    public string? ServiceName { get; init; }

    /// <summary>The schema of the data; defaults to the process's data schema address with <c>application/json</c>.</summary>
    public SubmissionSchemaSetting? SubmissionSchema { get; init; }

    /// <summary>Where the Zustelldienst may call us on new events (https); the delivery id is appended.</summary>
    public Uri? CallbackUrl { get; init; }

    public string? CallbackSecret { get; init; }

    /// <summary>
    /// How long one request to FIT-Connect may take (answer included) before it counts as a transient failure; an
    /// attachment upload gets it afresh with every chunk it sends (see ApiCall).
    /// </summary>
    public int RequestTimeoutSeconds { get; init; } = 100;

    [JsonIgnore]
    public TimeSpan RequestTimeout => TimeSpan.FromSeconds(RequestTimeoutSeconds);

    [JsonIgnore]
    public bool IsTest => string.Equals(Environment, "test", StringComparison.Ordinal);

    public static readonly IReadOnlyCollection<string> SecretNames = ["clientSecret", "callbackSecret"];

    /// <summary>Exact camelCase names only: a secret spelt differently must not slip past masking as an unknown key.</summary>
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        PropertyNameCaseInsensitive = false,
    };

    /// <summary>Reads the settings, or says why they cannot be read (unknown names, wrong types).</summary>
    public static (FitConnectRouteSettings? Settings, string? Error) Read(JsonElement? element)
    {
        if (element is not { ValueKind: JsonValueKind.Object } value)
        {
            return (null, "A FIT-Connect route needs settings (a JSON object).");
        }

        try
        {
            return (value.Deserialize<FitConnectRouteSettings>(Json), null);
        }
        catch (JsonException ex)
        {
            // The serializer's message names the property (path) and the expected type, never a secret's value.
            return (null, $"The FIT-Connect settings cannot be read: {ex.Message}");
        }
    }

    /// <summary>Every problem at once.</summary>
    public IEnumerable<string> Problems()
    {
        if (Environment is not ("test" or "prod"))
        {
            yield return "environment must be \"test\" or \"prod\".";
        }

        foreach (var (name, url) in new[] { ("tokenUrl", TokenUrl), ("submissionApiUrl", SubmissionApiUrl) })
        {
            if (url is null || !url.IsAbsoluteUri)
            {
                yield return $"{name} must be an absolute URL.";
            }
            else if (url.Scheme != Uri.UriSchemeHttps && !(IsTest && url.IsLoopback))
            {
                yield return $"{name} must use https (plain http only to a loopback address in a test route).";
            }
        }

        if (string.IsNullOrWhiteSpace(ClientId))
        {
            yield return "clientId is required.";
        }

        if (string.IsNullOrWhiteSpace(ClientSecret))
        {
            yield return "clientSecret is required.";
        }

        if (DestinationId == Guid.Empty)
        {
            yield return "destinationId is required (a UUID).";
        }

        if (TrustAnchors.Count == 0)
        {
            yield return "trustAnchors needs at least one root certificate (PEM).";
        }

        for (var i = 0; i < TrustAnchors.Count; i++)
        {
            if (!TryLoadCertificate(TrustAnchors[i]))
            {
                yield return $"trustAnchors[{i}] is not a PEM certificate.";
            }
        }

        if (!CheckRevocation && !IsTest)
        {
            yield return "checkRevocation can be switched off only in a test route (environment \"test\").";
        }

        if (LeikaKey is { } leika && !Leika.IsValid(leika))
        {
            yield return "leikaKey must be a LeiKa key of 14 digits.";
        }

        if (SubmissionSchema is { } schema && (schema.SchemaUri is not { IsAbsoluteUri: true } || string.IsNullOrWhiteSpace(schema.MimeType)))
        {
            yield return "submissionSchema needs an absolute schemaUri and a mimeType.";
        }

        if (CallbackUrl is { } callback && (!callback.IsAbsoluteUri || (callback.Scheme != Uri.UriSchemeHttps && !(IsTest && callback.IsLoopback))))
        {
            yield return "callbackUrl must be an absolute https URL (plain http only to a loopback address in a test route).";
        }

        if (RequestTimeoutSeconds is < 1 or > 600)
        {
            yield return "requestTimeoutSeconds must be between 1 and 600.";
        }

        if ((CallbackUrl is null) != string.IsNullOrEmpty(CallbackSecret))
        {
            yield return "callbackUrl and callbackSecret go together.";
        }
        else if (CallbackSecret is { Length: < 32 })
        {
            yield return "callbackSecret must have at least 32 characters.";
        }
    }

    /// <summary>
    /// What a cached key check or token depends on besides the addresses: the trust anchors, the revocation switch and
    /// the client secret (as a hash). Routes that differ in these never share a cache entry.
    /// </summary>
    [JsonIgnore]
    public string CacheScope => Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(
        string.Join("\n", [.. TrustAnchors, CheckRevocation ? "revocation" : "no-revocation", ClientSecret ?? string.Empty]))));

    /// <summary>The configured roots as certificates.</summary>
    public X509Certificate2Collection LoadTrustAnchors()
    {
        var anchors = new X509Certificate2Collection();
        foreach (var pem in TrustAnchors)
        {
            anchors.Add(X509Certificate2.CreateFromPem(pem));
        }

        return anchors;
    }

    private static bool TryLoadCertificate(string pem)
    {
        try
        {
            using var certificate = X509Certificate2.CreateFromPem(pem);
            return true;
        }
        catch (System.Security.Cryptography.CryptographicException)
        {
            return false;
        }
    }
}

/// <summary>The schema the data follows, as destinations list it in <c>submissionSchemas</c>.</summary>
public sealed record SubmissionSchemaSetting(Uri? SchemaUri, string? MimeType);
