using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text.Json.Nodes;
using EfaGateway.Conformance.FitConnect.Fake;
using EfaGateway.Conformance.FitConnect.Scenarios;
using EfaGateway.Conformance.FitConnect.Subscriber;
using EfaGateway.Conformance.Xta.Server;
using EfaGateway.Host.Tests.FitConnect;
using EfaGateway.Host.Tests.Xta;

namespace EfaGateway.Host.Tests.Crash;

/// <summary>
/// The fake Zustelldienst (with a destination for the FIT-Connect demo process and its reference subscriber, which
/// accepts what it receives) and the fake XTA server, each behind a <see cref="FaultInjectingTcpProxy"/>; the routes
/// the gateway gets point at the proxies. What the subscriber accepted is kept, by the gateway's Vorgangsnummer.
/// </summary>
public sealed class FlakyRemoteEnds : IAsyncDisposable
{
    private readonly ConcurrentDictionary<string, List<string>> acceptedByVorgangsnummer = new(StringComparer.Ordinal);
    private readonly HttpClient subscriberHttp = new() { Timeout = TimeSpan.FromSeconds(60) };
    private int rejected;

    private FlakyRemoteEnds(FakeZustelldienst zustelldienst, FakeDestination destination, FakeXtaServer xta,
        FaultInjectingTcpProxy fitConnectProxy, FaultInjectingTcpProxy xtaProxy)
    {
        Zustelldienst = zustelldienst;
        Destination = destination;
        Xta = xta;
        FitConnectProxy = fitConnectProxy;
        XtaProxy = xtaProxy;
        subscriberHttp.DefaultRequestHeaders.Add(FaultInjectingTcpProxy.ExemptHeader, "subscriber");
    }

    public FakeZustelldienst Zustelldienst { get; }

    public FakeDestination Destination { get; }

    public FakeXtaServer Xta { get; }

    public FaultInjectingTcpProxy FitConnectProxy { get; }

    public FaultInjectingTcpProxy XtaProxy { get; }

    /// <summary>FIT-Connect submissions the subscriber accepted, per Vorgangsnummer (additionalReferenceInfo.senderReference).</summary>
    public IReadOnlyDictionary<string, List<string>> AcceptedByVorgangsnummer => acceptedByVorgangsnummer;

    /// <summary>Submissions the subscriber rejected (its checks failed): each one is a finding.</summary>
    public int Rejected => Volatile.Read(ref rejected);

    public static async Task<FlakyRemoteEnds> StartAsync(double faultShare, int seed, CancellationToken cancellationToken)
    {
        // The Zustelldienst signs its events as its public address, which the gateway checks against the submission API
        // it talks to: the proxy. So the proxy comes first, towards the port the fake is then started on.
        var zustelldienstPort = FreePort();
        var fitConnectProxy = new FaultInjectingTcpProxy(new IPEndPoint(IPAddress.Loopback, zustelldienstPort), plainHttp: true, faultShare, seed);
        var zustelldienst = await FakeZustelldienst.StartAsync(new FakeZustelldienstOptions
        {
            CreateDemoDestination = false,
            Port = zustelldienstPort,
            PublicBaseUrl = fitConnectProxy.Rewrite(new Uri($"http://127.0.0.1:{zustelldienstPort.ToString(CultureInfo.InvariantCulture)}/")),
        }, cancellationToken);
        var destination = zustelldienst.AddDestination(new DestinationSetup
        {
            Services = [new DestinationService(DestinationService.LeikaIdentifier(CrashRoutes.FitConnectLeika),
                [new SubmissionSchema(CrashRoutes.FitConnectSchemaUri, "application/json")], ["DE"])],
            MetadataVersions = ["1.0.0", "2.0.0", "2.1.0"],
        });
        var xta = await FakeXtaServer.StartAsync(new FakeXtaServerOptions(), cancellationToken);
        var xtaProxy = new FaultInjectingTcpProxy(EndPoint(xta.BaseUrl), plainHttp: false, faultShare, seed + 1);
        return new FlakyRemoteEnds(zustelldienst, destination, xta, fitConnectProxy, xtaProxy);
    }

    /// <summary>The FIT-Connect route through the proxy, without callback (no host is sure to be alive for it): receipts are polled.</summary>
    public JsonObject FitConnectRoute()
    {
        var target = new SenderTarget(FitConnectProxy.Rewrite(Zustelldienst.TokenUrl), FitConnectProxy.Rewrite(Zustelldienst.BaseUrl),
            Zustelldienst.Sender, Destination.DestinationId, Zustelldienst.TrustAnchorPem, CrashRoutes.FitConnectLeika);
        var routes = GatewaySender.RouteFile(target, Zustelldienst.BaseUrl, attachments: 0);
        var settings = routes["routes"]![0]!["settings"]!.AsObject();
        settings.Remove("callbackUrl");
        settings.Remove("callbackSecret");
        // A loaded machine with three hosts answers slower than the scenario suite's two seconds.
        settings["requestTimeoutSeconds"] = 15;
        return routes;
    }

    /// <summary>The XTA route through the proxy, without the Postkorb fallback: a dead letter must stay visible as one.</summary>
    public JsonObject XtaRoute()
    {
        var routes = XtaEndToEndTests.RouteFile(Xta, XtaProxy.Rewrite(Xta.ManagementPortUrl), XtaProxy.Rewrite(Xta.SendXtaPortUrl));
        routes["routes"]![0]!.AsObject().Remove("fallback");
        return routes;
    }

    /// <summary>The subscriber's round: fetch, check and accept (or reject) every submission waiting at the destination.</summary>
    public async Task<int> ReceiveAsync(CancellationToken cancellationToken)
    {
        // Through the proxy (the events are signed by its address, which the subscriber checks), exempt from its faults.
        var connection = SubscriberConnection.For(Zustelldienst, Destination) with
        {
            ApiBaseUrl = FitConnectProxy.Rewrite(Zustelldienst.BaseUrl),
            TokenUrl = FitConnectProxy.Rewrite(Zustelldienst.TokenUrl),
        };
        using var subscriber = new ReferenceSubscriber(connection, http: subscriberHttp);
        var reports = await subscriber.ProcessPendingAsync(cancellationToken);
        foreach (var report in reports)
        {
            if (report.Verdict != SubscriberVerdict.Accepted)
            {
                Interlocked.Increment(ref rejected);
                continue;
            }

            var reference = report.Metadata?.GetProperty("additionalReferenceInfo").GetProperty("senderReference").GetString() ?? "(none)";
            var list = acceptedByVorgangsnummer.GetOrAdd(reference, _ => []);
            lock (list)
            {
                list.Add(report.SubmissionId);
            }
        }

        return reports.Count;
    }

    public async ValueTask DisposeAsync()
    {
        await FitConnectProxy.DisposeAsync();
        await XtaProxy.DisposeAsync();
        await Xta.DisposeAsync();
        await Zustelldienst.DisposeAsync();
        subscriberHttp.Dispose();
    }

    private static IPEndPoint EndPoint(Uri url) => new(IPAddress.Parse(url.Host), url.Port);

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
