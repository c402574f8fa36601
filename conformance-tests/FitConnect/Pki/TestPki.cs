using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace EfaGateway.Conformance.FitConnect.Pki;

/// <summary>
/// A three-level test PKI generated at runtime: root CA → intermediate CA → leaf certificates, RSA-4096 throughout,
/// signed RSASSA-PSS/SHA-512, with basicConstraints, keyUsage, subject/authority key identifiers and CRL distribution
/// points that point at the fake itself (<c>{baseUrl}/pki/root.crl</c>, <c>{baseUrl}/pki/intermediate.crl</c>), so
/// an <see cref="X509Chain"/> with <see cref="X509RevocationMode.Online"/> really downloads the CRLs.
/// A second, untrusted "rogue" root and intermediate issue the certificates of the unknown-root negative case.
/// </summary>
/// <remarks>
/// The PKI keeps real time (<see cref="TimeProvider.System"/> unless told otherwise) because X509Chain checks validity
/// and CRLs against the real clock. CA names carry a random id: .NET caches CRLs by issuer name and URL, so two PKIs in
/// one process (or one machine) must never share a name.
/// </remarks>
public sealed class TestPki : IDisposable
{
    private static readonly TimeSpan LeafLifetime = TimeSpan.FromDays(2 * 365);
    private static readonly TimeSpan CaLifetime = TimeSpan.FromDays(10 * 365);

    private readonly ConcurrentDictionary<string, CertificateAuthority> authorities = new(StringComparer.Ordinal);
    private readonly TimeProvider time;
    private readonly Lazy<CertificateAuthority> rogueIntermediate;

    private TestPki(Uri baseUrl, string id, TestKeySource keys, TimeProvider time, CertificateAuthority root,
        CertificateAuthority intermediate)
    {
        BaseUrl = baseUrl;
        Id = id;
        Keys = keys;
        this.time = time;
        Root = root;
        Intermediate = intermediate;
        authorities[root.Name] = root;
        authorities[intermediate.Name] = intermediate;
        // Two more RSA-4096 keys, needed only by the unknown-root negative case: made on first use.
        rogueIntermediate = new Lazy<CertificateAuthority>(() =>
        {
            var now = time.GetUtcNow();
            var rogueRoot = CreateRoot("rogue-root", $"EfaGateway Untrusted Root CA {Id}", Keys.Get("rogue-root-ca"), now);
            var rogue = CreateIntermediate("rogue-intermediate", $"EfaGateway Untrusted Intermediate CA {Id}",
                Keys.Get("rogue-intermediate-ca"), rogueRoot, BaseUrl, now);
            authorities[rogueRoot.Name] = rogueRoot;
            authorities[rogue.Name] = rogue;
            return rogue;
        });
    }

    public Uri BaseUrl { get; }

    /// <summary>Random id in every CA name of this PKI.</summary>
    public string Id { get; }

    public TestKeySource Keys { get; }

    public CertificateAuthority Root { get; }

    public CertificateAuthority Intermediate { get; }

    /// <summary>Issues the certificates that chain to a root nobody trusts.</summary>
    public CertificateAuthority RogueIntermediate => rogueIntermediate.Value;

    /// <summary>The trust anchor senders must configure: the root certificate as PEM.</summary>
    public string TrustAnchorPem => Root.Certificate.ExportCertificatePem();

    /// <summary>How long a served CRL is valid (its nextUpdate); X509Chain caches it that long.</summary>
    public TimeSpan CrlValidity { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>
    /// Creates the PKI for a fake reachable at <paramref name="baseUrl"/>. With <paramref name="stateDirectory"/> the
    /// keys (PKCS#8 PEM) and the root certificate are loaded from there or written there, so the trust anchor stays the
    /// same across restarts; the intermediate carries the URL and is re-issued on every start.
    /// </summary>
    public static Task<TestPki> CreateAsync(Uri baseUrl, string? stateDirectory = null, TimeProvider? time = null,
        CancellationToken cancellationToken = default) =>
        Task.Run(() => Create(baseUrl, stateDirectory, time ?? TimeProvider.System), cancellationToken);

    private static TestPki Create(Uri baseUrl, string? stateDirectory, TimeProvider time)
    {
        var keys = new TestKeySource(stateDirectory);
        var now = time.GetUtcNow();
        var rootFile = stateDirectory is null ? null : Path.Combine(stateDirectory, "root.cert.pem");
        var root = rootFile is not null && File.Exists(rootFile)
            ? LoadRoot(rootFile, keys)
            : CreateRoot("root", $"EfaGateway Test Root CA {Guid.NewGuid().ToString("N")[..8]}", keys.Get("root-ca"), now);
        if (rootFile is not null)
        {
            File.WriteAllText(rootFile, root.Certificate.ExportCertificatePem());
        }

        var id = root.Certificate.GetNameInfo(X509NameType.SimpleName, forIssuer: false)[^8..];
        var intermediate = CreateIntermediate("intermediate", $"EfaGateway Test Intermediate CA {id}",
            keys.Get("intermediate-ca"), root, baseUrl, now);
        return new TestPki(baseUrl, id, keys, time, root, intermediate);
    }

    /// <summary>Issues a leaf for the key called <paramref name="keyName"/> (see <see cref="TestKeySource"/>).</summary>
    /// <param name="crlPartition">
    /// Appended as <c>?partition=…</c> to the CRL URL (the fake serves the same full CRL). .NET caches CRLs per issuer
    /// and URL until their nextUpdate, so a certificate revoked at birth gets its own URL: a CRL cached by an earlier
    /// chain check in the same process cannot then hide its revocation.
    /// </param>
    public IssuedKey IssueLeaf(string keyName, LeafUsage usage, int keyBits = 4096, CertificateAuthority? issuer = null,
        string? crlPartition = null)
    {
        var ca = issuer ?? Intermediate;
        var key = Keys.Get(keyName, keyBits);
        var certificate = IssueCertificate(key, keyName, usage, ca, crlPartition);
        return new IssuedKey(keyName, key, certificate, [certificate, .. ca.PathToRoot]);
    }

    /// <summary>A certificate for <paramref name="publicKey"/> (also a key other than the one served, for mismatch cases).</summary>
    public X509Certificate2 IssueCertificate(RSA publicKey, string commonName, LeafUsage usage, CertificateAuthority? issuer = null,
        string? crlPartition = null)
    {
        var ca = issuer ?? Intermediate;
        var now = time.GetUtcNow();
        var request = new CertificateRequest($"CN={commonName}, O=EfaGateway Conformance", publicKey,
            CertificateAuthority.Hash, CertificateAuthority.Padding);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, critical: true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(usage == LeafUsage.Encryption
            ? X509KeyUsageFlags.KeyEncipherment
            : X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.NonRepudiation, critical: true));
        AddIdentifiersAndCrl(request, ca, BaseUrl, crlPartition);
        return ca.Sign(request, now.AddHours(-1), now + LeafLifetime);
    }

    /// <summary>
    /// Puts <paramref name="certificate"/> on its issuer's CRL, served from the next download on. A process that
    /// already cached that CRL sees the revocation only after <see cref="CrlValidity"/>; see <see cref="IssueLeaf"/>.
    /// </summary>
    public void Revoke(X509Certificate2 certificate)
    {
        var issuer = authorities.Values.FirstOrDefault(ca => ca.Certificate.SubjectName.RawData.AsSpan()
                         .SequenceEqual(certificate.IssuerName.RawData))
                     ?? throw new ArgumentException("The certificate was not issued by this PKI.", nameof(certificate));
        issuer.Revoke(certificate, time.GetUtcNow().AddMinutes(-1));
    }

    /// <summary>The DER CRL of the CA called <paramref name="name"/> (root, intermediate, rogue-…), or null.</summary>
    public byte[]? CrlOf(string name) =>
        authorities.TryGetValue(name, out var ca) ? ca.BuildCrl(time.GetUtcNow(), CrlValidity) : null;

    /// <summary>An <see cref="X509Chain"/> policy that trusts only this PKI's root and checks CRLs online.</summary>
    public X509ChainPolicy TrustingPolicy(IEnumerable<X509Certificate2> extraCertificates)
    {
        var policy = new X509ChainPolicy
        {
            TrustMode = X509ChainTrustMode.CustomRootTrust,
            RevocationMode = X509RevocationMode.Online,
            RevocationFlag = X509RevocationFlag.EntireChain,
            UrlRetrievalTimeout = TimeSpan.FromSeconds(10),
        };
        policy.CustomTrustStore.Add(Root.Certificate);
        policy.ExtraStore.AddRange(extraCertificates.ToArray());
        return policy;
    }

    private static CertificateAuthority CreateRoot(string name, string commonName, RSA key, DateTimeOffset now)
    {
        var request = new CertificateRequest($"CN={commonName}, O=EfaGateway Conformance", key,
            CertificateAuthority.Hash, CertificateAuthority.Padding);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, true, 1, critical: true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(
            X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, critical: true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, critical: false));
        var certificate = request.CreateSelfSigned(now.AddHours(-1), now + CaLifetime);
        return new CertificateAuthority(name, certificate, key, issuer: null);
    }

    private static CertificateAuthority LoadRoot(string rootFile, TestKeySource keys)
    {
        var key = keys.Get("root-ca");
        using var certificate = X509Certificate2.CreateFromPem(File.ReadAllText(rootFile));
        return new CertificateAuthority("root", certificate.CopyWithPrivateKey(key), key, issuer: null);
    }

    private static CertificateAuthority CreateIntermediate(string name, string commonName, RSA key,
        CertificateAuthority issuer, Uri baseUrl, DateTimeOffset now)
    {
        var request = new CertificateRequest($"CN={commonName}, O=EfaGateway Conformance", key,
            CertificateAuthority.Hash, CertificateAuthority.Padding);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, true, 0, critical: true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(
            X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, critical: true));
        AddIdentifiersAndCrl(request, issuer, baseUrl);
        using var certificate = issuer.Sign(request, now.AddHours(-1), now + CaLifetime - TimeSpan.FromDays(1));
        return new CertificateAuthority(name, certificate.CopyWithPrivateKey(key), key, issuer);
    }

    private static void AddIdentifiersAndCrl(CertificateRequest request, CertificateAuthority issuer, Uri baseUrl,
        string? crlPartition = null)
    {
        var crlUrl = new Uri(baseUrl, $"pki/{issuer.Name}.crl").ToString()
                     + (crlPartition is null ? "" : $"?partition={Uri.EscapeDataString(crlPartition)}");
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, critical: false));
        request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(
            issuer.Certificate, includeKeyIdentifier: true, includeIssuerAndSerial: false));
        request.CertificateExtensions.Add(CertificateRevocationListBuilder.BuildCrlDistributionPointExtension(
            [crlUrl]));
    }

    public void Dispose()
    {
        foreach (var ca in authorities.Values)
        {
            ca.Dispose();
        }
    }
}
