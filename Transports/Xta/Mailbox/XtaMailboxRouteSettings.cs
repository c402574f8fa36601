using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using System.Text.Json.Serialization;
using EfaGateway.Transports.Xta.Settings;

namespace EfaGateway.Transports.Xta.Mailbox;

/// <summary>
/// One route to the gateway's own XTA mailbox, as given to <c>route set</c> (camelCase, exact names): the reader
/// (Leser) the messages are for, the SHA-256 thumbprints of the client certificates of the Fachverfahren allowed to
/// fetch them, and the Qualifier of the messages as for the Autor. No secrets: thumbprints are public.
/// </summary>
public sealed record XtaMailboxRouteSettings
{
    public XtaParty? Reader { get; init; }

    /// <summary>SHA-256 thumbprints (hex, colons and case ignored) of the TLS client certificates that may fetch.</summary>
    public IReadOnlyList<string> ClientCertificateThumbprints { get; init; } = [];

    public string? Service { get; init; }

    public XtaCode? BusinessScenario { get; init; }

    public string? UndefinedBusinessScenario { get; init; }

    public XtaMessageType? MessageType { get; init; }

    public bool TestMessages { get; init; }

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        PropertyNameCaseInsensitive = false,
    };

    public static (XtaMailboxRouteSettings? Settings, string? Error) Read(JsonElement? element)
    {
        if (element is not { ValueKind: JsonValueKind.Object } value)
        {
            return (null, "An xta-mailbox route needs settings (a JSON object).");
        }

        try
        {
            return (value.Deserialize<XtaMailboxRouteSettings>(Json), null);
        }
        catch (JsonException ex)
        {
            return (null, $"The xta-mailbox settings cannot be read: {ex.Message}");
        }
    }

    /// <summary>Usable settings, or null with every problem in one sentence.</summary>
    public static (XtaMailboxRouteSettings? Settings, string? Problem) ReadUsable(JsonElement? element)
    {
        var (settings, error) = Read(element);
        if (settings is null)
        {
            return (null, error);
        }

        var problems = settings.Problems().ToList();
        return problems.Count == 0 ? (settings, null) : (null, "The xta-mailbox route settings are not usable: " + string.Join(" ", problems));
    }

    public IEnumerable<string> Problems()
    {
        if (Reader is null || string.IsNullOrWhiteSpace(Reader.Identifier) || string.IsNullOrWhiteSpace(Reader.Type))
        {
            yield return "reader needs an identifier and its type.";
        }

        if (ClientCertificateThumbprints.Count == 0)
        {
            yield return "clientCertificateThumbprints needs at least one SHA-256 thumbprint of a Fachverfahren's client certificate.";
        }

        for (var i = 0; i < ClientCertificateThumbprints.Count; i++)
        {
            if (Normalize(ClientCertificateThumbprints[i]) is not { Length: 64 } hex || !hex.All(Uri.IsHexDigit))
            {
                yield return $"clientCertificateThumbprints[{i}] is not a SHA-256 thumbprint (64 hex digits).";
            }
        }

        // The Qualifier is checked exactly as for the Autor; only those problems are taken from its check.
        var qualifier = new XtaRouteSettings
        {
            Service = Service,
            BusinessScenario = BusinessScenario,
            UndefinedBusinessScenario = UndefinedBusinessScenario,
            MessageType = MessageType,
        };
        foreach (var problem in qualifier.Problems().Where(p => p.StartsWith("service", StringComparison.Ordinal)
            || p.Contains("usinessScenario", StringComparison.Ordinal) || p.StartsWith("messageType", StringComparison.Ordinal)))
        {
            yield return problem;
        }
    }

    /// <summary>Whether a client certificate with this SHA-256 thumbprint may fetch for this route.</summary>
    public bool Allows(string sha256Thumbprint) =>
        ClientCertificateThumbprints.Any(t => string.Equals(Normalize(t), Normalize(sha256Thumbprint), StringComparison.Ordinal));

    /// <summary>The settings the metadata writer shared with the Autor reads: the gateway is the author.</summary>
    public XtaRouteSettings ForMetadata(XtaParty gatewayParty) => new()
    {
        Author = gatewayParty,
        Reader = Reader,
        Service = Service,
        BusinessScenario = BusinessScenario,
        UndefinedBusinessScenario = UndefinedBusinessScenario,
        MessageType = MessageType,
        TestMessages = TestMessages,
    };

    public static string Thumbprint(X509Certificate2 certificate) => certificate.GetCertHashString(System.Security.Cryptography.HashAlgorithmName.SHA256);

    public static string Normalize(string thumbprint) => thumbprint.Replace(":", string.Empty, StringComparison.Ordinal)
        .Replace(" ", string.Empty, StringComparison.Ordinal).ToUpperInvariant();
}
