using EfaGateway.Conformance.Xta.Server;
using EfaGateway.Conformance.Xta.Soap;
using Xunit;

namespace EfaGateway.Conformance.Xta.Scenarios;

/// <summary>
/// The XTA sender scenarios: a fresh fake XTA server per scenario (mutual TLS, every request checked against the
/// official V3 schemas). After every scenario no request may have been schema-invalid and no message sent twice.
/// </summary>
public abstract class XtaSenderScenarios : IAsyncLifetime
{
    private FakeXtaServer? server;
    private IXtaSenderUnderTest? sender;

    protected FakeXtaServer Server => server ?? throw new InvalidOperationException("Not initialised.");

    protected IXtaSenderUnderTest Sender => sender ?? throw new InvalidOperationException("Not initialised.");

    protected static CancellationToken Ct => TestContext.Current.CancellationToken;

    protected abstract Task<IXtaSenderUnderTest> CreateSenderAsync();

    public async ValueTask InitializeAsync()
    {
        server = await FakeXtaServer.StartAsync(new FakeXtaServerOptions(), Ct);
        sender = await CreateSenderAsync();
    }

    public async ValueTask DisposeAsync()
    {
        if (sender is not null)
        {
            await sender.DisposeAsync();
        }

        if (server is not null)
        {
            await server.DisposeAsync();
        }

        GC.SuppressFinalize(this);
    }

    public static TheoryData<string> RefusingFaults() =>
        ["PermissionDenied", "ParameterIsNotValid", "MessageSchemaViolation", "MessageVirusDetection", "SyncAsync"];

    [Fact]
    public async Task An_application_is_sent_once_and_confirmed_by_a_green_report()
    {
        var run = await Sender.SendAsync(Server, 2048, Ct);

        var status = await Sender.StatusAsync(run, Ct);
        Assert.True(status.State == XtaSenderState.AwaitingReceipt, status.Reason);
        Assert.Equal([status.MessageId!], Server.AcceptedMessageIds);
        Assert.Contains(Server.Requests, r => r.Operation == XtaOperation.SendMessage && r.Mtom);
        Assert.Equal(XtaSenderState.Confirmed, (await Sender.CheckReceiptAsync(run, Ct)).State);
        AssertClean();
    }

    [Theory]
    [MemberData(nameof(RefusingFaults))]
    public async Task A_refused_message_fails_at_once_and_names_the_fault(string fault)
    {
        Server.FailNext(XtaOperation.SendMessage, fault switch
        {
            "PermissionDenied" => XtaFault.PermissionDenied(),
            "ParameterIsNotValid" => XtaFault.ParameterIsNotValid(),
            "MessageSchemaViolation" => XtaFault.MessageSchemaViolation(),
            "MessageVirusDetection" => XtaFault.MessageVirusDetection(),
            _ => XtaFault.SyncAsync(),
        });

        var status = await Sender.StatusAsync(await Sender.SendAsync(Server, 2048, Ct), Ct);

        Assert.Equal(XtaSenderState.Failed, status.State);
        Assert.Contains(fault, status.Reason, StringComparison.Ordinal);
        Assert.Empty(Server.AcceptedMessageIds);
        Assert.Single(Server.Requests, r => r.Operation == XtaOperation.SendMessage);
        AssertClean();
    }

    [Fact]
    public async Task A_technical_problem_then_success_sends_one_message_under_one_message_id()
    {
        Server.FailNext(XtaOperation.SendMessage, XtaFault.TechnicalProblem());

        var run = await Sender.SendAsync(Server, 2048, Ct);

        Assert.Equal(XtaSenderState.AwaitingReceipt, (await Sender.StatusAsync(run, Ct)).State);
        Assert.Single(Server.AcceptedMessageIds);
        Assert.Single(Server.Requests, r => r.Operation == XtaOperation.CreateMessageId);
        AssertClean();
    }

    [Fact]
    public async Task An_answer_lost_after_the_server_took_the_message_does_not_send_it_twice()
    {
        Server.DropAnswerNext(XtaOperation.SendMessage);

        var run = await Sender.SendAsync(Server, 2048, Ct);

        Assert.Equal(XtaSenderState.AwaitingReceipt, (await Sender.StatusAsync(run, Ct)).State);
        Assert.Single(Server.AcceptedMessageIds);
        AssertClean();
    }

    [Fact]
    public async Task A_dropped_connection_and_a_slow_answer_are_overcome()
    {
        Server.DropConnectionNext(XtaOperation.CreateMessageId);
        Server.DelayNext(XtaOperation.SendMessage, TimeSpan.FromSeconds(6));

        var run = await Sender.SendAsync(Server, 2048, Ct);

        Assert.Equal(XtaSenderState.AwaitingReceipt, (await Sender.StatusAsync(run, Ct)).State);
        Assert.Single(Server.AcceptedMessageIds);
        AssertClean();
    }

    [Fact]
    public async Task A_container_over_40_MB_is_refused_before_anything_is_sent()
    {
        var status = await Sender.StatusAsync(await Sender.SendAsync(Server, 40 * 1024 * 1024, Ct), Ct);

        Assert.Equal(XtaSenderState.Failed, status.State);
        Assert.Contains("40 MB", status.Reason, StringComparison.Ordinal);
        Assert.DoesNotContain(Server.Requests, r => r.Operation == XtaOperation.SendMessage);
    }

    [Fact]
    public async Task A_yellow_report_confirms_with_its_warnings_shown()
    {
        var run = await Sender.SendAsync(Server, 2048, Ct);
        Server.SetTransportReport((await Sender.StatusAsync(run, Ct)).MessageId!, XtaTransportStatus.Yellow,
            warnings: [new XtaReportRecord("W1", "Zertifikat des Lesers läuft bald ab")]);

        var status = await Sender.CheckReceiptAsync(run, Ct);

        Assert.Equal(XtaSenderState.Confirmed, status.State);
        Assert.Contains("Zertifikat des Lesers läuft bald ab", status.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_red_report_fails_the_delivery_with_its_errors()
    {
        var run = await Sender.SendAsync(Server, 2048, Ct);
        Server.SetTransportReport((await Sender.StatusAsync(run, Ct)).MessageId!, XtaTransportStatus.Red,
            errors: [new XtaReportRecord("E7", "Leser nicht erreichbar")]);

        var status = await Sender.CheckReceiptAsync(run, Ct);

        Assert.Equal(XtaSenderState.Failed, status.State);
        Assert.Contains("Leser nicht erreichbar", status.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_open_report_keeps_the_sender_waiting()
    {
        var run = await Sender.SendAsync(Server, 2048, Ct);
        Server.SetTransportReport((await Sender.StatusAsync(run, Ct)).MessageId!, XtaTransportStatus.Open);

        Assert.Equal(XtaSenderState.AwaitingReceipt, (await Sender.CheckReceiptAsync(run, Ct)).State);
    }

    /// <summary>No request outside the schemas or from an unknown account, and nothing the fake itself got wrong.</summary>
    private void AssertClean()
    {
        Assert.Empty(Server.FakeErrors);
        Assert.All(Server.Requests, r => Assert.True(r.WellFormed, $"{r.Operation}: {string.Join("; ", r.Problems)}"));
    }
}
