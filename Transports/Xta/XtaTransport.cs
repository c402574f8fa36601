using System.Globalization;
using System.Text.Json;
using EfaGateway.Core.Deliveries;
using EfaGateway.Core.Ports;
using EfaGateway.Transports.Xta.Settings;
using EfaGateway.Transports.Xta.Soap;

namespace EfaGateway.Transports.Xta;

/// <summary>
/// Sends an application over XTA 2 Version 3 as Autor: the first mapped document is the XÖV message, further
/// documents (PDF) and the uploads are attachments. The MessageID from createMessageId is persisted before
/// sendMessage, and every retry sends under it; if an earlier attempt may have sent already, the server's transport
/// report decides. The receipt follows through <see cref="XtaReceipts"/>. Calls go over the route's pooled
/// <see cref="XtaConnection"/>: one delivery makes two calls (createMessageId, sendMessage), on open TLS connections.
/// </summary>
public sealed class XtaTransport(TimeProvider time, XtaConnectionPool connections) : ITransport
{
    public const string TransportId = "xta";

    public string Id => TransportId;

    /// <summary>
    /// A retry never sends what the server already has: under a recorded MessageID it asks for the transport report
    /// first and sends only if the server does not know the message. What it sends then was never handed over, so it
    /// may be mapped afresh; the artifacts need no copies kept for retries (two durable blob writes per delivery fewer).
    /// </summary>
    public bool KeepsArtifactsForRetries => false;

    public async Task<DeliveryOutcome> DeliverAsync(DeliveryRequest request, CancellationToken cancellationToken)
    {
        if (request.ExternalIds.ContainsKey(XtaIds.Sent))
        {
            return DeliveryOutcome.Succeeded(awaitsReceipt: true);
        }

        if (request.Artifacts.Count == 0)
        {
            return DeliveryOutcome.Fail("The XTA route has no mapper for the XÖV message.");
        }

        var container = new ContentContainer(request.Artifacts[0], [.. request.Artifacts.Skip(1), .. request.Attachments]);
        if (container.Size > XtaNames.MaxContainerBytes)
        {
            return DeliveryOutcome.Fail($"The content container has {container.Size / 1_048_576.0:0.0} MB; XTA allows at most 40 MB.");
        }

        var (client, problem) = connections.ClientFor(RouteOf(request.Submission.TenantId, request.Submission.ProcessId), request.Route?.Settings);
        if (client is null)
        {
            return DeliveryOutcome.Fail(problem!);
        }

        using var _ = client;
        string messageId;
        if (request.ExternalIds.TryGetValue(XtaIds.MessageId, out var recorded))
        {
            messageId = recorded;
            // An earlier attempt may have sent before it could record so: a transport report means the server has it.
            var report = await client.GetTransportReportAsync(messageId, cancellationToken);
            if (report.Succeeded)
            {
                MarkSent(request);
                return DeliveryOutcome.Succeeded(awaitsReceipt: true);
            }

            if (report.Failure is { FaultElement: not "InvalidMessageIDException" } failure)
            {
                return Outcome(failure);
            }
        }
        else
        {
            var created = await client.CreateMessageIdAsync(cancellationToken);
            if (created.Failure is { } failure)
            {
                return Outcome(failure);
            }

            if (created.Body is not { Name.LocalName: "MessageID" } idElement || string.IsNullOrWhiteSpace(idElement.Value))
            {
                return DeliveryOutcome.Retry("The XTA server answered createMessageId without a MessageID.");
            }

            messageId = idElement.Value.Trim();
            await request.RecordExternalIdAsync(XtaIds.MessageId, messageId, cancellationToken);
        }

        var sent = await client.SendMessageAsync(messageId, container, time.GetUtcNow(), cancellationToken);
        if (sent.Failure is { } sendFailure)
        {
            return Outcome(sendFailure);
        }

        MarkSent(request);
        return DeliveryOutcome.Succeeded(awaitsReceipt: true);
    }

    public static (XtaRouteSettings? Settings, string? Problem) ReadSettings(JsonElement? element)
    {
        var (settings, error) = XtaRouteSettings.Read(element);
        if (settings is null)
        {
            return (null, error);
        }

        var problems = settings.Problems().ToList();
        return problems.Count == 0 ? (settings, null) : (null, "The XTA route settings are not usable: " + string.Join(" ", problems));
    }

    /// <summary>The route a connection serves: one XTA route per tenant and process.</summary>
    public static string RouteOf(string tenantId, string processId) => $"{tenantId}/{processId}";

    // Saved with the outcome, not on its own: after a crash before that save the recorded MessageID's transport report
    // tells again that the server has the message, so losing the mark loses nothing.
    private void MarkSent(DeliveryRequest request) =>
        request.NoteExternalId(XtaIds.Sent, time.GetUtcNow().ToString("O", CultureInfo.InvariantCulture));

    private static DeliveryOutcome Outcome(XtaFailure failure) =>
        failure.IsTransient ? DeliveryOutcome.Retry(failure.Reason) : DeliveryOutcome.Fail(failure.Reason);
}
