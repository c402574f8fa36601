using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using EfaGateway.Transports.Xta.Settings;
using Microsoft.Extensions.Options;

namespace EfaGateway.Transports.Xta.Mailbox;

/// <summary>
/// The gateway's own XTA mailbox (<c>Gateway:XtaMailbox</c>): its HTTPS endpoint with mutual TLS, the roots the
/// Fachverfahren's client certificates must chain to, and the gateway's party (the Author of every message). Without
/// <see cref="Url"/> the mailbox is off and the endpoint is not opened.
/// </summary>
public sealed class XtaMailboxOptions
{
    public const string SectionName = "Gateway:XtaMailbox";

    /// <summary>Where the mailbox listens, e.g. <c>https://0.0.0.0:8443</c>; empty: the mailbox is off.</summary>
    public string? Url { get; set; }

    /// <summary>PKCS#12 file with the TLS server certificate and its key.</summary>
    public string? ServerCertificatePath { get; set; }

    public string? ServerCertificatePassword { get; set; }

    /// <summary>PEM files of the roots (or issuing CAs) the Fachverfahren's client certificates must chain to.</summary>
    public List<string> ClientCertificateTrustAnchors { get; set; } = [];

    /// <summary>The gateway's party: the Author in the MessageMetaData of every message.</summary>
    public XtaParty? GatewayParty { get; set; }

    /// <summary>How many entries a status list holds at most (a request may ask for fewer).</summary>
    public int MaxListItems { get; set; } = 100;

    public bool Enabled => !string.IsNullOrWhiteSpace(Url);

    public X509Certificate2 LoadServerCertificate() =>
        X509CertificateLoader.LoadPkcs12FromFile(ServerCertificatePath!, ServerCertificatePassword, X509KeyStorageFlags.EphemeralKeySet);

    public X509Certificate2Collection LoadTrustAnchors()
    {
        var anchors = new X509Certificate2Collection();
        foreach (var path in ClientCertificateTrustAnchors)
        {
            anchors.ImportFromPemFile(path);
        }

        return anchors;
    }

    public IEnumerable<string> Problems()
    {
        if (!Enabled)
        {
            yield break;
        }

        if (!Uri.TryCreate(Url, UriKind.Absolute, out var url) || url.Scheme != Uri.UriSchemeHttps || url.AbsolutePath != "/")
        {
            yield return $"{SectionName}:Url must be an absolute https URL without a path, e.g. https://0.0.0.0:8443.";
        }

        string? certificateProblem = null;
        try
        {
            using var certificate = string.IsNullOrWhiteSpace(ServerCertificatePath) ? null : LoadServerCertificate();
            certificateProblem = certificate is null ? $"{SectionName}:ServerCertificatePath is required (a PKCS#12 file)."
                : certificate.HasPrivateKey ? null : $"{SectionName}:ServerCertificatePath holds no private key.";
        }
        catch (Exception ex) when (ex is CryptographicException or IOException or UnauthorizedAccessException)
        {
            certificateProblem = $"{SectionName}:ServerCertificatePath cannot be opened with ServerCertificatePassword ({ex.GetType().Name}).";
        }

        if (certificateProblem is not null)
        {
            yield return certificateProblem;
        }

        if (ClientCertificateTrustAnchors.Count == 0)
        {
            yield return $"{SectionName}:ClientCertificateTrustAnchors needs at least one PEM file.";
        }

        for (var i = 0; i < ClientCertificateTrustAnchors.Count; i++)
        {
            if (!IsPemFile(ClientCertificateTrustAnchors[i]))
            {
                yield return $"{SectionName}:ClientCertificateTrustAnchors:{i} is not a readable PEM certificate file.";
            }
        }

        if (GatewayParty is null || string.IsNullOrWhiteSpace(GatewayParty.Identifier) || string.IsNullOrWhiteSpace(GatewayParty.Type))
        {
            yield return $"{SectionName}:GatewayParty needs Identifier and Type (the Author of the messages).";
        }

        if (MaxListItems is < 1 or > 10_000)
        {
            yield return $"{SectionName}:MaxListItems must be between 1 and 10000.";
        }
    }

    private static bool IsPemFile(string path)
    {
        try
        {
            var collection = new X509Certificate2Collection();
            collection.ImportFromPemFile(path);
            var any = collection.Count > 0;
            foreach (var certificate in collection)
            {
                certificate.Dispose();
            }

            return any;
        }
        catch (Exception ex) when (ex is CryptographicException or IOException or UnauthorizedAccessException or ArgumentException)
        {
            return false;
        }
    }
}

public sealed class XtaMailboxOptionsValidator : IValidateOptions<XtaMailboxOptions>
{
    public ValidateOptionsResult Validate(string? name, XtaMailboxOptions options)
    {
        var problems = options.Problems().ToList();
        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }
}
