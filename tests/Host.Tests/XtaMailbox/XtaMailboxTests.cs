using System.Globalization;
using System.Security.Cryptography.X509Certificates;
using System.ServiceModel;
using System.Text.Json;
using System.Xml.Linq;
using EfaGateway.Conformance.Xta.Pki;
using EfaGateway.Core.Deliveries;
using EfaGateway.Core.Pipeline;
using EfaGateway.Core.Ports;
using EfaGateway.Core.Processes;
using EfaGateway.Core.Tenants;
using EfaGateway.Host.Tests.Support;
using EfaGateway.Host.XtaMailbox;
using EfaGateway.Transports.Xta.Mailbox;
using Microsoft.Extensions.DependencyInjection;

namespace EfaGateway.Host.Tests.XtaMailbox;

/// <summary>
/// The gateway's own XTA mailbox end to end: an application submitted over the API for a process routed to
/// xta-mailbox, delivered by the worker, then fetched by the tenant's Fachverfahren over HTTPS with its client
/// certificate (getStatusList → getMessage → close), while the Fachverfahren of another tenant sees nothing.
/// </summary>
public sealed class XtaMailboxTests : IAsyncLifetime
{
    private const string SecondTenant = "zweitdorf";
    private static readonly XNamespace Osci = "http://www.osci.eu/ws/2008/05/transport";
    private static readonly XNamespace Meta = "http://www.osci.eu/ws/2014/10/transport";
    private static readonly XNamespace Wsa = "http://www.w3.org/2005/08/addressing";
    private static readonly XNamespace Xta = "http://xoev.de/transport/xta/211";

    private readonly XtaTestPki pki = XtaTestPki.Instance;
    private GatewayFactory factory = null!;
    private X509Certificate2 fachverfahrenA = null!;
    private X509Certificate2 fachverfahrenB = null!;
    private Uri mailbox = null!;

    public async ValueTask InitializeAsync()
    {
        var directory = Directory.CreateTempSubdirectory("efagw-mailbox-pki-").FullName;
        var serverPath = Path.Combine(directory, "server.p12");
        await File.WriteAllBytesAsync(serverPath, pki.ServerCertificate.Export(X509ContentType.Pkcs12, "server-passwort"));
        var anchorPath = Path.Combine(directory, "root.pem");
        await File.WriteAllTextAsync(anchorPath, pki.TrustAnchorPem);
        fachverfahrenA = Load(pki.IssueClientCertificate("Fachverfahren Hundesteuer Schoenwetter"));
        fachverfahrenB = Load(pki.IssueClientCertificate("Fachverfahren Hundesteuer Zweitdorf"));
        factory = new GatewayFactory(new Dictionary<string, string?>
        {
            ["Gateway:XtaMailbox:Url"] = "https://127.0.0.1:0",
            ["Gateway:XtaMailbox:ServerCertificatePath"] = serverPath,
            ["Gateway:XtaMailbox:ServerCertificatePassword"] = "server-passwort",
            ["Gateway:XtaMailbox:ClientCertificateTrustAnchors:0"] = anchorPath,
            ["Gateway:XtaMailbox:GatewayParty:Identifier"] = "efagateway:hundesteuer",
            ["Gateway:XtaMailbox:GatewayParty:Type"] = "XTA_ID",
            ["Gateway:Receipts:AlertAfter"] = "1.00:00:00",
        });
        factory.StartServer();
        mailbox = factory.Services.GetRequiredService<XtaMailboxServer>().Address!;
        await using var scope = factory.Services.CreateAsyncScope();
        var catalog = scope.ServiceProvider.GetRequiredService<ICatalogStore>();
        await catalog.EnableProcessAsync(DemoApplication.Tenant, DemoApplication.Process, "1.0.0", [Route("dvdv:schoenwetter-hundesteuer", fachverfahrenA)], 90,
            CancellationToken.None);
        await catalog.AddTenantAsync(new Tenant(SecondTenant, "Zweitdorf", factory.Time.GetUtcNow()), CancellationToken.None);
        await catalog.EnableProcessAsync(SecondTenant, DemoApplication.Process, "1.0.0", [Route("dvdv:zweitdorf-hundesteuer", fachverfahrenB)], 90,
            CancellationToken.None);
    }

    public async ValueTask DisposeAsync() => await factory.DisposeAsync();

    [Fact]
    public async Task The_tenants_Fachverfahren_fetches_the_application_and_only_its_close_confirms_the_delivery()
    {
        var delivery = await SubmitAndDeliverAsync();
        Assert.Equal(DeliveryState.Delivered, delivery.State);
        var messageId = $"urn:uuid:{delivery.Id:D}";
        var a = Fetcher(fachverfahrenA);

        var list = await a.CallAsync("MsgBoxPort", MsgBoxService.StatusList,
            new XElement(Osci + "MsgBoxStatusListRequest", new XAttribute("ListForm", "MessageMetaData"), new XAttribute("maxListItems", 10)),
            Author("dvdv:schoenwetter-hundesteuer"));
        Assert.False(list.IsFault, list.Body?.ToString());
        var listed = Assert.Single(list.Body!.Elements(Meta + "MessageMetaData"));
        Assert.Equal(messageId, listed.Element(Meta + "MsgIdentification")!.Element(Wsa + "MessageID")!.Value);
        Assert.Equal("0", list.Header("MsgBoxResponse")!.Element(Osci + "ItemsPending")!.Value);

        var fetched = await a.CallAsync("MsgBoxPort", MsgBoxService.Fetch, Fetch(messageId));
        Assert.False(fetched.IsFault, fetched.Body?.ToString());
        var metaData = fetched.Header("MessageMetaData")!;
        Assert.Equal("efagateway:hundesteuer", metaData.Descendants(Meta + "Author").Single().Element(Meta + "Identifier")!.Value);
        Assert.Equal("dvdv:schoenwetter-hundesteuer", metaData.Descendants(Meta + "Reader").Single().Element(Meta + "Identifier")!.Value);
        Assert.Equal("urn:xoev-de:efagateway:hundesteuer", metaData.Descendants(Meta + "Service").Single().Value);
        var container = fetched.Body!.Element(Xta + "ContentContainer")!;
        var message = container.Element(Xta + "Message")!;
        Assert.Equal("application/xml", message.Attribute("contentType")!.Value);
        var xoev = XDocument.Parse(System.Text.Encoding.UTF8.GetString(Convert.FromBase64String(message.Value)));
        Assert.NotNull(xoev.Root);
        var attachments = container.Elements(Xta + "Attachment").ToList();
        Assert.Equal(2, attachments.Count);
        Assert.Equal("application/pdf", attachments[0].Attribute("contentType")!.Value);
        Assert.StartsWith("%PDF", System.Text.Encoding.ASCII.GetString(Convert.FromBase64String(attachments[0].Value)), StringComparison.Ordinal);
        Assert.Contains("Heimtierausweis Wuffelbert", System.Text.Encoding.ASCII.GetString(Convert.FromBase64String(attachments[1].Value)), StringComparison.Ordinal);
        Assert.Equal(DeliveryState.Delivered, (await DeliveryAsync(delivery.Id)).State);

        var open = await a.CallAsync("ManagementPort", "http://www.xta.de/XTA/GetTransportReport", new XElement(Wsa + "MessageID", messageId));
        Assert.Equal("0", open.Body!.Descendants(Xta + "Status").Single().Value);

        var requestId = fetched.Header("MsgBoxResponse")!.Attribute("MsgBoxRequestID")!.Value;
        var closed = await a.CallAsync("MsgBoxPort", MsgBoxService.Close,
            new XElement(Osci + "MsgBoxCloseRequest", new XAttribute("MsgBoxRequestID", requestId), new XElement(Osci + "LastMsgReceived", messageId)));
        Assert.False(closed.IsFault, closed.Body?.ToString());
        Assert.Equal(DeliveryState.Confirmed, (await DeliveryAsync(delivery.Id)).State);

        var green = await a.CallAsync("ManagementPort", "http://www.xta.de/XTA/GetTransportReport", new XElement(Wsa + "MessageID", messageId));
        Assert.Equal("1", green.Body!.Descendants(Xta + "Status").Single().Value);
        var again = await a.CallAsync("MsgBoxPort", MsgBoxService.Fetch, Fetch(messageId));
        Assert.Equal(("InvalidMessageIDException", "9070"), (again.FaultElement, again.FaultCode));
        var empty = await a.CallAsync("MsgBoxPort", MsgBoxService.StatusList, new XElement(Osci + "MsgBoxStatusListRequest"));
        Assert.NotNull(empty.Header("MsgBoxResponse")!.Element(Osci + "NoMessageAvailable"));
        Assert.Empty(a.SchemaProblems);
    }

    [Fact]
    public async Task A_Fachverfahren_client_that_npm_soap_builds_from_the_official_WSDL_lists_fetches_and_closes_the_application()
    {
        var delivery = await SubmitAndDeliverAsync();
        var (certPem, keyPem) = EfaGateway.Host.Tests.Xta.NodeSoap.Pem(fachverfahrenA);

        var got = await EfaGateway.Host.Tests.Xta.NodeSoap.RunAsync("mailbox-client.mjs", new System.Text.Json.Nodes.JsonObject
        {
            ["specsDir"] = EfaGateway.TestSupport.Fixtures.Specs,
            ["baseUrl"] = new Uri(mailbox, "xta/").ToString(),
            ["certPem"] = certPem,
            ["keyPem"] = keyPem,
            ["caPem"] = pki.TrustAnchorPem,
            ["author"] = new System.Text.Json.Nodes.JsonObject { ["identifier"] = "dvdv:schoenwetter-hundesteuer", ["type"] = "XTA_ID" },
        }, TestContext.Current.CancellationToken);

        var messageId = $"urn:uuid:{delivery.Id:D}";
        Assert.Equal(messageId, Assert.Single(got["listed"]!.AsArray())!.GetValue<string>());
        var fetched = Assert.Single(got["fetched"]!.AsArray())!;
        Assert.Equal("dvdv:schoenwetter-hundesteuer", fetched["reader"]!.GetValue<string>());
        Assert.Equal("application/xml", fetched["message"]!["contentType"]!.GetValue<string>());
        Assert.StartsWith("<", fetched["message"]!["start"]!.GetValue<string>(), StringComparison.Ordinal);
        var attachments = fetched["attachments"]!.AsArray();
        Assert.Equal(2, attachments.Count);
        Assert.Equal("application/pdf", attachments[0]!["contentType"]!.GetValue<string>());
        Assert.StartsWith("%PDF", attachments[0]!["start"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.True(got["emptyAfterClose"]!.GetValue<bool>());
        Assert.Equal(DeliveryState.Confirmed, (await DeliveryAsync(delivery.Id)).State);
    }

    [Fact]
    public async Task The_Fachverfahren_of_another_tenant_sees_nothing_and_its_requests_for_the_id_answer_unknown()
    {
        var delivery = await SubmitAndDeliverAsync();
        var messageId = $"urn:uuid:{delivery.Id:D}";
        var b = Fetcher(fachverfahrenB);

        var list = await b.CallAsync("MsgBoxPort", MsgBoxService.StatusList, new XElement(Osci + "MsgBoxStatusListRequest"));
        Assert.Empty(list.Body!.Elements());
        Assert.Equal("http://www.osci.eu/ws/2008/05/transport/MsgBox/reasons/NoMatch",
            list.Header("MsgBoxResponse")!.Element(Osci + "NoMessageAvailable")!.Attribute("reason")!.Value);
        foreach (var (port, action, body) in new[]
        {
            ("MsgBoxPort", MsgBoxService.Fetch, Fetch(messageId)),
            ("MsgBoxPort", MsgBoxService.Close, new XElement(Osci + "MsgBoxCloseRequest", new XAttribute("MsgBoxRequestID", "urn:x"), new XElement(Osci + "LastMsgReceived", messageId))),
            ("ManagementPort", "http://www.xta.de/XTA/GetTransportReport", new XElement(Wsa + "MessageID", messageId)),
        })
        {
            var answer = await b.CallAsync(port, action, body);
            Assert.Equal(("InvalidMessageIDException", "9070"), (answer.FaultElement, answer.FaultCode));
        }

        // Claiming to be the other tenant's reader is refused.
        var foreign = await b.CallAsync("ManagementPort", "http://www.xta.de/XTA/CheckAccountActive", null, Author("dvdv:schoenwetter-hundesteuer"));
        Assert.Equal(("PermissionDeniedException", "9014"), (foreign.FaultElement, foreign.FaultCode));
        var active = await b.CallAsync("ManagementPort", "http://www.xta.de/XTA/CheckAccountActive", null, Author("dvdv:zweitdorf-hundesteuer"));
        Assert.False(active.IsFault);
        Assert.Equal(DeliveryState.Delivered, (await DeliveryAsync(delivery.Id)).State);
        Assert.Empty(b.SchemaProblems);
    }

    [Fact]
    public async Task A_request_without_a_client_certificate_is_refused()
    {
        var anonymous = new MailboxFetcher(mailbox, null, pki.TrustAnchor);
        await Assert.ThrowsAnyAsync<CommunicationException>(() =>
            anonymous.CallAsync("MsgBoxPort", MsgBoxService.StatusList, new XElement(Osci + "MsgBoxStatusListRequest")));
    }

    [Fact]
    public async Task A_message_nobody_closes_raises_the_receipt_alert_after_the_configured_time()
    {
        var delivery = await SubmitAndDeliverAsync();
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<ReceiptPoller>().PollAsync(CancellationToken.None);
        }

        Assert.Null((await DeliveryAsync(delivery.Id)).LastError);
        factory.Time.Advance(TimeSpan.FromDays(1));
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<ReceiptPoller>().PollAsync(CancellationToken.None);
        }

        var overdue = await DeliveryAsync(delivery.Id);
        Assert.Equal(DeliveryState.Delivered, overdue.State);
        Assert.Contains("not fetched and closed", overdue.LastError, StringComparison.Ordinal);
        Assert.Contains(factory.Logs.Lines, m => m.Contains("ALERT", StringComparison.Ordinal) && m.Contains(delivery.Id.ToString(), StringComparison.Ordinal));
    }

    private async Task<Delivery> SubmitAndDeliverAsync()
    {
        using var client = factory.CreateClient();
        var submission = await DemoApplication.SubmitAsync(client);
        await factory.DeliverDueAsync();
        await using var scope = factory.Services.CreateAsyncScope();
        return Assert.Single(await scope.ServiceProvider.GetRequiredService<IDeliveryStore>().ListForSubmissionAsync(submission.Id, CancellationToken.None));
    }

    private async Task<Delivery> DeliveryAsync(Guid id)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        return (await scope.ServiceProvider.GetRequiredService<IDeliveryStore>().FindAsync(id, CancellationToken.None))!;
    }

    private MailboxFetcher Fetcher(X509Certificate2 certificate) => new(mailbox, certificate, pki.TrustAnchor);

    private static XElement Fetch(string messageId) =>
        new(Osci + "MsgBoxFetchRequest", new XElement(Osci + "MsgSelector", new XElement(Wsa + "MessageID", messageId)));

    private static XElement Author(string identifier) =>
        new(Meta + "Author", new XElement(Meta + "Identifier", new XAttribute("type", "XTA_ID"), identifier));

    private static RouteDefinition Route(string reader, X509Certificate2 fachverfahren) => new()
    {
        TransportId = XtaMailboxTransport.TransportId,
        MapperIds = ["canonical-xml", "pdf"],
        Settings = JsonSerializer.SerializeToElement(new
        {
            reader = new { identifier = reader, type = "XTA_ID" },
            clientCertificateThumbprints = new[] { fachverfahren.GetCertHashString(System.Security.Cryptography.HashAlgorithmName.SHA256) },
            service = "urn:xoev-de:efagateway:hundesteuer",
            undefinedBusinessScenario = "HUNDESTEUER_ANMELDUNG",
            messageType = new { code = "hundesteuer.anmeldung", listUri = "urn:efagateway:messageTypes", listVersionId = "1.0", payloadSchema = "urn:efagateway:antrag" },
        }),
    };

    private static X509Certificate2 Load((byte[] Pkcs12, string Password, X509Certificate2 Certificate) issued) =>
        X509CertificateLoader.LoadPkcs12(issued.Pkcs12, issued.Password, X509KeyStorageFlags.Exportable);
}
