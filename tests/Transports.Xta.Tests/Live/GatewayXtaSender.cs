using EfaGateway.Conformance.Xta.Scenarios;
using EfaGateway.Conformance.Xta.Server;
using EfaGateway.Core.Deliveries;
using EfaGateway.Core.Ports;
using EfaGateway.Core.Processes;

namespace EfaGateway.Transports.Xta.Tests.Live;

/// <summary>
/// The gateway's XTA transport as the sender of the scenario suite: attempts are repeated while the outcome is
/// transient (as the delivery worker's retries would), ids carried between attempts as the delivery record keeps
/// them, and the receipt read through <see cref="XtaReceipts"/>.
/// </summary>
public sealed class GatewayXtaSender : IXtaSenderUnderTest
{
    private const int MaxAttempts = 6;
    private readonly Dictionary<string, (XtaDelivery Delivery, DeliveryOutcome Outcome)> runs = new(StringComparer.Ordinal);

    public async Task<XtaSenderRun> SendAsync(FakeXtaServer server, int attachmentBytes, CancellationToken cancellationToken)
    {
        var delivery = new XtaDelivery(server);
        DeliveryOutcome outcome;
        var attempt = 0;
        do
        {
            outcome = await delivery.AttemptAsync(attachmentBytes);
        }
        while (outcome is DeliveryOutcome.Transient && ++attempt < MaxAttempts);

        var run = new XtaSenderRun(Guid.NewGuid().ToString("N"));
        runs[run.Id] = (delivery, outcome);
        return run;
    }

    public Task<XtaSenderStatus> StatusAsync(XtaSenderRun run, CancellationToken cancellationToken)
    {
        var (delivery, outcome) = runs[run.Id];
        var messageId = delivery.Recorded.GetValueOrDefault(XtaIds.MessageId);
        return Task.FromResult(outcome switch
        {
            DeliveryOutcome.Delivered => new XtaSenderStatus(XtaSenderState.AwaitingReceipt, null, messageId),
            DeliveryOutcome.Permanent permanent => new XtaSenderStatus(XtaSenderState.Failed, permanent.Reason, messageId),
            DeliveryOutcome.Transient transient => new XtaSenderStatus(XtaSenderState.Delivering, transient.Reason, messageId),
            _ => throw new InvalidOperationException("Unknown outcome."),
        });
    }

    public async Task<XtaSenderStatus> CheckReceiptAsync(XtaSenderRun run, CancellationToken cancellationToken)
    {
        var (delivery, _) = runs[run.Id];
        var record = Delivery.Create(Guid.NewGuid(), Guid.NewGuid(), "schoenwetter-am-berg", "bauantrag", XtaTransport.TransportId, ["xbau-2.6"], null,
            TimeProvider.System.GetUtcNow());
        record.Claim("test", TimeProvider.System.GetUtcNow(), TimeSpan.FromMinutes(5));
        record.RecordExternalIds(delivery.Recorded);
        var route = new RouteDefinition { TransportId = XtaTransport.TransportId, MapperIds = ["xbau-2.6"], Settings = System.Text.Json.JsonSerializer.SerializeToElement(delivery.SettingsJson()) };
        var verdict = await new XtaReceipts(delivery.Connections).CheckAsync(new ReceiptRequest(record, null!, route), cancellationToken);
        var messageId = delivery.Recorded.GetValueOrDefault(XtaIds.MessageId);
        return verdict switch
        {
            ReceiptVerdict.Confirmed confirmed => new XtaSenderStatus(XtaSenderState.Confirmed, confirmed.Warnings, messageId),
            ReceiptVerdict.Rejected rejected => new XtaSenderStatus(XtaSenderState.Failed, rejected.Reason, messageId),
            ReceiptVerdict.Pending pending => new XtaSenderStatus(XtaSenderState.AwaitingReceipt, pending.Note, messageId),
            _ => throw new InvalidOperationException("Unknown verdict."),
        };
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
