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
    public async Task An_application_is_sent_once_under_the_created_message_id_and_the_green_report_confirms_it()
    {
        var delivery = new XtaDelivery(server);

        var outcome = await delivery.AttemptAsync();

        Assert.Equal(DeliveryOutcome.Succeeded(awaitsReceipt: true), outcome);
        var messageId = delivery.Recorded[XtaIds.MessageId];
        Assert.Equal([messageId], server.AcceptedMessageIds);
        Assert.Empty(server.FakeErrors);
        Assert.All(server.Requests, r => Assert.True(r.Valid, string.Join("; ", r.Problems)));
        Assert.Contains(server.Requests, r => r.Operation == XtaOperation.SendMessage && r.Mtom);
        Assert.IsType<ReceiptVerdict.Confirmed>(await ReceiptAsync(delivery));
    }

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
    public async Task A_technical_problem_is_retried_under_the_same_message_id_and_sends_one_message()
    {
        var delivery = new XtaDelivery(server);
        server.FailNext(XtaOperation.SendMessage, XtaFault.TechnicalProblem());

        var first = await delivery.AttemptAsync();
        var second = await delivery.AttemptAsync();

        Assert.IsType<DeliveryOutcome.Transient>(first);
        Assert.Contains("XTAWSTechnicalProblemException 9030", ((DeliveryOutcome.Transient)first).Reason, StringComparison.Ordinal);
        Assert.Equal(DeliveryOutcome.Succeeded(awaitsReceipt: true), second);
        Assert.Single(server.AcceptedMessageIds);
        Assert.Single(server.Requests, r => r.Operation == XtaOperation.CreateMessageId);
    }

    [Fact]
    public async Task An_answer_lost_after_the_server_took_the_message_is_settled_by_its_transport_report_without_sending_again()
    {
        var delivery = new XtaDelivery(server);
        server.DropAnswerNext(XtaOperation.SendMessage);

        var first = await delivery.AttemptAsync();
        var second = await delivery.AttemptAsync();

        Assert.IsType<DeliveryOutcome.Transient>(first);
        Assert.Equal(DeliveryOutcome.Succeeded(awaitsReceipt: true), second);
        Assert.Single(server.AcceptedMessageIds);
        Assert.Single(server.Requests, r => r.Operation == XtaOperation.SendMessage);
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

    public static TheoryData<string> PermanentFaults() =>
        ["PermissionDenied", "ParameterIsNotValid", "MessageSchemaViolation", "MessageVirusDetection", "SyncAsync"];

    [Theory]
    [MemberData(nameof(PermanentFaults))]
    public async Task A_refusal_of_the_message_is_permanent_and_names_the_fault(string fault)
    {
        var xtaFault = fault switch
        {
            "PermissionDenied" => XtaFault.PermissionDenied(),
            "ParameterIsNotValid" => XtaFault.ParameterIsNotValid(),
            "MessageSchemaViolation" => XtaFault.MessageSchemaViolation(),
            "MessageVirusDetection" => XtaFault.MessageVirusDetection(),
            _ => XtaFault.SyncAsync(),
        };
        server.FailNext(XtaOperation.SendMessage, xtaFault);

        var outcome = await new XtaDelivery(server).AttemptAsync();

        var permanent = Assert.IsType<DeliveryOutcome.Permanent>(outcome);
        Assert.Contains(fault, permanent.Reason, StringComparison.Ordinal);
        Assert.Empty(server.AcceptedMessageIds);
    }

    [Fact]
    public async Task A_container_over_40_MB_is_refused_before_anything_is_sent()
    {
        var outcome = await new XtaDelivery(server).AttemptAsync(attachmentBytes: 40 * 1024 * 1024);

        Assert.Equal("The content container has 40.0 MB; XTA allows at most 40 MB.", Assert.IsType<DeliveryOutcome.Permanent>(outcome).Reason);
        Assert.Empty(server.Requests);
    }

    [Fact]
    public async Task Yellow_and_red_reports_confirm_with_warnings_or_fail_with_the_errors()
    {
        var yellow = new XtaDelivery(server);
        var red = new XtaDelivery(server);
        await yellow.AttemptAsync();
        await red.AttemptAsync();
        server.SetTransportReport(yellow.Recorded[XtaIds.MessageId], XtaTransportStatus.Yellow, warnings: [new XtaReportRecord("W1", "Zertifikat läuft bald ab")]);
        server.SetTransportReport(red.Recorded[XtaIds.MessageId], XtaTransportStatus.Red, errors: [new XtaReportRecord("E7", "Leser nicht erreichbar")]);

        var warned = Assert.IsType<ReceiptVerdict.Confirmed>(await ReceiptAsync(yellow));
        var refused = Assert.IsType<ReceiptVerdict.Rejected>(await ReceiptAsync(red));

        Assert.Contains("Zertifikat läuft bald ab", warned.Warnings, StringComparison.Ordinal);
        Assert.Contains("Leser nicht erreichbar", refused.Reason, StringComparison.Ordinal);
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
