using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using EfaGateway.Conformance.Xta.Server;
using EfaGateway.Core.Deliveries;
using EfaGateway.Core.Ports;
using EfaGateway.Core.Processes;
using EfaGateway.Core.Submissions;
using EfaGateway.Transports.Xta.Soap;

namespace EfaGateway.Transports.Xta.Tests.Live;

/// <summary>
/// One application for the XTA transport against the fake server: the route settings the fake needs, and the
/// external ids kept between attempts as the delivery record would keep them. Attempts go over
/// <paramref name="connections"/> (by default one pool for the whole test run, as the host has one).
/// </summary>
internal sealed class XtaDelivery(FakeXtaServer server, XtaConnectionPool? connections = null)
{
    /// <summary>The pool of the test run, like the host's singleton.</summary>
    public static XtaConnectionPool SharedConnections { get; } = new(TimeProvider.System);

    public XtaConnectionPool Connections { get; } = connections ?? SharedConnections;

    private readonly Dictionary<string, string> recorded = new(StringComparer.Ordinal);

    public IReadOnlyDictionary<string, string> Recorded => recorded;

    public JsonObject SettingsJson()
    {
        var reader = FakeXtaServerOptions.DemoReader;
        return new JsonObject
        {
            ["managementUrl"] = server.ManagementPortUrl.ToString(),
            ["sendUrl"] = server.SendXtaPortUrl.ToString(),
            ["clientCertificate"] = Convert.ToBase64String(server.Author.ClientCertificatePkcs12),
            ["clientCertificatePassword"] = server.Author.ClientCertificatePassword,
            ["serverTrustAnchors"] = new JsonArray(server.TrustAnchorPem),
            ["author"] = new JsonObject { ["identifier"] = server.Author.Party.Value, ["type"] = server.Author.Party.Type, ["category"] = "Onlinedienst" },
            ["reader"] = new JsonObject { ["identifier"] = reader.Party.Value, ["type"] = reader.Party.Type },
            ["service"] = reader.Services[0],
            ["businessScenario"] = new JsonObject { ["code"] = "XBAU_DATA", ["listUri"] = "urn:de:dataport:codeliste:business.scenario", ["listVersionId"] = "1" },
            ["messageType"] = new JsonObject { ["code"] = "0200", ["listUri"] = "urn:xoev-de:xbau:codeliste:nachrichten", ["listVersionId"] = "2.6", ["payloadSchema"] = "http://www.xleitstelle.de/XBau/2/6" },
            ["requestTimeoutSeconds"] = 3,
        };
    }

    public Task<DeliveryOutcome> AttemptAsync(int attachmentBytes = 16, JsonObject? settings = null)
    {
        var route = new RouteDefinition { TransportId = XtaTransport.TransportId, MapperIds = ["xbau-2.6", "pdf"], Settings = JsonSerializer.SerializeToElement(settings ?? SettingsJson()) };
        var process = new ProcessDefinition { Id = "bauantrag", Version = "1.0.0", Title = new LocalizedText("Bauantrag", "Building permit"), Sections = [] };
        var tenantProcess = new TenantProcess { TenantId = "schoenwetter-am-berg", TenantName = "Schönwetter am Berg", Process = process, Routes = [route] };
        var submission = new Submission(Guid.CreateVersion7(), "0001-2026", "schoenwetter-am-berg", "bauantrag", "1.0.0", "{}", TimeProvider.System.GetUtcNow(), []);
        var request = new DeliveryRequest(Guid.NewGuid(), tenantProcess, submission,
            [
                new DeliveryArtifact("xbau-2.6", "0001-2026.xml", "application/xml", Encoding.UTF8.GetBytes("<antrag xmlns=\"urn:test\"/>")),
                new DeliveryArtifact("pdf", "0001-2026.pdf", "application/pdf", new byte[attachmentBytes]),
            ],
            [], new Dictionary<string, string>(recorded, StringComparer.Ordinal),
            (ids, _) =>
            {
                foreach (var (key, value) in ids)
                {
                    recorded[key] = value;
                }

                return Task.CompletedTask;
            }, route);
        return new XtaTransport(TimeProvider.System, Connections).DeliverAsync(request, TestContext.Current.CancellationToken);
    }
}
