using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using EfaGateway.Transports.Xta.Mailbox;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.AspNetCore.Server.Kestrel.Https;
using Microsoft.Extensions.Options;

namespace EfaGateway.Host.XtaMailbox;

/// <summary>
/// The gateway's XTA mailbox on its own Kestrel HTTPS endpoint (<c>Gateway:XtaMailbox:Url</c>) with mutual TLS: a
/// client certificate is required and must chain to one of the configured trust anchors (and be meant for TLS client
/// authentication). Only <c>/xta/MsgBoxPort</c> and <c>/xta/ManagementPort</c> are served there; none of the
/// gateway's pages or APIs. Off when the mailbox is not configured.
/// </summary>
public sealed partial class XtaMailboxServer(IServiceProvider services, IOptions<XtaMailboxOptions> options, ILogger<XtaMailboxServer> logger)
    : IHostedService, IAsyncDisposable
{
    private const string ClientAuthenticationOid = "1.3.6.1.5.5.7.3.2";
    private WebApplication? app;
    private X509Certificate2Collection? anchors;

    /// <summary>The address the mailbox listens on (with the port actually bound), null while it is off.</summary>
    public Uri? Address { get; private set; }

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        if (!settings.Enabled)
        {
            return;
        }

        var url = new Uri(settings.Url!);
        var certificate = settings.LoadServerCertificate();
        anchors = settings.LoadTrustAnchors();
        var trusted = anchors;
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ApplicationName = typeof(XtaMailboxServer).Assembly.GetName().Name });
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Limits.MaxRequestBodySize = MailboxSoap.MaxRequestBytes;
            void Https(Microsoft.AspNetCore.Server.Kestrel.Core.ListenOptions listen)
            {
                listen.Protocols = HttpProtocols.Http1AndHttp2;
                listen.UseHttps(new HttpsConnectionAdapterOptions
                {
                    ServerCertificate = certificate,
                    ClientCertificateMode = ClientCertificateMode.RequireCertificate,
                    // Only the configured anchors decide; the system trust store has no say over who may fetch.
                    ClientCertificateValidation = (client, _, _) => Validates(client, trusted),
                });
            }

            if (IPAddress.TryParse(url.Host, out var address))
            {
                kestrel.Listen(address, url.Port, Https);
            }
            else if (url.IsLoopback)
            {
                kestrel.ListenLocalhost(url.Port, Https);
            }
            else
            {
                kestrel.ListenAnyIP(url.Port, Https);
            }
        });
        app = builder.Build();
        app.MapPost("/xta/MsgBoxPort", context => HandleAsync(context, MailboxPort.MsgBoxPort));
        app.MapPost("/xta/ManagementPort", context => HandleAsync(context, MailboxPort.ManagementPort));
        await app.StartAsync(cancellationToken);
        var bound = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        Address = new Uri(bound.Replace("[::]", "127.0.0.1", StringComparison.Ordinal));
        LogStarted(logger, Address);
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (app is not null)
        {
            await app.StopAsync(cancellationToken);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (app is not null)
        {
            await app.DisposeAsync();
        }

        foreach (var anchor in anchors ?? [])
        {
            anchor.Dispose();
        }
    }

    private async Task HandleAsync(HttpContext context, MailboxPort port)
    {
        var client = context.Connection.ClientCertificate ?? await context.Connection.GetClientCertificateAsync(context.RequestAborted);
        if (client is null)
        {
            context.Response.StatusCode = StatusCodes.Status403Forbidden;
            return;
        }

        // Buffered: WCF's encoders read synchronously, which Kestrel does not allow on the request stream.
        using var body = new MemoryStream();
        await context.Request.Body.CopyToAsync(body, context.RequestAborted);
        body.Position = 0;
        await using var scope = services.CreateAsyncScope();
        var answer = await scope.ServiceProvider.GetRequiredService<MsgBoxService>()
            .HandleAsync(port, XtaMailboxRouteSettings.Thumbprint(client), body, context.Request.ContentType, context.RequestAborted);
        context.Response.StatusCode = answer.StatusCode;
        context.Response.ContentType = answer.ContentType;
        context.Response.ContentLength = answer.Body.Length;
        await context.Response.Body.WriteAsync(answer.Body, context.RequestAborted);
    }

    private static bool Validates(X509Certificate2 certificate, X509Certificate2Collection anchors)
    {
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.AddRange(anchors);
        // Private PKIs of Fachverfahren often publish no CRLs; the thumbprint in the route is the second check.
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        chain.ChainPolicy.ApplicationPolicy.Add(new Oid(ClientAuthenticationOid));
        return chain.Build(certificate);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "XTA mailbox listening on {Address} (mutual TLS)")]
    private static partial void LogStarted(ILogger logger, Uri address);
}
