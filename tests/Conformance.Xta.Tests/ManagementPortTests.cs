using EfaGateway.Conformance.Xta.Server;
using EfaGateway.Conformance.Xta.Soap;
using EfaGateway.Conformance.Xta.Tests.Support;

namespace EfaGateway.Conformance.Xta.Tests;

public sealed class ManagementPortTests(FakeFixture fixture) : IClassFixture<FakeFixture>
{
    private readonly FakeXtaServer fake = fixture.Fake;

    [Fact]
    public async Task A_client_without_a_certificate_is_refused_during_the_handshake()
    {
        using var client = new XtaTestClient(fake, withCertificate: false);
        await Assert.ThrowsAnyAsync<HttpRequestException>(() =>
            client.CallAsync(fake.ManagementPortUrl, XtaOperations.ActionOf(XtaOperation.CheckAccountActive), cancellationToken: TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task CheckAccountActive_answers_an_empty_body_with_the_wsdl_action_related_to_the_request()
    {
        using var client = new XtaTestClient(fake);
        var answer = await client.CallAsync(fake.ManagementPortUrl, XtaOperations.ActionOf(XtaOperation.CheckAccountActive),
            headers: [fake.Author.Party.ToParty("Author")], cancellationToken: TestContext.Current.CancellationToken);
        Assert.Equal(200, answer.Status);
        Assert.StartsWith("multipart/related", answer.ContentType, StringComparison.Ordinal);
        Assert.Contains("application/xop+xml", answer.ContentType, StringComparison.Ordinal);
        Assert.Equal("http://www.xta.de/XTA/CheckAccountActive", answer.Action);
        Assert.Equal(answer.RequestMessageId, answer.RelatesTo);
        Assert.Null(answer.Body);
    }

    [Fact]
    public async Task CreateMessageId_answers_a_fresh_wsa_MessageID_each_time()
    {
        using var client = new XtaTestClient(fake);
        var first = await client.CallAsync(fake.ManagementPortUrl, XtaOperations.ActionOf(XtaOperation.CreateMessageId), cancellationToken: TestContext.Current.CancellationToken);
        var second = await client.CallAsync(fake.ManagementPortUrl, XtaOperations.ActionOf(XtaOperation.CreateMessageId), cancellationToken: TestContext.Current.CancellationToken);
        Assert.Equal(XtaNamespaces.Addressing + "MessageID", first.Body!.Name);
        Assert.Empty(XtaSchemas.Validate(first.Body));
        Assert.NotEqual(first.Body.Value, second.Body!.Value);
    }

    [Fact]
    public async Task LookupService_reports_the_demo_service_available_another_not_and_an_unknown_reader_unknown()
    {
        using var client = new XtaTestClient(fake);
        var reader = FakeXtaServerOptions.DemoReader;
        var stranger = new XtaPartyIdentifier("XTA_ID", "NOBODY-0001");
        var action = XtaOperations.ActionOf(XtaOperation.LookupService);
        var ct = TestContext.Current.CancellationToken;
        var offered = await client.CallAsync(fake.ManagementPortUrl, action, XtaRequests.LookupService(reader.Party, reader.Services[0]), cancellationToken: ct);
        var notOffered = await client.CallAsync(fake.ManagementPortUrl, action, XtaRequests.LookupService(reader.Party, "urn:other"), cancellationToken: ct);
        var unknown = await client.CallAsync(fake.ManagementPortUrl, action, XtaRequests.LookupService(stranger, reader.Services[0]), cancellationToken: ct);
        Assert.Empty(XtaSchemas.Validate(offered.Body!));
        Assert.Equal("true", offered.Body!.Descendants(XtaNamespaces.Xta + "ServiceIsAvailable").Single().Value);
        Assert.Equal("false", notOffered.Body!.Descendants(XtaNamespaces.Xta + "ServiceIsAvailable").Single().Value);
        Assert.Single(unknown.Body!.Descendants(XtaNamespaces.Xta + "ServiceIsAvailableUnknown"));
    }

    [Fact]
    public async Task A_schema_invalid_request_is_refused_with_ParameterIsNotValid_and_recorded_invalid()
    {
        using var client = new XtaTestClient(fake);
        var body = XtaRequests.LookupService(FakeXtaServerOptions.DemoReader.Party, "urn:x");
        body.Descendants(XtaNamespaces.Xta + "ServiceType").Single().AddAfterSelf(new System.Xml.Linq.XElement(XtaNamespaces.Xta + "Unexpected"));
        var answer = await client.CallAsync(fake.ManagementPortUrl, XtaOperations.ActionOf(XtaOperation.LookupService), body, cancellationToken: TestContext.Current.CancellationToken);
        Assert.Equal(500, answer.Status);
        Assert.Equal(XtaNamespaces.Xta + "ParameterIsNotValidException", answer.Exception!.Name);
        Assert.Equal("9022", answer.ErrorCode);
        var record = fake.Requests.Single(r => r.AddressingMessageId == answer.RequestMessageId);
        Assert.False(record.Valid);
        Assert.Contains(record.Problems, p => p.Contains("Unexpected", StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_action_the_port_does_not_have_is_answered_with_the_addressing_fault_ActionNotSupported()
    {
        using var client = new XtaTestClient(fake);
        var answer = await client.CallAsync(fake.SendXtaPortUrl, XtaOperations.ActionOf(XtaOperation.CreateMessageId), cancellationToken: TestContext.Current.CancellationToken);
        Assert.True(answer.IsFault);
        Assert.Equal(SoapFaults.AddressingFaultAction, answer.Action);
        Assert.Contains("ActionNotSupported", answer.Body!.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_request_without_wsa_MessageID_is_refused()
    {
        using var client = new XtaTestClient(fake);
        var answer = await client.CallAsync(fake.ManagementPortUrl, XtaOperations.ActionOf(XtaOperation.CheckAccountActive), withMessageId: false, cancellationToken: TestContext.Current.CancellationToken);
        Assert.Contains("MessageAddressingHeaderRequired", answer.Body!.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_plain_SOAP_request_without_MTOM_is_answered_in_kind_and_recorded_as_not_MTOM()
    {
        using var client = new XtaTestClient(fake);
        var answer = await client.CallAsync(fake.ManagementPortUrl, XtaOperations.ActionOf(XtaOperation.CheckAccountActive), mtom: false, cancellationToken: TestContext.Current.CancellationToken);
        Assert.StartsWith("application/soap+xml", answer.ContentType, StringComparison.Ordinal);
        Assert.False(fake.Requests.Single(r => r.AddressingMessageId == answer.RequestMessageId).Mtom);
    }

    [Fact]
    public async Task A_transport_report_for_an_unknown_MessageID_is_InvalidMessageIDException_9070()
    {
        using var client = new XtaTestClient(fake);
        var answer = await client.CallAsync(fake.ManagementPortUrl, XtaOperations.ActionOf(XtaOperation.GetTransportReport),
            XtaRequests.MessageIdBody("urn:uuid:00000000-0000-0000-0000-000000000000"), cancellationToken: TestContext.Current.CancellationToken);
        Assert.Equal(XtaNamespaces.Xta + "InvalidMessageIDException", answer.Exception!.Name);
        Assert.Equal("9070", answer.ErrorCode);
    }
}
