using System.Xml.Linq;
using EfaGateway.Conformance.Xta.Server;
using EfaGateway.Conformance.Xta.Soap;
using EfaGateway.Conformance.Xta.Tests.Support;

namespace EfaGateway.Conformance.Xta.Tests;

public sealed class SendXtaPortTests(FakeFixture fixture) : IClassFixture<FakeFixture>
{
    private readonly FakeXtaServer fake = fixture.Fake;
    private readonly CancellationToken ct = TestContext.Current.CancellationToken;

    private async Task<string> NewMessageIdAsync(XtaTestClient client) =>
        (await client.CallAsync(fake.ManagementPortUrl, XtaOperations.ActionOf(XtaOperation.CreateMessageId), cancellationToken: ct)).Body!.Value;

    private Task<XtaAnswer> SendAsync(XtaTestClient client, string messageId, byte[]? message = null, long? msgSize = null,
        XtaPartyIdentifier? author = null, DateTimeOffset? notBefore = null, params byte[][] attachments)
    {
        message ??= XtaRequests.XmlMessage;
        return client.SendAsync(fake.SendXtaPortUrl, XtaRequests.SendMessage(message, "text/xml", attachments),
            [XtaRequests.MetaData(author ?? fake.Author.Party, messageId, msgSize, notBefore)], cancellationToken: ct);
    }

    [Fact]
    public async Task SendMessage_with_attachments_over_MTOM_is_accepted_recorded_and_reported_green()
    {
        using var client = new XtaTestClient(fake);
        var id = await NewMessageIdAsync(client);
        var pdf = new byte[50_000];
        var answer = await SendAsync(client, id, msgSize: XtaRequests.XmlMessage.Length + 2L * pdf.Length, attachments: [pdf, pdf]);
        Assert.Equal(200, answer.Status);
        Assert.Equal("http://www.xta.de/XTA/SendMessage", answer.Action);
        Assert.Null(answer.Body);
        var record = fake.Requests.Single(r => r.XtaMessageId == id && r.Operation == XtaOperation.SendMessage);
        Assert.True(record.Valid, string.Join("; ", record.Problems));
        Assert.True(record.Mtom);
        Assert.Equal(XtaRequests.XmlMessage.Length, record.MessageBytes);
        Assert.Equal([50_000L, 50_000L], record.AttachmentBytes);
        Assert.Contains(id, fake.AcceptedMessageIds);

        var report = await client.CallAsync(fake.ManagementPortUrl, XtaOperations.ActionOf(XtaOperation.GetTransportReport), XtaRequests.MessageIdBody(id), cancellationToken: ct);
        Assert.Empty(XtaSchemas.Validate(report.Body!));
        Assert.Equal("1", report.Body!.Descendants(XtaNamespaces.Xta + "Status").Single().Value);
    }

    [Fact]
    public async Task A_reused_MessageID_is_refused_with_ParameterIsNotValid_9024()
    {
        using var client = new XtaTestClient(fake);
        var id = await NewMessageIdAsync(client);
        Assert.Equal(200, (await SendAsync(client, id)).Status);
        var again = await SendAsync(client, id);
        Assert.Equal(XtaNamespaces.Xta + "ParameterIsNotValidException", again.Exception!.Name);
        Assert.Equal("9024", again.ErrorCode);
        Assert.Single(fake.AcceptedMessageIds, m => m == id);
    }

    [Fact]
    public async Task A_MessageID_createMessageId_never_issued_is_refused()
    {
        using var client = new XtaTestClient(fake);
        var answer = await SendAsync(client, $"urn:uuid:{Guid.NewGuid()}");
        Assert.Equal("9022", answer.ErrorCode);
    }

    [Fact]
    public async Task An_Author_other_than_the_certificates_account_is_PermissionDenied_9014()
    {
        using var client = new XtaTestClient(fake);
        var answer = await SendAsync(client, await NewMessageIdAsync(client), author: new XtaPartyIdentifier("XTA_ID", "SOMEONE-ELSE"));
        Assert.Equal(XtaNamespaces.Xta + "PermissionDeniedException", answer.Exception!.Name);
        Assert.Equal("9014", answer.ErrorCode);
    }

    [Fact]
    public async Task A_wrong_MsgSize_is_refused_as_an_invalid_parameter()
    {
        using var client = new XtaTestClient(fake);
        var answer = await SendAsync(client, await NewMessageIdAsync(client), msgSize: 1);
        Assert.Equal("9022", answer.ErrorCode);
    }

    [Fact]
    public async Task A_Message_declared_as_XML_that_does_not_parse_is_MessageSchemaViolation_9050()
    {
        using var client = new XtaTestClient(fake);
        var answer = await SendAsync(client, await NewMessageIdAsync(client), message: "<antrag>"u8.ToArray());
        Assert.Equal(XtaNamespaces.Xta + "MessageSchemaViolationException", answer.Exception!.Name);
        Assert.Equal("9050", answer.ErrorCode);
    }

    [Fact]
    public async Task SendMessageSync_is_refused_with_SyncAsync_9080_because_the_fake_is_asynchronous_only()
    {
        using var client = new XtaTestClient(fake);
        var request = XtaRequests.SendMessage(XtaRequests.XmlMessage, "text/xml");
        request.Headers.Action = XtaOperations.ActionOf(XtaOperation.SendMessageSync);
        var answer = await client.SendAsync(fake.SendXtaPortUrl, request, [XtaRequests.MetaData(fake.Author.Party, await NewMessageIdAsync(client))], cancellationToken: ct);
        Assert.Equal(XtaNamespaces.Xta + "SyncAsyncException", answer.Exception!.Name);
        Assert.Equal("9080", answer.ErrorCode);
    }

    [Fact]
    public async Task Transport_report_statuses_and_their_lists_follow_SetTransportReport()
    {
        using var client = new XtaTestClient(fake);
        var id = await NewMessageIdAsync(client);
        await SendAsync(client, id);
        foreach (var (status, expected) in new[] { (XtaTransportStatus.Open, "0"), (XtaTransportStatus.Yellow, "2"), (XtaTransportStatus.Red, "3") })
        {
            fake.SetTransportReport(id, status,
                errors: status == XtaTransportStatus.Red ? [new XtaReportRecord("E1", "Leser nicht erreichbar")] : null,
                warnings: status == XtaTransportStatus.Yellow ? [new XtaReportRecord("W1", "Zustellung verzögert")] : null);
            var report = (await client.CallAsync(fake.ManagementPortUrl, XtaOperations.ActionOf(XtaOperation.GetTransportReport), XtaRequests.MessageIdBody(id), cancellationToken: ct)).Body!;
            Assert.Empty(XtaSchemas.Validate(report));
            Assert.Equal(expected, report.Descendants(XtaNamespaces.Xta + "Status").Single().Value);
            Assert.Equal(status == XtaTransportStatus.Red, report.Descendants(XtaNamespaces.Xta + "Error").Any());
            Assert.Equal(status == XtaTransportStatus.Yellow, report.Descendants(XtaNamespaces.Xta + "Warning").Any());
        }
    }

    [Fact]
    public async Task CancelMessage_is_denied_9101_without_NotBefore_and_withdraws_an_order_whose_NotBefore_lies_ahead()
    {
        using var client = new XtaTestClient(fake);
        var action = XtaOperations.ActionOf(XtaOperation.CancelMessage);
        var plain = await NewMessageIdAsync(client);
        await SendAsync(client, plain);
        var denied = await client.CallAsync(fake.ManagementPortUrl, action, XtaRequests.MessageIdBody(plain), cancellationToken: ct);
        Assert.Equal(XtaNamespaces.Xta + "CancelDeniedException", denied.Exception!.Name);
        Assert.Equal("9101", denied.ErrorCode);

        var later = await NewMessageIdAsync(client);
        await SendAsync(client, later, notBefore: TimeProvider.System.GetUtcNow().AddDays(1));
        var cancelled = await client.CallAsync(fake.ManagementPortUrl, action, XtaRequests.MessageIdBody(later), cancellationToken: ct);
        Assert.Equal(200, cancelled.Status);
        Assert.Equal((XtaTransportStatus.Red, true), fake.MessageState(later));
    }

    [Fact]
    public async Task A_dropped_answer_leaves_exactly_one_accepted_message_after_the_retry()
    {
        using var client = new XtaTestClient(fake);
        var id = await NewMessageIdAsync(client);
        fake.DropAnswerNext(XtaOperation.SendMessage);
        await Assert.ThrowsAnyAsync<HttpRequestException>(() => SendAsync(client, id));
        var retry = await SendAsync(client, id);
        Assert.Equal("9024", retry.ErrorCode);
        Assert.Single(fake.AcceptedMessageIds, m => m == id);
        Assert.Equal(["answer dropped", "ParameterIsNotValidException 9024"],
            fake.Requests.Where(r => r.XtaMessageId == id && r.Operation == XtaOperation.SendMessage).Select(r => r.Outcome));
    }
}
