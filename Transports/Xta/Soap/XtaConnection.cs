using System.IdentityModel.Selectors;
using System.IdentityModel.Tokens;
using System.Security.Cryptography.X509Certificates;
using System.ServiceModel;
using System.ServiceModel.Channels;
using System.ServiceModel.Description;
using System.ServiceModel.Security;
using System.Text;
using EfaGateway.Transports.Xta.Settings;

namespace EfaGateway.Transports.Xta.Soap;

/// <summary>
/// One route's way to its XTA server, shared by every call of every delivery and receipt check on that route: the
/// checked settings, the client certificate opened once (opening a PKCS#12 runs its key derivation each time), the
/// server's trust anchors read once, and one WCF channel factory. The factory keeps one HttpClient, whose pool keeps
/// the mutual-TLS connections open between calls: a call on a warm route costs no TCP or TLS handshake.
/// <see cref="XtaConnectionPool"/> owns it: it is disposed once it was replaced (or retired) and no call holds it.
/// </summary>
public sealed class XtaConnection : IDisposable
{
    /// <summary>Replies can carry a 40 MB container in base64 plus the envelope.</summary>
    private const long MaxReplyBytes = 64L * 1024 * 1024;

    private readonly Lock gate = new();
    private readonly Lazy<X509Certificate2?> certificate;
    private readonly Lazy<X509Certificate2Collection> anchors;
    private readonly Lazy<IChannelFactory<IRequestChannel>?> factory;
    private int leases;
    private bool retired;

    /// <summary>Set if building the factory threw: the Lazy keeps rethrowing, so the pool must open a new connection.</summary>
    private volatile bool broken;

    public XtaConnection(XtaRouteSettings settings, DateTimeOffset openedAt)
    {
        Settings = settings;
        OpenedAt = openedAt;
        certificate = new(settings.LoadClientCertificate);
        anchors = new(settings.LoadServerTrustAnchors);
        factory = new(CreateFactory);
    }

    public XtaRouteSettings Settings { get; }

    /// <summary>When the pool opened it; the pool replaces it after <see cref="XtaConnectionPool.MaxAge"/>.</summary>
    public DateTimeOffset OpenedAt { get; }

    /// <summary>True once its factory, connections and certificate are released.</summary>
    public bool IsDisposed { get; private set; }

    /// <summary>
    /// The channel factory, opened; null if the client certificate cannot be opened. Calls create one channel each
    /// (cheap): aborting a cancelled call's channel cancels only that call, not the factory's connections. Built from
    /// the binding itself rather than through <see cref="ChannelFactory{TChannel}"/>, whose channels are reflection
    /// proxies (a ServiceChannel around the same HTTP request channel) that cost CPU on every call and add nothing here.
    /// </summary>
    internal IChannelFactory<IRequestChannel>? Factory => factory.Value;

    /// <summary>False once the factory faulted or closed: the pool then opens a new connection instead.</summary>
    internal bool IsUsable => !broken && (!factory.IsValueCreated || factory.Value is null
        || factory.Value.State is CommunicationState.Created or CommunicationState.Opening or CommunicationState.Opened);

    /// <summary>Takes a lease for one client; false if the connection was retired meanwhile.</summary>
    internal bool TryLease()
    {
        lock (gate)
        {
            if (retired)
            {
                return false;
            }

            leases++;
            return true;
        }
    }

    internal void Release()
    {
        bool close;
        lock (gate)
        {
            leases--;
            close = retired && leases == 0;
        }

        if (close)
        {
            Close();
        }
    }

    /// <summary>No new lease; closed at once if no call holds it, else when the last one ends.</summary>
    internal void Retire()
    {
        bool close;
        lock (gate)
        {
            if (retired)
            {
                return;
            }

            retired = true;
            close = leases == 0;
        }

        if (close)
        {
            Close();
        }
    }

    public void Dispose() => Retire();

    private void Close()
    {
        IsDisposed = true;
        if (factory.IsValueCreated)
        {
            // Abort, not Close: no call is left, and Abort does not wait on a server that stopped answering.
            factory.Value?.Abort();
        }

        if (certificate.IsValueCreated)
        {
            certificate.Value?.Dispose();
        }

        if (anchors.IsValueCreated)
        {
            foreach (var anchor in anchors.Value)
            {
                anchor.Dispose();
            }
        }
    }

    private IChannelFactory<IRequestChannel>? CreateFactory()
    {
        if (certificate.Value is not { } clientCertificate)
        {
            return null;
        }

        // The HTTPS transport finds the client certificate and the server check in the ClientCredentials among the
        // binding parameters, as a ChannelFactory would hand them over.
        var credentials = new ClientCredentials();
        credentials.ClientCertificate.Certificate = clientCertificate;
        if (Settings.ServerTrustAnchors.Count > 0)
        {
            credentials.ServiceCertificate.SslCertificateAuthentication = new X509ServiceCertificateAuthentication
            {
                CertificateValidationMode = X509CertificateValidationMode.Custom,
                CustomCertificateValidator = new AnchoredValidator(anchors.Value),
            };
        }

        IChannelFactory<IRequestChannel>? created = null;
        try
        {
            created = Binding().BuildChannelFactory<IRequestChannel>(new BindingParameterCollection { credentials });
            created.Open(Settings.RequestTimeout);
            return created;
        }
        catch
        {
            broken = true;
            created?.Abort();
            throw;
        }
    }

    private CustomBinding Binding()
    {
        var encoding = new MtomMessageEncodingBindingElement(MessageVersion.Soap12WSAddressing10, Encoding.UTF8)
        {
            MaxBufferSize = int.MaxValue,
        };
        encoding.ReaderQuotas.MaxStringContentLength = int.MaxValue;
        encoding.ReaderQuotas.MaxArrayLength = int.MaxValue;
        var transport = new HttpsTransportBindingElement
        {
            // Buffered transfer needs both limits equal.
            MaxReceivedMessageSize = MaxReplyBytes,
            MaxBufferSize = (int)MaxReplyBytes,
            RequireClientCertificate = true,
        };
        if (Settings.Proxy is { } proxy)
        {
            transport.ProxyAddress = proxy;
            transport.UseDefaultWebProxy = false;
            transport.BypassProxyOnLocal = false;
        }

        return new CustomBinding(encoding, transport)
        {
            SendTimeout = Settings.RequestTimeout,
            ReceiveTimeout = Settings.RequestTimeout,
            OpenTimeout = Settings.RequestTimeout,
        };
    }

    /// <summary>
    /// The server certificate must chain to one of the route's roots. Checked at every TLS handshake, that is for every
    /// new connection; a pooled connection keeps the verdict of its handshake for at most the pool's
    /// <see cref="XtaConnectionPool.MaxAge"/>, as any TLS session does for its lifetime.
    /// </summary>
    private sealed class AnchoredValidator(X509Certificate2Collection anchors) : X509CertificateValidator
    {
        public override void Validate(X509Certificate2 certificate)
        {
            using var chain = new X509Chain();
            chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
            chain.ChainPolicy.CustomTrustStore.AddRange(anchors);
            chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
            if (!chain.Build(certificate))
            {
                throw new SecurityTokenValidationException("The XTA server's certificate does not chain to a configured root: "
                    + string.Join(", ", chain.ChainStatus.Select(s => s.Status)));
            }
        }
    }
}
