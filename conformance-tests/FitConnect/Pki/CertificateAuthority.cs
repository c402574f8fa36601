using System.Numerics;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace EfaGateway.Conformance.FitConnect.Pki;

/// <summary>
/// One CA of the test PKI: its certificate (with private key), the certificates it revoked, and the CRL it signs on
/// demand. Everything is signed RSASSA-PSS with SHA-512 — .NET supports PSS both in
/// <see cref="X509SignatureGenerator.CreateForRSA"/> and in <see cref="CertificateRevocationListBuilder"/>, which is the
/// profile FIT-Connect asks for (crypto.md: SHA-512, RSA-4096, RSASSA-PSS).
/// </summary>
public sealed class CertificateAuthority : IDisposable
{
    internal static readonly RSASignaturePadding Padding = RSASignaturePadding.Pss;
    internal static readonly HashAlgorithmName Hash = HashAlgorithmName.SHA512;

    private readonly CertificateRevocationListBuilder revocations = new();
    private readonly Lock gate = new();
    private BigInteger crlNumber = BigInteger.One;

    internal CertificateAuthority(string name, X509Certificate2 certificate, RSA privateKey, CertificateAuthority? issuer)
    {
        Name = name;
        Certificate = certificate;
        PrivateKey = privateKey;
        Issuer = issuer;
    }

    /// <summary>Short name, also the CRL's file name: <c>{baseUrl}/pki/{Name}.crl</c>.</summary>
    public string Name { get; }

    public X509Certificate2 Certificate { get; }

    public CertificateAuthority? Issuer { get; }

    internal RSA PrivateKey { get; }

    /// <summary>This CA followed by its issuers up to the root.</summary>
    public IReadOnlyList<X509Certificate2> PathToRoot =>
        Issuer is null ? [Certificate] : [Certificate, .. Issuer.PathToRoot];

    public void Revoke(X509Certificate2 certificate, DateTimeOffset revokedAt)
    {
        lock (gate)
        {
            revocations.AddEntry(certificate, revokedAt, X509RevocationReason.KeyCompromise);
        }
    }

    /// <summary>
    /// A freshly signed CRL (DER). X509Chain on Linux caches a downloaded CRL in memory and on disk until its
    /// nextUpdate, so the validity is kept short; a revocation made after a chain has fetched this CRL becomes
    /// visible to that process only once the cached one expires.
    /// </summary>
    public byte[] BuildCrl(DateTimeOffset now, TimeSpan validity)
    {
        lock (gate)
        {
            var number = crlNumber;
            crlNumber += 1;
            // thisUpdate a little in the past: OpenSSL rejects a CRL "not yet valid" on the slightest clock drift.
            return revocations.Build(Certificate, number, now + validity, Hash, Padding, now.AddMinutes(-5));
        }
    }

    /// <summary>Signs <paramref name="request"/> with this CA's key; the result carries no private key.</summary>
    internal X509Certificate2 Sign(CertificateRequest request, DateTimeOffset notBefore, DateTimeOffset notAfter)
    {
        var generator = X509SignatureGenerator.CreateForRSA(PrivateKey, Padding);
        return request.Create(Certificate.SubjectName, generator, notBefore, notAfter, NewSerialNumber());
    }

    internal static byte[] NewSerialNumber()
    {
        var serial = RandomNumberGenerator.GetBytes(16);
        serial[0] &= 0x7F; // a positive INTEGER
        serial[0] |= 0x01; // and no leading zero byte
        return serial;
    }

    public void Dispose()
    {
        Certificate.Dispose();
        PrivateKey.Dispose();
    }
}
