using System.Net;
using System.Security.Cryptography.X509Certificates;
using EfaGateway.Conformance.Xta.Pki;
using EfaGateway.Conformance.Xta.Soap;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.AspNetCore.Server.Kestrel.Https;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace EfaGateway.Conformance.Xta.Server;

/// <summary>
/// A faithful fake XTA 2 Version 3 server on 127.0.0.1: HTTPS with mutual TLS (test PKI), SOAP 1.2, WS-Addressing 1.0
/// and MTOM, every request and answer validated against the official V3 schemas. The handle gives what a client under
/// test needs (the three port URLs, <see cref="TrustAnchor"/>, the <see cref="Author"/> account with its client
/// certificate) and the control surface: injected faults, delays and dropped connections, transport report statuses,
/// and the record of every request.
/// </summary>
public sealed class FakeXtaServer : IAsyncDisposable
{
    private const string ClientAuthenticationOid = "1.3.6.1.5.5.7.3.2";

    private readonly WebApplication app;
    private readonly XtaState state;

    private FakeXtaServer(WebApplication app, XtaState state, Uri baseUrl, XtaAccount author)
    {
        this.app = app;
        this.state = state;
        BaseUrl = baseUrl;
        Author = author;
    }

    public Uri BaseUrl { get; }

    /// <summary>The address of port <c>ManagementPort</c> (service <c>XTAService</c> in XTA.wsdl).</summary>
    public Uri ManagementPortUrl => UrlOf(XtaPort.ManagementPort);

    public Uri SendXtaPortUrl => UrlOf(XtaPort.SendXtaPort);

    /// <summary>Listed for completeness; the fake implements no MsgBoxPort operation (an Autor does not need them).</summary>
    public Uri MsgBoxPortUrl => UrlOf(XtaPort.MsgBoxPort);

    /// <summary>The root of the test PKI: the server certificate and every client certificate chain to it.</summary>
    public X509Certificate2 TrustAnchor => XtaTestPki.Instance.TrustAnchor;

    public string TrustAnchorPem => XtaTestPki.Instance.TrustAnchorPem;

    /// <summary>The account of <see cref="FakeXtaServerOptions.Author"/>: party identifier, client certificate (PKCS#12) and password.</summary>
    public XtaAccount Author { get; }

    public IReadOnlyList<XtaReader> Readers => state.Readers;

    /// <summary>Every request so far, oldest first.</summary>
    public IReadOnlyList<XtaRequestRecord> Requests => state.Records;

    /// <summary>Answers the fake refused to send because they broke the schemas (a bug in the fake; should stay empty).</summary>
    public IReadOnlyList<string> FakeErrors => state.FakeErrors;

    /// <summary>The MessageIDs of the messages sendMessage accepted, oldest first.</summary>
    public IReadOnlyList<string> AcceptedMessageIds => [.. state.Messages.Select(m => m.MessageId)];

    public Uri UrlOf(XtaPort port) => new(BaseUrl, $"services/XTAService/{port}");

    public static async Task<FakeXtaServer> StartAsync(FakeXtaServerOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= new FakeXtaServerOptions();
        var pki = await Task.Run(() => XtaTestPki.Instance, cancellationToken);
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions
        {
            ApplicationName = typeof(FakeXtaServer).Assembly.GetName().Name,
            ContentRootPath = AppContext.BaseDirectory,
        });
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.Limits.MaxRequestBodySize = SoapCodec.MaxMessageBytes;
            kestrel.Listen(IPAddress.Loopback, options.Port, listen =>
            {
                listen.Protocols = HttpProtocols.Http1;
                listen.UseHttps(new HttpsConnectionAdapterOptions
                {
                    ServerCertificate = pki.ServerCertificate,
                    ClientCertificateMode = ClientCertificateMode.RequireCertificate,
                    // Only this PKI's root: the system trust store has no say over who may talk to the fake.
                    ClientCertificateValidation = (certificate, _, _) => pki.Validates(certificate, ClientAuthenticationOid),
                });
            });
        });
        var app = builder.Build();
        var state = new XtaState(options);
        foreach (var port in Enum.GetValues<XtaPort>())
        {
            app.MapPost($"/services/XTAService/{port}", new SoapEndpoint(state, port).HandleAsync);
        }

        await app.StartAsync(cancellationToken);
        try
        {
            var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
            var baseUrl = new Uri(new Uri(address).GetLeftPart(UriPartial.Authority) + "/");
            var author = await Task.Run(() => state.AddAccount(options.Author), cancellationToken);
            var server = new FakeXtaServer(app, state, baseUrl, author);
            state.ServerIdentity = server.ManagementPortUrl.ToString();
            return server;
        }
        catch
        {
            await app.DisposeAsync();
            throw;
        }
    }

    /// <summary>One more account with its own client certificate (an RSA-3072 key: about a second).</summary>
    public XtaAccount AddAccount(XtaPartyIdentifier party) => state.AddAccount(party);

    /// <summary>The next valid call of <paramref name="operation"/> behaves as told; several queue up in order.</summary>
    public void Next(XtaOperation operation, InjectedBehaviour behaviour) => state.Inject(operation, behaviour);

    public void FailNext(XtaOperation operation, XtaFault fault) => Next(operation, new InjectedBehaviour.Fault(fault));

    public void DelayNext(XtaOperation operation, TimeSpan delay) => Next(operation, new InjectedBehaviour.Delay(delay));

    public void DropConnectionNext(XtaOperation operation) => Next(operation, new InjectedBehaviour.DropConnection());

    public void DropAnswerNext(XtaOperation operation) => Next(operation, new InjectedBehaviour.DropAnswer());

    public void HttpErrorNext(XtaOperation operation, int status = 503) => Next(operation, new InjectedBehaviour.HttpError(status));

    public void MalformedAnswerNext(XtaOperation operation) => Next(operation, new InjectedBehaviour.MalformedAnswer());

    /// <summary>Sets what getTransportReport answers for an accepted message from now on.</summary>
    public void SetTransportReport(string messageId, XtaTransportStatus status, IReadOnlyList<XtaReportRecord>? errors = null,
        IReadOnlyList<XtaReportRecord>? warnings = null, IReadOnlyList<XtaReportRecord>? infos = null)
    {
        lock (state.Gate)
        {
            var message = state.MessageOf(messageId) ?? throw new ArgumentException($"No accepted message {messageId}.", nameof(messageId));
            message.Status = status;
            message.Errors = errors ?? [];
            message.Warnings = warnings ?? [];
            message.Infos = infos ?? [];
            message.ReportTime = state.Time.GetUtcNow();
        }
    }

    /// <summary>The current status of an accepted message, null if none; cancelled messages count as cancelled.</summary>
    public (XtaTransportStatus Status, bool Cancelled)? MessageState(string messageId) =>
        state.MessageOf(messageId) is { } message ? (message.Status, message.Cancelled) : null;

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }
}
