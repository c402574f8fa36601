using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using EfaGateway.Conformance.Xta.Server;
using EfaGateway.Conformance.Xta.Soap;
using EfaGateway.Core.Blobs;
using EfaGateway.Core.Pipeline;
using EfaGateway.Core.Ports;
using EfaGateway.Host.Routes;
using EfaGateway.Host.Tests.Api;
using EfaGateway.Host.Tests.Support;
using EfaGateway.Transports.Xta;
using Microsoft.Extensions.DependencyInjection;

namespace EfaGateway.Host.Tests.Xta;

/// <summary>
/// The demo Bauantrag routed over XTA 2 Version 3 to the fake XTA server: the XBau message and its attachments in one
/// content container, the route set as an operator would, the transport report confirming the delivery.
/// </summary>
public sealed class XtaEndToEndTests : IAsyncLifetime
{
    private const string Process = "bauantrag-vereinfacht";
    private readonly GatewayFactory factory = new();
    private FakeXtaServer server = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => server = await FakeXtaServer.StartAsync(new FakeXtaServerOptions(), Ct);

    public async ValueTask DisposeAsync()
    {
        await server.DisposeAsync();
        factory.Dispose();
    }

    [Fact]
    public async Task A_bauantrag_goes_out_as_one_XTA_message_and_its_green_transport_report_confirms_the_delivery()
    {
        using var citizen = factory.CreateClient();
        var change = await SetRouteAsync();
        Assert.True(change.Routes is not null, string.Join(" ", change.Problems));
        var shown = RouteConfiguration.Write(change.Routes!);
        Assert.Contains("\"clientCertificate\": \"********\"", shown, StringComparison.Ordinal);
        Assert.DoesNotContain(server.Author.ClientCertificatePassword, shown, StringComparison.Ordinal);

        using var response = await citizen.PostAsJsonAsync($"/api/v1/tenants/{DemoApplication.Tenant}/processes/{Process}/submissions",
            XBauSubmissionTests.Request(), Ct);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var accepted = (await response.Content.ReadFromJsonAsync<SubmissionAccepted>(JsonSerializerOptions.Web, Ct))!;

        Assert.Equal(1, await factory.DeliverDueAsync());
        var messageId = Assert.Single(server.AcceptedMessageIds);
        var send = Assert.Single(server.Requests, r => r.Operation == XtaOperation.SendMessage);
        Assert.True(send.Valid, string.Join("; ", send.Problems));
        Assert.Empty(server.FakeErrors);

        await using (var scope = factory.Services.CreateAsyncScope())
        {
            // The mark that the server took the message is saved with the outcome; a retry would ask the server under
            // the MessageID before sending, so no copies of the mapped documents are kept for one.
            var delivered = Assert.Single(await scope.ServiceProvider.GetRequiredService<IDeliveryStore>().ListForSubmissionAsync(accepted.Id, Ct));
            Assert.Equal("Delivered", delivered.State.ToString());
            Assert.True(delivered.ExternalIds.ContainsKey(XtaIds.Sent));
            var keys = await scope.ServiceProvider.GetRequiredService<IBlobStore>().ListKeysAsync(BlobKeys.SubmissionPrefix(accepted.Id), Ct).ToListAsync(Ct);
            Assert.DoesNotContain(keys, key => key.Contains("/artifacts/", StringComparison.Ordinal));

            Assert.Equal(1, await scope.ServiceProvider.GetRequiredService<ReceiptPoller>().PollAsync(Ct));
        }

        await using var check = factory.Services.CreateAsyncScope();
        var delivery = Assert.Single(await check.ServiceProvider.GetRequiredService<IDeliveryStore>().ListForSubmissionAsync(accepted.Id, Ct));
        Assert.Equal("Confirmed", delivery.State.ToString());
        Assert.Equal(messageId, delivery.ExternalIds[XtaIds.MessageId]);
    }

    /// <summary>The XTA route of the demo Bauantrag to <paramref name="server"/> (at the given port addresses, e.g. behind a proxy).</summary>
    public static JsonObject RouteFile(FakeXtaServer server, Uri managementUrl, Uri sendUrl)
    {
        var reader = FakeXtaServerOptions.DemoReader;
        return new JsonObject
        {
            ["routes"] = new JsonArray(new JsonObject
            {
                ["transport"] = "xta",
                ["mappers"] = new JsonArray("xbau-2.6", "pdf"),
                ["fallback"] = "postkorb",
                ["settings"] = new JsonObject
                {
                    ["managementUrl"] = managementUrl.ToString(),
                    ["sendUrl"] = sendUrl.ToString(),
                    ["clientCertificate"] = Convert.ToBase64String(server.Author.ClientCertificatePkcs12),
                    ["clientCertificatePassword"] = server.Author.ClientCertificatePassword,
                    ["serverTrustAnchors"] = new JsonArray(server.TrustAnchorPem),
                    ["author"] = new JsonObject { ["identifier"] = server.Author.Party.Value, ["type"] = server.Author.Party.Type },
                    ["reader"] = new JsonObject { ["identifier"] = reader.Party.Value, ["type"] = reader.Party.Type },
                    ["service"] = reader.Services[0],
                    ["businessScenario"] = new JsonObject { ["code"] = "XBAU_DATA", ["listUri"] = "urn:de:dataport:codeliste:business.scenario", ["listVersionId"] = "1" },
                    ["messageType"] = new JsonObject { ["code"] = "0200", ["listUri"] = "urn:xoev-de:xbau:codeliste:xbau-nachrichten", ["listVersionId"] = "4.0", ["payloadSchema"] = "http://www.xleitstelle.de/xbau/2/6" },
                },
            }),
        };
    }

    private async Task<RouteChange> SetRouteAsync()
    {
        var routes = RouteFile(server, server.ManagementPortUrl, server.SendXtaPortUrl);
        await using var scope = factory.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<RouteConfiguration>().SetAsync(DemoApplication.Tenant, Process, routes.ToJsonString(), Ct);
    }
}
