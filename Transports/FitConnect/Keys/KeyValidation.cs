using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using EfaGateway.Transports.FitConnect.Api;
using EfaGateway.Transports.FitConnect.Settings;
using System.Buffers.Text;

namespace EfaGateway.Transports.FitConnect.Keys;

/// <summary>What a key is for: encrypting to the destination, or verifying signatures of events.</summary>
public enum KeyPurpose
{
    Encryption,
    Signature,
}

/// <summary>A key that passed every check, or the precise reason it did not (transient only when revocation could not be checked).</summary>
public sealed record KeyCheck(RSA? Key, string? Problem, bool IsTransient = false)
{
    public static KeyCheck Refused(string problem) => new(null, problem);
}

/// <summary>
/// Checks a public key before it is used, as FIT-Connect requires of senders: RSA of at least 4096 bits, the one
/// algorithm and key operation allowed for its purpose, and an <c>x5c</c> chain that validates (with revocation) to a
/// configured trust anchor and whose leaf certificate holds exactly this key.
/// </summary>
public sealed class KeyValidation(TimeProvider time)
{
    public const int MinimumRsaBits = 4096;

    public KeyCheck Check(JsonWebKey jwk, string expectedKid, KeyPurpose purpose, FitConnectRouteSettings settings)
    {
        var (alg, operation, usage) = purpose == KeyPurpose.Encryption
            ? ("RSA-OAEP-256", "wrapKey", X509KeyUsageFlags.KeyEncipherment)
            : ("PS512", "verify", X509KeyUsageFlags.DigitalSignature);
        var what = purpose == KeyPurpose.Encryption ? "encryption key" : "signature key";
        if (jwk.Kty != "RSA")
        {
            return KeyCheck.Refused($"The destination's {what} '{expectedKid}' is not an RSA key (kty '{jwk.Kty}').");
        }

        if (jwk.Kid != expectedKid)
        {
            return KeyCheck.Refused($"The destination's {what} was asked for as '{expectedKid}' but names itself '{jwk.Kid}'.");
        }

        if (jwk.Alg != alg)
        {
            return KeyCheck.Refused($"The destination's {what} '{expectedKid}' has alg '{jwk.Alg}'; only {alg} is allowed.");
        }

        if (jwk.KeyOps is null || !jwk.KeyOps.Contains(operation, StringComparer.Ordinal))
        {
            return KeyCheck.Refused($"The destination's {what} '{expectedKid}' does not allow the key operation '{operation}'.");
        }

        byte[] modulus, exponent;
        try
        {
            modulus = Base64Url.DecodeFromChars(jwk.N ?? string.Empty);
            exponent = Base64Url.DecodeFromChars(jwk.E ?? string.Empty);
        }
        catch (FormatException)
        {
            return KeyCheck.Refused($"The destination's {what} '{expectedKid}' has a malformed modulus or exponent.");
        }

        var bits = ModulusBits(modulus);
        if (bits < MinimumRsaBits)
        {
            return KeyCheck.Refused($"The destination's {what} '{expectedKid}' has {bits} bits; at least {MinimumRsaBits} are required.");
        }

        if (jwk.X5c is not { Count: > 0 })
        {
            return KeyCheck.Refused($"The destination's {what} '{expectedKid}' has no certificate chain (x5c).");
        }

        var certificates = new List<X509Certificate2>();
        try
        {
            foreach (var entry in jwk.X5c)
            {
                certificates.Add(X509CertificateLoader.LoadCertificate(Convert.FromBase64String(entry)));
            }
        }
        catch (Exception ex) when (ex is FormatException or CryptographicException)
        {
            DisposeAll(certificates);
            return KeyCheck.Refused($"The certificate chain (x5c) of the destination's {what} '{expectedKid}' cannot be read.");
        }

        try
        {
            var leaf = certificates[0];
            using (var certificateKey = leaf.GetRSAPublicKey())
            {
                var parameters = certificateKey?.ExportParameters(false);
                if (parameters is null || !TrimmedEquals(parameters.Value.Modulus!, modulus) || !TrimmedEquals(parameters.Value.Exponent!, exponent))
                {
                    return KeyCheck.Refused($"The certificate of the destination's {what} '{expectedKid}' holds a different public key than the key itself.");
                }
            }

            if (leaf.Extensions.OfType<X509KeyUsageExtension>().FirstOrDefault() is { } keyUsage && (keyUsage.KeyUsages & usage) == 0)
            {
                return KeyCheck.Refused($"The certificate of the destination's {what} '{expectedKid}' does not allow {usage}.");
            }

            var chainProblem = ValidateChain(leaf, certificates.Skip(1), settings, out var transient);
            if (chainProblem is not null)
            {
                return new KeyCheck(null, $"The certificate chain of the destination's {what} '{expectedKid}' is not valid: {chainProblem}.", transient);
            }

            var rsa = RSA.Create();
            try
            {
                rsa.ImportParameters(new RSAParameters { Modulus = modulus, Exponent = exponent });
            }
            catch (CryptographicException)
            {
                rsa.Dispose();
                return KeyCheck.Refused($"The destination's {what} '{expectedKid}' is not a usable RSA key.");
            }

            return new KeyCheck(rsa, null);
        }
        finally
        {
            DisposeAll(certificates);
        }
    }

    private string? ValidateChain(X509Certificate2 leaf, IEnumerable<X509Certificate2> intermediates, FitConnectRouteSettings settings, out bool transient)
    {
        transient = false;
        using var anchors = new DisposableCollection(settings.LoadTrustAnchors());
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.AddRange(anchors.Certificates);
        chain.ChainPolicy.ExtraStore.AddRange(intermediates.ToArray());
        chain.ChainPolicy.RevocationMode = settings.CheckRevocation ? X509RevocationMode.Online : X509RevocationMode.NoCheck;
        chain.ChainPolicy.RevocationFlag = X509RevocationFlag.EntireChain;
        chain.ChainPolicy.UrlRetrievalTimeout = TimeSpan.FromSeconds(15);
        chain.ChainPolicy.VerificationTime = time.GetLocalNow().DateTime;
        chain.ChainPolicy.VerificationTimeIgnored = false;
        if (chain.Build(leaf))
        {
            return null;
        }

        var statuses = chain.ChainStatus.Select(s => s.Status).Aggregate(X509ChainStatusFlags.NoError, (all, s) => all | s);
        // Only "could not find out" is worth retrying; a revoked, expired or untrusted certificate stays so.
        const X509ChainStatusFlags unknown = X509ChainStatusFlags.RevocationStatusUnknown | X509ChainStatusFlags.OfflineRevocation;
        transient = (statuses & ~unknown) == X509ChainStatusFlags.NoError;
        return string.Join(", ", Enum.GetValues<X509ChainStatusFlags>().Where(f => f != X509ChainStatusFlags.NoError && statuses.HasFlag(f)));
    }

    private static int ModulusBits(byte[] modulus)
    {
        var start = 0;
        while (start < modulus.Length && modulus[start] == 0)
        {
            start++;
        }

        return start == modulus.Length ? 0 : ((modulus.Length - start - 1) * 8) + (8 - System.Numerics.BitOperations.LeadingZeroCount((uint)modulus[start]) + 24);
    }

    private static bool TrimmedEquals(byte[] a, byte[] b) => a.SkipWhile(x => x == 0).SequenceEqual(b.SkipWhile(x => x == 0));

    private static void DisposeAll(IEnumerable<X509Certificate2> certificates)
    {
        foreach (var certificate in certificates)
        {
            certificate.Dispose();
        }
    }

    private sealed class DisposableCollection(X509Certificate2Collection certificates) : IDisposable
    {
        public X509Certificate2Collection Certificates { get; } = certificates;

        public void Dispose() => DisposeAll(Certificates);
    }
}
