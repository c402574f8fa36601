using EfaGateway.Conformance.Xta.Server;
using EfaGateway.Conformance.Xta.Soap;
using EfaGateway.Core.Deliveries;
using EfaGateway.Core.Ports;
using EfaGateway.Transports.Xta.Soap;

namespace EfaGateway.Transports.Xta.Tests.Live;

/// <summary>The Autor client over real HTTPS with mutual TLS against the fake XTA 2 Version 3 server.</summary>
public sealed class XtaAgainstFakeServerTests : IAsyncLifetime
{
    private FakeXtaServer server = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => server = await FakeXtaServer.StartAsync(new FakeXtaServerOptions(), Ct);

    public async ValueTask DisposeAsync() => await server.DisposeAsync();

    [Fact]
    public async Task The_management_operations_answer_for_the_configured_account()
    {
        var delivery = new XtaDelivery(server);
        var client = new XtaClient(Settings(delivery));

        Assert.True((await client.CheckAccountActiveAsync(Ct)).Succeeded);
        var lookup = await client.LookupServiceAsync(Ct);
        Assert.True(lookup.Succeeded, lookup.Failure?.Reason);
        Assert.Contains(lookup.Body!.Descendants(), e => e.Name.LocalName == "ServiceIsAvailable" && e.Value == "true");
        var created = await client.CreateMessageIdAsync(Ct);
        Assert.Equal("MessageID", created.Body!.Name.LocalName);
        await delivery.AttemptAsync();
        // A message sent for delivery at once cannot be cancelled any more (no NotBefore lies ahead).
        var cancel = await client.CancelMessageAsync(delivery.Recorded[XtaIds.MessageId], Ct);
        Assert.Equal("CancelDeniedException", cancel.Failure?.FaultElement);
        Assert.False(cancel.Failure!.IsTransient);
    }

    [Fact]
    public async Task With_a_proxy_in_the_route_every_call_goes_through_its_tunnel()
    {
        await using var proxy = new ConnectProxy();
        var delivery = new XtaDelivery(server);
        var settings = delivery.SettingsJson();
        settings["proxy"] = proxy.Address.ToString();

        var outcome = await delivery.AttemptAsync(settings: settings);

        Assert.Equal(DeliveryOutcome.Succeeded(awaitsReceipt: true), outcome);
        Assert.Single(server.AcceptedMessageIds);
        var targets = proxy.Tunnels.ToList();
        Assert.Contains($"127.0.0.1:{server.ManagementPortUrl.Port}", targets);
        Assert.Contains($"127.0.0.1:{server.SendXtaPortUrl.Port}", targets);
        // createMessageId and sendMessage over one tunnel: the second call reuses the first one's TLS connection.
        Assert.Equal(2, server.Requests.Count);
        Assert.Single(targets);
    }

    [Fact]
    public async Task A_proxy_that_cannot_be_reached_is_a_transient_outcome()
    {
        var delivery = new XtaDelivery(server);
        var settings = delivery.SettingsJson();
        using var unused = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        unused.Start();
        var port = ((System.Net.IPEndPoint)unused.LocalEndpoint).Port;
        unused.Stop();
        settings["proxy"] = $"http://127.0.0.1:{port}/";

        var outcome = await delivery.AttemptAsync(settings: settings);

        Assert.IsType<DeliveryOutcome.Transient>(outcome);
        Assert.Empty(server.Requests);
    }

    [Fact]
    public async Task A_dropped_connection_and_a_slow_answer_are_transient()
    {
        var delivery = new XtaDelivery(server);
        server.DropConnectionNext(XtaOperation.CreateMessageId);
        var dropped = await delivery.AttemptAsync();
        server.DelayNext(XtaOperation.CreateMessageId, TimeSpan.FromSeconds(6));
        var slow = await delivery.AttemptAsync();
        var third = await delivery.AttemptAsync();

        Assert.IsType<DeliveryOutcome.Transient>(dropped);
        Assert.IsType<DeliveryOutcome.Transient>(slow);
        Assert.Equal(DeliveryOutcome.Succeeded(awaitsReceipt: true), third);
        Assert.Single(server.AcceptedMessageIds);
    }

    [Fact]
    public async Task A_server_certificate_from_another_root_is_refused()
    {
        var delivery = new XtaDelivery(server);
        var settings = delivery.SettingsJson();
        using var key = System.Security.Cryptography.RSA.Create(2048);
        using var other = new System.Security.Cryptography.X509Certificates.CertificateRequest("CN=Fremde Wurzel", key,
            System.Security.Cryptography.HashAlgorithmName.SHA256, System.Security.Cryptography.RSASignaturePadding.Pkcs1)
            .CreateSelfSigned(TimeProvider.System.GetUtcNow().AddDays(-1), TimeProvider.System.GetUtcNow().AddDays(1));
        settings["serverTrustAnchors"] = new System.Text.Json.Nodes.JsonArray(other.ExportCertificatePem());

        var outcome = await delivery.AttemptAsync(settings: settings);

        Assert.IsType<DeliveryOutcome.Transient>(outcome);
        Assert.Empty(server.AcceptedMessageIds);
    }

    private static Settings.XtaRouteSettings Settings(XtaDelivery delivery) =>
        Transports.Xta.Settings.XtaRouteSettings.Read(System.Text.Json.JsonSerializer.SerializeToElement(delivery.SettingsJson())).Settings!;

    private static async Task<ReceiptVerdict> ReceiptAsync(XtaDelivery delivery)
    {
        var settings = Settings(delivery);
        var report = await new XtaClient(settings).GetTransportReportAsync(delivery.Recorded[XtaIds.MessageId], Ct);
        Assert.True(report.Succeeded, report.Failure?.Reason);
        return XtaReceipts.Judge(report.Body);
    }
}
