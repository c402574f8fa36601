using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json;
using EfaGateway.Conformance.Xta.Pki;
using EfaGateway.Core.Deliveries;
using EfaGateway.Core.Ports;
using EfaGateway.Core.Processes;
using EfaGateway.Host.Tests.Support;
using EfaGateway.Host.XtaMailbox;
using EfaGateway.Transports.Xta.Mailbox;
using Microsoft.Extensions.DependencyInjection;

namespace EfaGateway.Host.Tests.BadInput;

/// <summary>The mailbox with one delivered, unfetched application, and a raw HTTPS client with the Fachverfahren's certificate.</summary>
public sealed class XtaMailboxBadInputHost : IAsyncLifetime
{
    public const string Reader = "dvdv:schoenwetter-hundesteuer";

    private readonly XtaTestPki pki = XtaTestPki.Instance;
    private X509Certificate2 fachverfahren = null!;

    public GatewayFactory Factory { get; private set; } = null!;

    public Uri Mailbox { get; private set; } = null!;

    public Delivery Delivery { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        var directory = Directory.CreateTempSubdirectory("efagw-mailbox-bad-input-").FullName;
        var serverPath = Path.Combine(directory, "server.p12");
        await File.WriteAllBytesAsync(serverPath, pki.ServerCertificate.Export(X509ContentType.Pkcs12, "server-passwort"));
        var anchorPath = Path.Combine(directory, "root.pem");
        await File.WriteAllTextAsync(anchorPath, pki.TrustAnchorPem);
        var issued = pki.IssueClientCertificate("Fachverfahren Hundesteuer Schoenwetter");
        fachverfahren = X509CertificateLoader.LoadPkcs12(issued.Pkcs12, issued.Password, X509KeyStorageFlags.Exportable);
        Factory = new GatewayFactory(new Dictionary<string, string?>
        {
            ["Gateway:XtaMailbox:Url"] = "https://127.0.0.1:0",
            ["Gateway:XtaMailbox:ServerCertificatePath"] = serverPath,
            ["Gateway:XtaMailbox:ServerCertificatePassword"] = "server-passwort",
            ["Gateway:XtaMailbox:ClientCertificateTrustAnchors:0"] = anchorPath,
            ["Gateway:XtaMailbox:GatewayParty:Identifier"] = "efagateway:hundesteuer",
            ["Gateway:XtaMailbox:GatewayParty:Type"] = "XTA_ID",
        });
        Factory.StartServer();
        Mailbox = Factory.Services.GetRequiredService<XtaMailboxServer>().Address!;
        await using (var scope = Factory.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<ICatalogStore>().EnableProcessAsync(DemoApplication.Tenant, DemoApplication.Process, "1.0.0",
                [Route()], 90, CancellationToken.None);
        }

        using var client = Factory.CreateClient();
        var submission = await DemoApplication.SubmitAsync(client);
        await Factory.DeliverDueAsync();
        await using var read = Factory.Services.CreateAsyncScope();
        Delivery = Assert.Single(await read.ServiceProvider.GetRequiredService<IDeliveryStore>().ListForSubmissionAsync(submission.Id, CancellationToken.None));
        Assert.Equal(DeliveryState.Delivered, Delivery.State);
    }

    public async ValueTask DisposeAsync()
    {
        await Factory.DisposeAsync();
        fachverfahren.Dispose();
    }

    /// <summary>An HTTPS client with the Fachverfahren's certificate that trusts only the test root for the server.</summary>
    public HttpClient RawClient()
    {
        var root = pki.TrustAnchor;
        var handler = new HttpClientHandler
        {
            ClientCertificateOptions = ClientCertificateOption.Manual,
            ServerCertificateCustomValidationCallback = (_, certificate, _, _) =>
            {
                using var chain = new X509Chain();
                chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
                chain.ChainPolicy.CustomTrustStore.Add(root);
                chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
                return certificate is not null && chain.Build(certificate);
            },
        };
        handler.ClientCertificates.Add(fachverfahren);
        return new HttpClient(handler) { BaseAddress = Mailbox, Timeout = TimeSpan.FromSeconds(60) };
    }

    public async Task<Delivery> CurrentDeliveryAsync()
    {
        await using var scope = Factory.Services.CreateAsyncScope();
        return (await scope.ServiceProvider.GetRequiredService<IDeliveryStore>().FindAsync(Delivery.Id, CancellationToken.None))!;
    }

    private RouteDefinition Route() => new()
    {
        TransportId = XtaMailboxTransport.TransportId,
        MapperIds = ["canonical-xml", "pdf"],
        Settings = JsonSerializer.SerializeToElement(new
        {
            reader = new { identifier = Reader, type = "XTA_ID" },
            clientCertificateThumbprints = new[] { fachverfahren.GetCertHashString(HashAlgorithmName.SHA256) },
            service = "urn:xoev-de:efagateway:hundesteuer",
            undefinedBusinessScenario = "HUNDESTEUER_ANMELDUNG",
            messageType = new { code = "hundesteuer.anmeldung", listUri = "urn:efagateway:messageTypes", listVersionId = "1.0", payloadSchema = "urn:efagateway:antrag" },
        }),
    };
}

/// <summary>
/// The XTA mailbox fed with broken, hostile and oversized SOAP: every answer is a SOAP fault (or a 4xx before any SOAP is
/// read), no entity is ever resolved, the unfetched message stays exactly as it was, and a real fetch works afterwards.
/// </summary>
public sealed class XtaMailboxBadInputTests(XtaMailboxBadInputHost host) : IClassFixture<XtaMailboxBadInputHost>
{
    private const string Soap12 = "application/soap+xml; charset=utf-8";
    private const string Envelope = """<env:Envelope xmlns:env="http://www.w3.org/2003/05/soap-envelope" xmlns:wsa="http://www.w3.org/2005/08/addressing" xmlns:osci="http://www.osci.eu/ws/2008/05/transport">""";

    public static TheoryData<string, string?, string> BadRequests => new()
    {
        { "not xml", Soap12, "kein XML, nur Text" },
        { "truncated", Soap12, Request(StatusListBody)[..200] },
        { "external entity", Soap12, """<?xml version="1.0"?><!DOCTYPE env:Envelope [<!ENTITY x SYSTEM "file:///etc/passwd">]>""" + Request("<osci:MsgBoxStatusListRequest maxListItems=\"10\">&x;</osci:MsgBoxStatusListRequest>") },
        { "parameter entity", Soap12, """<?xml version="1.0"?><!DOCTYPE env:Envelope [<!ENTITY % p SYSTEM "http://127.0.0.1:9/dtd"> %p;]>""" + Request(StatusListBody) },
        { "billion laughs", Soap12, "<?xml version=\"1.0\"?><!DOCTYPE lolz [<!ENTITY lol \"lol\">" + string.Concat(Enumerable.Range(1, 9).Select(i => $"<!ENTITY lol{i} \"{string.Concat(Enumerable.Repeat(i == 1 ? "&lol;" : $"&lol{i - 1};", 10))}\">")) + "]>" + Request("<osci:MsgBoxStatusListRequest>&lol9;</osci:MsgBoxStatusListRequest>") },
        { "internal DOCTYPE", Soap12, "<!DOCTYPE env:Envelope>" + Request(StatusListBody) },
        { "SOAP 1.1 envelope", "text/xml; charset=utf-8", Request(StatusListBody).Replace("http://www.w3.org/2003/05/soap-envelope", "http://schemas.xmlsoap.org/soap/envelope/", StringComparison.Ordinal) },
        { "SOAP 1.1 namespace as SOAP 1.2", Soap12, Request(StatusListBody).Replace("http://www.w3.org/2003/05/soap-envelope", "http://schemas.xmlsoap.org/soap/envelope/", StringComparison.Ordinal) },
        { "JSON", "application/json", "{\"action\": \"getStatusList\"}" },
        { "no content type", null, Request(StatusListBody) },
        { "text/plain", "text/plain", Request(StatusListBody) },
        { "MTOM without parts", "multipart/related; type=\"application/xop+xml\"; boundary=\"b\"; start=\"<root>\"; start-info=\"application/soap+xml\"", "--b\r\nkaputt" },
        { "not an envelope", Soap12, "<osci:MsgBoxStatusListRequest xmlns:osci=\"http://www.osci.eu/ws/2008/05/transport\"/>" },
        { "broken body after good headers", Soap12, Request("<osci:MsgBoxStatusListRequest><osci:MsgSelector></osci:MsgBoxStatusListRequest>") },
        { "maxListItems not a number", Soap12, Request("<osci:MsgBoxStatusListRequest maxListItems=\"zehn\"/>") },
        { "maxListItems too large", Soap12, Request("<osci:MsgBoxStatusListRequest maxListItems=\"99999999999\"/>") },
        { "entry time not a time", Soap12, Request("<osci:MsgBoxStatusListRequest><osci:MsgSelector><osci:MsgBoxEntryTimeFrom>gestern</osci:MsgBoxEntryTimeFrom></osci:MsgSelector></osci:MsgBoxStatusListRequest>") },
        { "close with a garbage id", Soap12, Request("<osci:MsgBoxCloseRequest><osci:LastMsgReceived>../../etc/passwd</osci:LastMsgReceived></osci:MsgBoxCloseRequest>", MsgBoxService.Close) },
        { "close that names no message", Soap12, Request("<osci:MsgBoxCloseRequest/>", MsgBoxService.Close) },
        { "close with a request id of another kind", Soap12, Request("<osci:MsgBoxCloseRequest MsgBoxRequestID=\"urn:efagateway:xta-mailbox:fetch:zzzz\"/>", MsgBoxService.Close) },
    };

    private static string StatusListBody => "<osci:MsgBoxStatusListRequest maxListItems=\"10\"/>";

    [Fact]
    public async Task A_hand_written_envelope_is_answered_so_the_sweep_below_tests_the_bad_part_only()
    {
        using var client = host.RawClient();

        using var response = await PostAsync(client, Soap12, Encoding.UTF8.GetBytes(Request(StatusListBody)));

        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, body);
        Assert.Contains($"urn:uuid:{host.Delivery.Id:D}", body, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(BadRequests))]
    public async Task A_bad_request_is_answered_with_a_soap_fault_and_changes_nothing(string what, string? contentType, string request)
    {
        using var client = host.RawClient();

        using var response = await PostAsync(client, contentType, Encoding.UTF8.GetBytes(request));

        await AssertRefusedAsync(what, response);
    }

    [Theory]
    [InlineData("C3 28")]
    [InlineData("C0 AF")]
    [InlineData("ED A0 80")]
    [InlineData("FF")]
    public async Task Invalid_utf8_is_answered_with_a_soap_fault(string hex)
    {
        using var client = host.RawClient();
        var request = Encoding.UTF8.GetBytes(Request("<osci:MsgBoxCloseRequest><osci:LastMsgReceived>@</osci:LastMsgReceived></osci:MsgBoxCloseRequest>", MsgBoxService.Close));
        var at = Array.IndexOf(request, (byte)'@');
        byte[] bad = [.. request[..at], .. Convert.FromHexString(hex.Replace(" ", string.Empty, StringComparison.Ordinal)), .. request[(at + 1)..]];

        using var response = await PostAsync(client, Soap12, bad);

        await AssertRefusedAsync(hex, response);
    }

    [Fact]
    public async Task A_body_beyond_the_mailbox_limit_is_refused()
    {
        using var client = host.RawClient();
        var padding = new string('x', MailboxSoap.MaxRequestBytes + 1024);

        using var request = new HttpRequestMessage(HttpMethod.Post, "xta/MsgBoxPort")
        {
            Content = new ByteArrayContent(Encoding.UTF8.GetBytes(Request($"<osci:MsgBoxStatusListRequest maxListItems=\"10\"><!-- {padding} --></osci:MsgBoxStatusListRequest>"))),
        };
        request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(Soap12);
        // As a careful client sends a large body: the server refuses on the announced length before the body is sent.
        // Without it the server may answer 413 and close while the client still writes, which the client sees as a
        // broken pipe instead of the answer (CI met that race once).
        request.Headers.ExpectContinue = true;

        using var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        await AssertNothingChangedAsync();
    }

    private async Task AssertRefusedAsync(string what, HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStringAsync();
        var status = (int)response.StatusCode;
        Assert.True(status is >= 400 and < 500 || (status == 500 && body.Contains("Fault", StringComparison.Ordinal) && body.Contains("Envelope", StringComparison.Ordinal)),
            $"{what}: {status} {body}");
        Assert.DoesNotContain("root:", body, StringComparison.Ordinal);
        Assert.DoesNotContain("lollol", body, StringComparison.Ordinal);
        await AssertNothingChangedAsync();
    }

    /// <summary>The message is still open, untouched, and the mailbox still lists it to a well-formed request.</summary>
    private async Task AssertNothingChangedAsync()
    {
        var now = await host.CurrentDeliveryAsync();
        Assert.Equal((DeliveryState.Delivered, host.Delivery.AttemptCount, host.Delivery.ConfirmedAt, host.Delivery.Version), (now.State, now.AttemptCount, now.ConfirmedAt, now.Version));
        using var client = host.RawClient();
        using var list = await PostAsync(client, Soap12, Encoding.UTF8.GetBytes(Request(StatusListBody)));
        Assert.Equal(HttpStatusCode.OK, list.StatusCode);
        Assert.Contains($"urn:uuid:{host.Delivery.Id:D}", await list.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    private static async Task<HttpResponseMessage> PostAsync(HttpClient client, string? contentType, byte[] body)
    {
        var content = new ByteArrayContent(body);
        if (contentType is not null)
        {
            content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        }

        return await client.PostAsync("xta/MsgBoxPort", content);
    }

    private static string Request(string body, string action = MsgBoxService.StatusList) =>
        $"""{Envelope}<env:Header><wsa:Action>{action}</wsa:Action><wsa:MessageID>urn:uuid:6f1c2a3b-0d4e-4f5a-8b6c-7d8e9f0a1b2c</wsa:MessageID><oscimeta:Author xmlns:oscimeta="http://www.osci.eu/ws/2014/10/transport"><oscimeta:Identifier type="XTA_ID">{XtaMailboxBadInputHost.Reader}</oscimeta:Identifier></oscimeta:Author></env:Header><env:Body>{body}</env:Body></env:Envelope>""";
}
