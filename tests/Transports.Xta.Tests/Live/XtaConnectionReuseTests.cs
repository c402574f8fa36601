using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using System.Text.Json.Nodes;
using EfaGateway.Conformance.Xta.Server;
using EfaGateway.Core.Deliveries;
using EfaGateway.Core.Ports;
using EfaGateway.Core.Processes;
using EfaGateway.Transports.Xta.Soap;

namespace EfaGateway.Transports.Xta.Tests.Live;

/// <summary>
/// A route's calls over its pooled connection, against the fake XTA server through a CONNECT proxy: every tunnel the
/// proxy opens is one TCP connection with its own TLS handshake, so the tunnels count the handshakes.
/// </summary>
public sealed class XtaConnectionReuseTests : IAsyncLifetime
{
    private const string Route = "schoenwetter-am-berg/bauantrag";

    private readonly XtaConnectionPool pool = new(TimeProvider.System);
    private readonly ConnectProxy proxy = new();
    private FakeXtaServer server = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => server = await FakeXtaServer.StartAsync(new FakeXtaServerOptions(), Ct);

    public async ValueTask DisposeAsync()
    {
        pool.Dispose();
        await proxy.DisposeAsync();
        await server.DisposeAsync();
    }

    [Fact]
    public async Task Deliveries_and_receipt_checks_on_one_route_share_one_TLS_connection()
    {
        var settings = SettingsThroughProxy();
        var first = new XtaDelivery(server, pool);
        var second = new XtaDelivery(server, pool);

        var firstOutcome = await first.AttemptAsync(settings: settings);
        var secondOutcome = await second.AttemptAsync(settings: settings);
        var verdict = await new XtaReceipts(pool).CheckAsync(ReceiptRequest(first, settings), Ct);

        Assert.Equal(DeliveryOutcome.Succeeded(awaitsReceipt: true), firstOutcome);
        Assert.Equal(DeliveryOutcome.Succeeded(awaitsReceipt: true), secondOutcome);
        Assert.IsType<ReceiptVerdict.Confirmed>(verdict);
        // Two deliveries (createMessageId, sendMessage each) and one getTransportReport: five calls, one handshake.
        Assert.Equal(5, server.Requests.Count);
        Assert.Single(proxy.Tunnels);
        Assert.Equal(1, pool.Count);
    }

    [Fact]
    public async Task A_changed_client_certificate_gets_a_new_connection_and_the_replaced_one_is_disposed()
    {
        var original = SettingsThroughProxy();
        var renewed = SettingsThroughProxy();
        // The same certificate in a PKCS#12 with another password: for the gateway, a changed client certificate.
        using (var certificate = X509CertificateLoader.LoadPkcs12(server.Author.ClientCertificatePkcs12, server.Author.ClientCertificatePassword,
            X509KeyStorageFlags.Exportable | X509KeyStorageFlags.EphemeralKeySet))
        {
            renewed["clientCertificate"] = Convert.ToBase64String(certificate.Export(X509ContentType.Pkcs12, "neues-Passwort"));
            renewed["clientCertificatePassword"] = "neues-Passwort";
        }

        var before = Client(original);
        var firstCall = await before.CheckAccountActiveAsync(Ct);
        before.Dispose();
        var after = Client(renewed);
        var secondCall = await after.CheckAccountActiveAsync(Ct);
        after.Dispose();

        Assert.True(firstCall.Succeeded, firstCall.Failure?.Reason);
        Assert.True(secondCall.Succeeded, secondCall.Failure?.Reason);
        Assert.NotSame(before.Connection, after.Connection);
        Assert.True(before.Connection.IsDisposed);
        Assert.False(after.Connection.IsDisposed);
        Assert.Equal(2, proxy.Tunnels.Count);
        Assert.Equal(1, pool.Count);
    }

    private XtaClient Client(JsonObject settings)
    {
        var (client, problem) = pool.ClientFor(Route, JsonSerializer.SerializeToElement(settings));
        return client ?? throw new InvalidOperationException(problem);
    }

    private JsonObject SettingsThroughProxy()
    {
        var settings = new XtaDelivery(server).SettingsJson();
        settings["proxy"] = proxy.Address.ToString();
        return settings;
    }

    private static ReceiptRequest ReceiptRequest(XtaDelivery delivery, JsonObject settings)
    {
        var now = TimeProvider.System.GetUtcNow();
        var record = Delivery.Create(Guid.NewGuid(), Guid.NewGuid(), "schoenwetter-am-berg", "bauantrag", XtaTransport.TransportId, ["xbau-2.6"], null, now);
        record.Claim("test", now, TimeSpan.FromMinutes(5));
        record.RecordExternalIds(delivery.Recorded);
        var route = new RouteDefinition { TransportId = XtaTransport.TransportId, MapperIds = ["xbau-2.6"], Settings = JsonSerializer.SerializeToElement(settings) };
        return new ReceiptRequest(record, null!, route);
    }
}
