using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace EfaGateway.Conformance.FitConnect.Pki;

/// <summary>What a leaf certificate's key pair needs on both ends: the private key, the certificate and its chain.</summary>
/// <param name="Name">The key's name in the <see cref="TestKeySource"/>.</param>
/// <param name="PrivateKey">The leaf's private key (RSA-4096 unless a deliberately weak one was asked for).</param>
/// <param name="Certificate">The leaf certificate, without private key.</param>
/// <param name="Chain">Leaf, intermediate(s), root — the order of a JWK's <c>x5c</c>.</param>
public sealed record IssuedKey(string Name, RSA PrivateKey, X509Certificate2 Certificate, IReadOnlyList<X509Certificate2> Chain);

/// <summary>The key usage profile of a leaf certificate.</summary>
public enum LeafUsage
{
    /// <summary>Encryption key of a destination: keyEncipherment.</summary>
    Encryption,

    /// <summary>Signature key (destination or Zustelldienst): digitalSignature and nonRepudiation.</summary>
    Signature,
}
