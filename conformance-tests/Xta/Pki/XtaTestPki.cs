using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace EfaGateway.Conformance.Xta.Pki;

/// <summary>
/// The fake XTA server's test PKI, generated at runtime once per process and shared by every fake started in it:
/// a root CA, a TLS server certificate for 127.0.0.1 and localhost, and client certificates issued on demand
/// (one per account). RSA-3072, SHA-256, PKCS#1 v1.5 — what TLS stacks accept without configuration.
/// </summary>
public sealed class XtaTestPki
{
    private const int KeyBits = 3072;
    private static readonly Lazy<XtaTestPki> Shared = new(() => new XtaTestPki(TimeProvider.System));

    private readonly X509Certificate2 rootWithKey;
    private readonly TimeProvider time;

    private XtaTestPki(TimeProvider time)
    {
        this.time = time;
        var now = time.GetUtcNow();
        using var rootKey = RSA.Create(KeyBits);
        var request = new CertificateRequest($"CN=EfaGateway XTA Test Root CA {Guid.NewGuid().ToString("N")[..8]}, O=EfaGateway Conformance",
            rootKey, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, true, 0, critical: true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, critical: true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, critical: false));
        rootWithKey = request.CreateSelfSigned(now.AddHours(-1), now.AddYears(10));
        TrustAnchor = X509CertificateLoader.LoadCertificate(rootWithKey.RawData);

        var server = new SubjectAlternativeNameBuilder();
        server.AddIpAddress(IPAddress.Loopback);
        server.AddDnsName("localhost");
        ServerCertificate = Issue("CN=EfaGateway Fake XTA Server, O=EfaGateway Conformance", "1.3.6.1.5.5.7.3.1", server.Build());
    }

    /// <summary>The process-wide PKI (three RSA-3072 keys on first use, a second or two).</summary>
    public static XtaTestPki Instance => Shared.Value;

    /// <summary>The root certificate (no private key): the trust anchor of client and server.</summary>
    public X509Certificate2 TrustAnchor { get; }

    public string TrustAnchorPem => TrustAnchor.ExportCertificatePem();

    /// <summary>The TLS server certificate with its private key (SAN 127.0.0.1 and localhost).</summary>
    public X509Certificate2 ServerCertificate { get; }

    /// <summary>A new client certificate (TLS client authentication) with its private key, as PKCS#12 with a password.</summary>
    public (byte[] Pkcs12, string Password, X509Certificate2 Certificate) IssueClientCertificate(string commonName)
    {
        using var withKey = Issue($"CN={commonName}, O=EfaGateway Conformance", "1.3.6.1.5.5.7.3.2", extraExtension: null);
        var password = Convert.ToHexString(RandomNumberGenerator.GetBytes(12));
        var pkcs12 = withKey.Export(X509ContentType.Pkcs12, password);
        return (pkcs12, password, X509CertificateLoader.LoadCertificate(withKey.RawData));
    }

    /// <summary>
    /// Whether <paramref name="certificate"/> chains to this PKI's root alone (no system roots, no revocation: the
    /// test PKI publishes no CRLs) and is valid now for the purpose <paramref name="extendedKeyUsageOid"/>.
    /// </summary>
    public bool Validates(X509Certificate2 certificate, string extendedKeyUsageOid)
    {
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(TrustAnchor);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        chain.ChainPolicy.ApplicationPolicy.Add(new Oid(extendedKeyUsageOid));
        chain.ChainPolicy.VerificationTime = time.GetUtcNow().UtcDateTime;
        return chain.Build(certificate);
    }

    private X509Certificate2 Issue(string subject, string extendedKeyUsageOid, X509Extension? extraExtension)
    {
        var now = time.GetUtcNow();
        using var key = RSA.Create(KeyBits);
        var request = new CertificateRequest(subject, key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, critical: true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(
            X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.KeyEncipherment, critical: true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid(extendedKeyUsageOid)], critical: false));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, critical: false));
        request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(rootWithKey, true, false));
        if (extraExtension is not null)
        {
            request.CertificateExtensions.Add(extraExtension);
        }

        var serial = RandomNumberGenerator.GetBytes(16);
        serial[0] = (byte)((serial[0] & 0x7F) | 0x01);
        using var certificate = request.Create(rootWithKey, now.AddHours(-1), now.AddYears(2), serial);
        using var withKey = certificate.CopyWithPrivateKey(key);
        // A PKCS#12 round trip gives a key SslStream can use on every platform (ephemeral keys are refused on Windows).
        return X509CertificateLoader.LoadPkcs12(withKey.Export(X509ContentType.Pkcs12), null, X509KeyStorageFlags.Exportable);
    }
}
