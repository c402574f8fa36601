using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using EfaGateway.Conformance.Xta.Pki;
using EfaGateway.Core.Pipeline;
using EfaGateway.Core.Ports;
using EfaGateway.Host.Routes;
using EfaGateway.Host.Tests.Api;
using EfaGateway.Host.Tests.Support;
using EfaGateway.TestSupport;
using EfaGateway.Transports.Xta;
using Microsoft.Extensions.DependencyInjection;

namespace EfaGateway.Host.Tests.Xta;

/// <summary>
/// The gateway's XTA client against an XTA server it shares no code with: npm soap serving the official XTA.wsdl over
/// mutual TLS (Xta/NodeSoap/xta-server.mjs). The demo Bauantrag goes out as createMessageId then an MTOM sendMessage,
/// and the independent stack reads the same message id, parties and content the gateway meant to send.
/// </summary>
public sealed class NodeSoapServerTests : IAsyncLifetime
{
    private const string Process = "bauantrag-vereinfacht";
    private readonly GatewayFactory factory = new();
    private readonly XtaTestPki pki = XtaTestPki.Instance;
    private NodeScript server = null!;
    private Uri baseUrl = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        var (certPem, keyPem) = NodeSoap.Pem(pki.ServerCertificate);
        server = await NodeScript.StartAsync("xta-server.mjs", new JsonObject
        {
            ["specsDir"] = Fixtures.Specs,
            ["certPem"] = certPem,
            ["keyPem"] = keyPem,
            ["caPem"] = pki.TrustAnchorPem,
        });
        var listening = await server.NextAsync(TimeSpan.FromSeconds(60));
        baseUrl = new Uri($"https://127.0.0.1:{listening["listening"]!.GetValue<int>()}/services/XTAService/");
    }

    public async ValueTask DisposeAsync()
    {
        await server.DisposeAsync();
        factory.Dispose();
    }

    [Fact]
    public async Task An_XTA_server_that_npm_soap_builds_from_the_official_WSDL_receives_the_gateways_sendMessage()
    {
        using var citizen = factory.CreateClient();
        var change = await SetRouteAsync();
        Assert.True(change.Routes is not null, string.Join(" ", change.Problems));
        using var response = await citizen.PostAsJsonAsync($"/api/v1/tenants/{DemoApplication.Tenant}/processes/{Process}/submissions",
            XBauSubmissionTests.Request(), Ct);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var accepted = (await response.Content.ReadFromJsonAsync<SubmissionAccepted>(JsonSerializerOptions.Web, Ct))!;

        Assert.Equal(1, await factory.DeliverDueAsync());
        await using var check = factory.Services.CreateAsyncScope();
        var delivery = Assert.Single(await check.ServiceProvider.GetRequiredService<IDeliveryStore>().ListForSubmissionAsync(accepted.Id, Ct));
        Assert.True(delivery.State.ToString() == "Delivered", $"{delivery.State}: {delivery.LastError} {server.Errors}");

        var created = await server.NextAsync(TimeSpan.FromSeconds(30));
        Assert.Equal("createMessageId", created["operation"]?.GetValue<string>());
        Assert.Equal("efagateway:autor", created["author"]!["identifier"]!.GetValue<string>());
        var sent = await server.NextAsync(TimeSpan.FromSeconds(30));
        Assert.Equal("sendMessage", sent["operation"]?.GetValue<string>());
        Assert.Equal(created["messageId"]!.GetValue<string>(), sent["messageId"]!.GetValue<string>());
        Assert.Equal("EfaGateway Autor", sent["clientCertificate"]!.GetValue<string>());
        Assert.Equal("efagateway:autor", sent["author"]!["identifier"]!.GetValue<string>());
        Assert.Equal("dvdv:bauaufsicht-schoenwetter", sent["reader"]!["identifier"]!.GetValue<string>());
        Assert.Equal("urn:xoev-de:bauenundwohnen:standard:xbau", sent["service"]!.GetValue<string>());
        Assert.Equal("0200", sent["messageType"]!.GetValue<string>());
        var message = sent["message"]!;
        Assert.Equal("application/xml", message["contentType"]!.GetValue<string>());
        Assert.Equal("baugenehmigung.antrag.0200", message["root"]!.GetValue<string>());
        var attachments = sent["attachments"]!.AsArray().Select(a => a!).ToList();
        Assert.Equal(2, attachments.Count);
        Assert.All(attachments, a => Assert.Equal("application/pdf", a["contentType"]!.GetValue<string>()));
        Assert.All(attachments, a => Assert.StartsWith("%PDF", a["start"]!.GetValue<string>(), StringComparison.Ordinal));
        Assert.Equal("lageplan.pdf", attachments[1]["filename"]!.GetValue<string>());
        Assert.True(sent["mtomPartsInlined"]!.GetValue<int>() >= 1, "The gateway's sendMessage came without MTOM parts.");
        Assert.Equal(message["size"]!.GetValue<int>() + attachments.Sum(a => a["size"]!.GetValue<int>()), sent["msgSize"]!.GetValue<int>());
        Assert.Equal(sent["messageId"]!.GetValue<string>(), delivery.ExternalIds[XtaIds.MessageId]);
    }

    private async Task<RouteChange> SetRouteAsync()
    {
        var (pkcs12, password, _) = pki.IssueClientCertificate("EfaGateway Autor");
        var routes = new JsonObject
        {
            ["routes"] = new JsonArray(new JsonObject
            {
                ["transport"] = "xta",
                ["mappers"] = new JsonArray("xbau-2.6", "pdf"),
                ["settings"] = new JsonObject
                {
                    ["managementUrl"] = new Uri(baseUrl, "ManagementPort").ToString(),
                    ["sendUrl"] = new Uri(baseUrl, "SendXtaPort").ToString(),
                    ["clientCertificate"] = Convert.ToBase64String(pkcs12),
                    ["clientCertificatePassword"] = password,
                    ["serverTrustAnchors"] = new JsonArray(pki.TrustAnchorPem),
                    ["author"] = new JsonObject { ["identifier"] = "efagateway:autor", ["type"] = "XTA_ID" },
                    ["reader"] = new JsonObject { ["identifier"] = "dvdv:bauaufsicht-schoenwetter", ["type"] = "DVDV" },
                    ["service"] = "urn:xoev-de:bauenundwohnen:standard:xbau",
                    ["businessScenario"] = new JsonObject { ["code"] = "XBAU_DATA", ["listUri"] = "urn:de:dataport:codeliste:business.scenario", ["listVersionId"] = "1" },
                    ["messageType"] = new JsonObject { ["code"] = "0200", ["listUri"] = "urn:xoev-de:xbau:codeliste:xbau-nachrichten", ["listVersionId"] = "4.0", ["payloadSchema"] = "http://www.xleitstelle.de/xbau/2/6" },
                },
            }),
        };
        await using var scope = factory.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<RouteConfiguration>().SetAsync(DemoApplication.Tenant, Process, routes.ToJsonString(), Ct);
    }
}
