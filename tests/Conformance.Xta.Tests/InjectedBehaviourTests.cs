using System.Diagnostics;
using EfaGateway.Conformance.Xta.Server;
using EfaGateway.Conformance.Xta.Soap;
using EfaGateway.Conformance.Xta.Tests.Support;

namespace EfaGateway.Conformance.Xta.Tests;

public sealed class InjectedBehaviourTests(FakeFixture fixture) : IClassFixture<FakeFixture>
{
    private readonly FakeXtaServer fake = fixture.Fake;
    private readonly CancellationToken ct = TestContext.Current.CancellationToken;

    public static TheoryData<XtaFaultKind, string> EveryFaultCode() =>
        [.. XtaFault.Codes.Where(c => c.Value.Kind is not null).Select(c => (c.Value.Kind!.Value, c.Key))];

    [Theory]
    [MemberData(nameof(EveryFaultCode))]
    public async Task Each_fault_is_answered_as_a_SOAP_1_2_fault_with_the_exception_element_the_XSD_defines(XtaFaultKind kind, string code)
    {
        using var client = new XtaTestClient(fake);
        fake.FailNext(XtaOperation.CreateMessageId, XtaFault.Of(kind, code));
        var answer = await client.CallAsync(fake.ManagementPortUrl, XtaOperations.ActionOf(XtaOperation.CreateMessageId), cancellationToken: ct);
        Assert.Equal(500, answer.Status);
        Assert.True(answer.IsFault);
        Assert.Empty(XtaSchemas.Validate(answer.Body!));
        Assert.Empty(XtaSchemas.Validate(answer.Exception!));
        Assert.Equal(XtaOperations.ActionOf(XtaOperation.CreateMessageId), answer.Action);
        Assert.Equal(answer.RequestMessageId, answer.RelatesTo);
        Assert.Equal(code, answer.ErrorCode);
        Assert.Equal(kind == XtaFaultKind.XtawsTechnicalProblem ? "env:Receiver" : "env:Sender",
            answer.Body!.Element(XtaNamespaces.Soap12 + "Code")!.Element(XtaNamespaces.Soap12 + "Value")!.Value);
    }

    [Fact]
    public async Task A_dropped_connection_reaches_the_client_as_a_broken_request_and_does_no_work()
    {
        using var client = new XtaTestClient(fake);
        fake.DropConnectionNext(XtaOperation.CreateMessageId);
        await Assert.ThrowsAnyAsync<HttpRequestException>(() =>
            client.CallAsync(fake.ManagementPortUrl, XtaOperations.ActionOf(XtaOperation.CreateMessageId), cancellationToken: ct));
        var record = fake.Requests.Last(r => r.Operation == XtaOperation.CreateMessageId);
        Assert.Equal("dropped", record.Outcome);
        Assert.Null(record.XtaMessageId);
    }

    [Fact]
    public async Task A_delay_holds_the_answer_back()
    {
        using var client = new XtaTestClient(fake);
        fake.DelayNext(XtaOperation.CheckAccountActive, TimeSpan.FromMilliseconds(600));
        var clock = Stopwatch.StartNew();
        var answer = await client.CallAsync(fake.ManagementPortUrl, XtaOperations.ActionOf(XtaOperation.CheckAccountActive), cancellationToken: ct);
        Assert.Equal(200, answer.Status);
        Assert.True(clock.Elapsed >= TimeSpan.FromMilliseconds(550));
    }

    [Fact]
    public async Task A_locked_account_is_PermissionDenied_9011_and_a_second_account_is_not_affected()
    {
        var other = fake.AddAccount(new XtaPartyIdentifier("XTA_ID", "EFAGW-AUTOR-0002"));
        using var otherClient = new XtaTestClient(fake, other);
        other.Locked = true;
        var answer = await otherClient.CallAsync(fake.ManagementPortUrl, XtaOperations.ActionOf(XtaOperation.CheckAccountActive), cancellationToken: ct);
        Assert.Equal("9011", answer.ErrorCode);
        using var client = new XtaTestClient(fake);
        Assert.Equal(200, (await client.CallAsync(fake.ManagementPortUrl, XtaOperations.ActionOf(XtaOperation.CheckAccountActive), cancellationToken: ct)).Status);
        Assert.Empty(fake.FakeErrors);
    }
}
