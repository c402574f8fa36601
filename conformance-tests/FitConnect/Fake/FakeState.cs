using System.Text.Json.Nodes;
using EfaGateway.Conformance.FitConnect.Jose;
using EfaGateway.Conformance.FitConnect.Pki;

namespace EfaGateway.Conformance.FitConnect.Fake;

/// <summary>
/// Everything the fake knows: clients and tokens, destinations with their keys, submissions with their event logs,
/// and the record of every request the tests may want to check. One lock guards it all; requests are few and short.
/// </summary>
internal sealed partial class FakeState
{
    private readonly Lock gate = new();
    private readonly List<FakeDestination> destinations = [];
    private readonly Dictionary<string, FakeSubmission> submissions = new(StringComparer.Ordinal);
    private readonly Dictionary<string, FakeSubmission> cases = new(StringComparer.Ordinal);
    private readonly List<AnnounceRecord> announces = [];
    private readonly List<UploadRecord> uploads = [];
    private readonly List<SubmitRecord> submits = [];
    private int keyCounter;

    public FakeState(FakeZustelldienstOptions options, CallbackDispatcher callbacks)
    {
        Options = options;
        Time = options.TimeProvider;
        Callbacks = callbacks;
        Tokens = new AccessTokens(Time, options.TokenLifetime);
    }

    /// <summary>False until <see cref="Initialize"/>: the PKI needs the port, which is known only once Kestrel listens.</summary>
    public bool IsReady { get; private set; }

    public void Initialize(TestPki pki, string issuer)
    {
        Pki = pki;
        Issuer = issuer;
        var signing = pki.IssueLeaf("zustelldienst-set-signature", LeafUsage.Signature);
        var kid = JsonWebKeys.Thumbprint(signing.PrivateKey);
        SigningKey = new DestinationKey(kid, signing,
            JsonWebKeys.PublicRsa(signing.PrivateKey, kid, JsonWebKeys.SignatureAlgorithm, ["verify"], signing.Chain));
        IsReady = true;
    }

    public FakeZustelldienstOptions Options { get; }

    public TimeProvider Time { get; }

    public TestPki Pki { get; private set; } = null!;

    /// <summary>The fake's base URL without trailing slash: the <c>iss</c> of its own SETs.</summary>
    public string Issuer { get; private set; } = "";

    public CallbackDispatcher Callbacks { get; }

    public AccessTokens Tokens { get; }

    /// <summary>The Zustelldienst's own SET signing key (published in /.well-known/jwks.json).</summary>
    public DestinationKey SigningKey { get; private set; } = null!;

    public IReadOnlyList<FakeDestination> Destinations
    {
        get
        {
            lock (gate)
            {
                return [.. destinations];
            }
        }
    }

    public FakeDestination AddDestination(DestinationSetup setup, ClientCredentials? subscriberCredentials = null)
    {
        var destinationId = setup.DestinationId ?? Guid.NewGuid().ToString();
        int ordinal;
        lock (gate)
        {
            ordinal = destinations.Count;
        }

        var encryption = NewEncryptionKey(ordinal, bad: null);
        var signature = NewKey($"destination-{ordinal}-signature", LeafUsage.Signature, bits: 4096, issuer: null,
            JsonWebKeys.SignatureAlgorithm, ["verify"]);
        var subscriber = Tokens.Register(ClientRole.Subscriber, [destinationId], subscriberCredentials);
        var destination = new FakeDestination(destinationId, ordinal, setup, encryption, signature, subscriber);
        lock (gate)
        {
            destinations.Add(destination);
        }

        return destination;
    }

    public FakeDestination? FindDestination(string destinationId)
    {
        lock (gate)
        {
            return destinations.FirstOrDefault(d => d.DestinationId == destinationId);
        }
    }

    public JsonObject? DestinationJson(string destinationId)
    {
        lock (gate)
        {
            return FindDestination(destinationId)?.ToJson();
        }
    }

    public JsonObject? KeyJson(string destinationId, string kid)
    {
        lock (gate)
        {
            return (JsonObject?)FindDestination(destinationId)?.FindKey(kid)?.PublishedJwk.DeepClone();
        }
    }

    public void SetStatus(FakeDestination destination, DestinationStatus status)
    {
        lock (gate)
        {
            destination.Status = status;
        }
    }

    /// <summary>A new current encryption key for <paramref name="destination"/>; earlier keys stay for decryption.</summary>
    public DestinationKey RotateEncryptionKey(FakeDestination destination, BadEncryptionKey? bad = null)
    {
        var key = NewEncryptionKey(destination.Ordinal, bad);
        lock (gate)
        {
            destination.AddEncryptionKey(key);
        }

        return key;
    }

    private DestinationKey NewEncryptionKey(int ordinal, BadEncryptionKey? bad)
    {
        var name = $"destination-{ordinal}-encryption-{Interlocked.Increment(ref keyCounter)}";
        string[] wrapKey = ["wrapKey"];
        return bad switch
        {
            null => NewKey(name, LeafUsage.Encryption, 4096, null, JsonWebKeys.EncryptionAlgorithm, wrapKey),
            BadEncryptionKey.WeakRsa2048 => NewKey(name, LeafUsage.Encryption, 2048, null, JsonWebKeys.EncryptionAlgorithm, wrapKey),
            BadEncryptionKey.WrongAlgorithm => NewKey(name, LeafUsage.Encryption, 4096, null, "RSA-OAEP", wrapKey),
            BadEncryptionKey.NoWrapKeyOperation => NewKey(name, LeafUsage.Encryption, 4096, null, JsonWebKeys.EncryptionAlgorithm, ["encrypt"]),
            BadEncryptionKey.UnknownRoot => NewKey(name, LeafUsage.Encryption, 4096, Pki.RogueIntermediate, JsonWebKeys.EncryptionAlgorithm, wrapKey),
            BadEncryptionKey.CertificateKeyMismatch => MismatchedKey(name),
            BadEncryptionKey.RevokedCertificate => RevokedKey(name),
            _ => throw new ArgumentOutOfRangeException(nameof(bad), bad, null),
        };
    }

    private DestinationKey NewKey(string name, LeafUsage usage, int bits, CertificateAuthority? issuer, string algorithm,
        string[] keyOperations)
    {
        var issued = Pki.IssueLeaf(name, usage, bits, issuer);
        var kid = JsonWebKeys.Thumbprint(issued.PrivateKey);
        return new DestinationKey(kid, issued,
            JsonWebKeys.PublicRsa(issued.PrivateKey, kid, algorithm, keyOperations, issued.Chain));
    }

    // The JWK publishes one key (the one the subscriber can decrypt with), the x5c leaf certifies another.
    private DestinationKey MismatchedKey(string name)
    {
        var certified = Pki.IssueLeaf(name + "-certified", LeafUsage.Encryption);
        var served = Pki.Keys.Get(name + "-served");
        var issued = certified with { Name = name + "-served", PrivateKey = served };
        var kid = JsonWebKeys.Thumbprint(served);
        return new DestinationKey(kid, issued,
            JsonWebKeys.PublicRsa(served, kid, JsonWebKeys.EncryptionAlgorithm, ["wrapKey"], certified.Chain));
    }

    private DestinationKey RevokedKey(string name)
    {
        var issued = Pki.IssueLeaf(name, LeafUsage.Encryption, crlPartition: name);
        Pki.Revoke(issued.Certificate);
        var kid = JsonWebKeys.Thumbprint(issued.PrivateKey);
        return new DestinationKey(kid, issued,
            JsonWebKeys.PublicRsa(issued.PrivateKey, kid, JsonWebKeys.EncryptionAlgorithm, ["wrapKey"], issued.Chain));
    }
}
