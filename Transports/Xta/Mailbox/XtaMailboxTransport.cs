using System.Text.Json;
using EfaGateway.Core.Deliveries;
using EfaGateway.Core.Ports;
using Microsoft.Extensions.Options;

namespace EfaGateway.Transports.Xta.Mailbox;

/// <summary>
/// Puts an application into the gateway's own XTA mailbox for the route's reader, where its Fachverfahren fetches it
/// (getStatusList → getMessage → close). As for the Autor, the first mapped document is the XÖV message, further
/// documents and the uploads are attachments. The MessageID is recorded before anything is stored; the entry is
/// written last, so an attempt after a crash finds a complete message or stores it again under the same id. The
/// delivery awaits its receipt: the Fachverfahren's close confirms it.
/// </summary>
public sealed class XtaMailboxTransport(IBlobStore blobs, IOptions<XtaMailboxOptions> options, TimeProvider time) : ITransport
{
    public const string TransportId = "xta-mailbox";

    /// <summary>The MessageID, recorded before the message is stored.</summary>
    public const string MessageIdKey = "xta-mailbox.messageId";

    /// <summary>The size of the content container in bytes, recorded with the MessageID.</summary>
    public const string SizeKey = "xta-mailbox.size";

    public string Id => TransportId;

    public async Task<DeliveryOutcome> DeliverAsync(DeliveryRequest request, CancellationToken cancellationToken)
    {
        var mailbox = options.Value;
        if (!mailbox.Enabled || mailbox.GatewayParty is not { } gatewayParty)
        {
            return DeliveryOutcome.Fail("The gateway's XTA mailbox is not configured (Gateway:XtaMailbox); no Fachverfahren could fetch the message.");
        }

        var (route, problem) = XtaMailboxRouteSettings.ReadUsable(request.Route?.Settings);
        if (route is null)
        {
            return DeliveryOutcome.Fail(problem!);
        }

        if (request.Artifacts.Count == 0)
        {
            return DeliveryOutcome.Fail("The xta-mailbox route has no mapper for the XÖV message.");
        }

        var submission = request.Submission;
        var contents = request.Artifacts.Concat(request.Attachments).ToList();
        var size = contents.Sum(c => (long)c.Content.Length);
        if (size > Soap.XtaNames.MaxContainerBytes)
        {
            return DeliveryOutcome.Fail($"The content container has {size / 1_048_576.0:0.0} MB; XTA allows at most 40 MB.");
        }

        var entryKey = MailboxEntry.EntryKey(submission.Id, request.DeliveryId);
        var messageId = MailboxEntry.MessageIdOf(request.DeliveryId);
        if (request.ExternalIds.ContainsKey(MessageIdKey))
        {
            if (await blobs.GetAsync(entryKey, cancellationToken) is not null)
            {
                return DeliveryOutcome.Succeeded(awaitsReceipt: true);
            }
        }
        else
        {
            // The size stays with the delivery record, so a transport report can still be given once the content is purged.
            await request.RecordExternalIdsAsync(new Dictionary<string, string>(StringComparer.Ordinal)
            {
                [MessageIdKey] = messageId,
                [SizeKey] = size.ToString(System.Globalization.CultureInfo.InvariantCulture),
            }, cancellationToken);
        }

        var prefix = MailboxEntry.Prefix(submission.Id, request.DeliveryId);
        var files = new List<MailboxFile>();
        for (var i = 0; i < contents.Count; i++)
        {
            var key = $"{prefix}files/{i}";
            await blobs.PutAsync(key, contents[i].Content, cancellationToken);
            files.Add(new MailboxFile(contents[i].FileName, contents[i].MediaType, contents[i].Content.Length, key));
        }

        // Origin is when the citizen submitted; Delivery the time of entry in the mailbox.
        var enteredAt = time.GetUtcNow();
        var entry = new MailboxEntry(messageId, request.DeliveryId, submission.Id, submission.TenantId, submission.ProcessId, enteredAt,
            MailboxEntry.WriteMetaData(route, gatewayParty, messageId, size, submission.ReceivedAt, enteredAt), files[0], files[1..]);
        await blobs.PutAsync(entryKey, entry.ToJson(), cancellationToken);
        return DeliveryOutcome.Succeeded(awaitsReceipt: true);
    }
}

/// <summary>Checks xta-mailbox route settings for <c>route set</c>; all problems at once.</summary>
public sealed class XtaMailboxTransportSettings : ITransportSettings
{
    public string TransportId => XtaMailboxTransport.TransportId;

    public IReadOnlyCollection<string> SecretNames => [];

    public IReadOnlyList<string> Validate(JsonElement? settings)
    {
        var (read, error) = XtaMailboxRouteSettings.Read(settings);
        return read is null ? [error!] : [.. read.Problems()];
    }
}

/// <summary>
/// The receipt of a mailbox message is the Fachverfahren's close, which confirms the delivery at once. Until then the
/// receipt poller hears "not yet", and after <c>Gateway:Receipts:AlertAfter</c> it raises its alert.
/// </summary>
public sealed class XtaMailboxReceipts : IReceiptSource
{
    public Task<ReceiptVerdict> CheckAsync(ReceiptRequest request, CancellationToken cancellationToken) =>
        Task.FromResult(ReceiptVerdict.NotYet("The Fachverfahren has not fetched and closed the message in the gateway's XTA mailbox yet."));
}
