using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace EfaGateway.Transports.Xta.Settings;

/// <summary>A party of an XTA message: its identifier with the identifier's type (and role), as OSCI's PartyType has it.</summary>
public sealed record XtaParty(string? Identifier, string? Type, string? Category = null, string? Name = null);

/// <summary>A code from a code list (KeyCodeType): code, list URI and list version, optionally its name.</summary>
public sealed record XtaCode(string? Code, string? ListUri, string? ListVersionId, string? Name = null);

/// <summary>The message type of the payload: a code and the XML schema the payload follows.</summary>
public sealed record XtaMessageType(string? Code, string? ListUri, string? ListVersionId, string? PayloadSchema, string? Name = null);

/// <summary>
/// One XTA 2 Version 3 route, as given to <c>route set</c> (camelCase, exact names). The client certificate is a
/// PKCS#12 file (base64) with its password; both are secrets, stored encrypted and never shown.
/// </summary>
public sealed record XtaRouteSettings
{
    public Uri? ManagementUrl { get; init; }

    public Uri? SendUrl { get; init; }

    /// <summary>PKCS#12 (base64) holding the client certificate and its private key for mutual TLS.</summary>
    public string? ClientCertificate { get; init; }

    public string? ClientCertificatePassword { get; init; }

    /// <summary>Roots (PEM) the XTA server's certificate must chain to; empty: the system's trust store.</summary>
    public IReadOnlyList<string> ServerTrustAnchors { get; init; } = [];

    /// <summary>An HTTP proxy for the XTA server, if one is needed.</summary>
    public Uri? Proxy { get; init; }

    public XtaParty? Author { get; init; }

    /// <summary>The sending party if it differs from the author (optional).</summary>
    public XtaParty? Sender { get; init; }

    public XtaParty? Reader { get; init; }

    /// <summary>The Dienste-URI of the service (Qualifier/Service).</summary>
    public string? Service { get; init; }

    /// <summary>A business scenario from a code list (Qualifier/BusinessScenario/Defined) …</summary>
    public XtaCode? BusinessScenario { get; init; }

    /// <summary>… or, where none is defined, a text (Qualifier/BusinessScenario/Undefined).</summary>
    public string? UndefinedBusinessScenario { get; init; }

    public XtaMessageType? MessageType { get; init; }

    /// <summary>Marks the messages as test messages (MessageMetaData/@TestMsg).</summary>
    public bool TestMessages { get; init; }

    public int RequestTimeoutSeconds { get; init; } = 100;

    [JsonIgnore]
    public TimeSpan RequestTimeout => TimeSpan.FromSeconds(RequestTimeoutSeconds);

    public static readonly IReadOnlyCollection<string> SecretNames = ["clientCertificate", "clientCertificatePassword"];

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        PropertyNameCaseInsensitive = false,
    };

    public static (XtaRouteSettings? Settings, string? Error) Read(JsonElement? element)
    {
        if (element is not { ValueKind: JsonValueKind.Object } value)
        {
            return (null, "An XTA route needs settings (a JSON object).");
        }

        try
        {
            return (value.Deserialize<XtaRouteSettings>(Json), null);
        }
        catch (JsonException ex)
        {
            return (null, $"The XTA settings cannot be read: {ex.Message}");
        }
    }

    public IEnumerable<string> Problems()
    {
        foreach (var (name, url) in new[] { ("managementUrl", ManagementUrl), ("sendUrl", SendUrl) })
        {
            if (url is not { IsAbsoluteUri: true } || url.Scheme != Uri.UriSchemeHttps)
            {
                yield return $"{name} must be an absolute https URL.";
            }
        }

        if (Proxy is { } proxy && !proxy.IsAbsoluteUri)
        {
            yield return "proxy must be an absolute URL.";
        }

        if (string.IsNullOrEmpty(ClientCertificate))
        {
            yield return "clientCertificate is required (a PKCS#12 file, base64).";
        }
        else
        {
            // Opened to be checked only: disposed at once instead of leaving its key handle to the finalizer.
            using var certificate = LoadClientCertificate();
            if (certificate is null)
            {
                yield return "clientCertificate cannot be opened with clientCertificatePassword, or holds no private key.";
            }
        }

        for (var i = 0; i < ServerTrustAnchors.Count; i++)
        {
            if (!IsPem(ServerTrustAnchors[i]))
            {
                yield return $"serverTrustAnchors[{i}] is not a PEM certificate.";
            }
        }

        foreach (var problem in PartyProblems("author", Author, required: true)
            .Concat(PartyProblems("sender", Sender, required: false))
            .Concat(PartyProblems("reader", Reader, required: true)))
        {
            yield return problem;
        }

        if (!Uri.TryCreate(Service, UriKind.Absolute, out _))
        {
            yield return "service must be the Dienste-URI (an absolute URI).";
        }

        if ((BusinessScenario is null) == string.IsNullOrWhiteSpace(UndefinedBusinessScenario))
        {
            yield return "Give exactly one of businessScenario (code, listUri, listVersionId) and undefinedBusinessScenario.";
        }
        else if (BusinessScenario is { } scenario && (string.IsNullOrWhiteSpace(scenario.Code) || string.IsNullOrWhiteSpace(scenario.ListUri)
            || string.IsNullOrWhiteSpace(scenario.ListVersionId)))
        {
            yield return "businessScenario needs code, listUri and listVersionId.";
        }

        if (MessageType is not { } type || string.IsNullOrWhiteSpace(type.Code) || string.IsNullOrWhiteSpace(type.ListUri)
            || string.IsNullOrWhiteSpace(type.ListVersionId) || !Uri.TryCreate(type.PayloadSchema, UriKind.Absolute, out _))
        {
            yield return "messageType needs code, listUri, listVersionId and payloadSchema (the namespace URI of the XÖV message).";
        }

        if (RequestTimeoutSeconds is < 1 or > 600)
        {
            yield return "requestTimeoutSeconds must be between 1 and 600.";
        }
    }

    /// <summary>The client certificate with its private key, or null if it cannot be opened.</summary>
    public X509Certificate2? LoadClientCertificate()
    {
        try
        {
            var certificate = X509CertificateLoader.LoadPkcs12(Convert.FromBase64String(ClientCertificate ?? string.Empty), ClientCertificatePassword,
                X509KeyStorageFlags.EphemeralKeySet);
            if (certificate.HasPrivateKey)
            {
                return certificate;
            }

            certificate.Dispose();
            return null;
        }
        catch (Exception ex) when (ex is FormatException or CryptographicException)
        {
            return null;
        }
    }

    public X509Certificate2Collection LoadServerTrustAnchors()
    {
        var anchors = new X509Certificate2Collection();
        foreach (var pem in ServerTrustAnchors)
        {
            anchors.Add(X509Certificate2.CreateFromPem(pem));
        }

        return anchors;
    }

    private static IEnumerable<string> PartyProblems(string name, XtaParty? party, bool required)
    {
        if (party is null)
        {
            if (required)
            {
                yield return $"{name} is required (identifier and type).";
            }

            yield break;
        }

        if (string.IsNullOrWhiteSpace(party.Identifier) || string.IsNullOrWhiteSpace(party.Type))
        {
            yield return $"{name} needs an identifier and its type.";
        }
    }

    private static bool IsPem(string pem)
    {
        try
        {
            using var certificate = X509Certificate2.CreateFromPem(pem);
            return true;
        }
        catch (CryptographicException)
        {
            return false;
        }
    }
}
