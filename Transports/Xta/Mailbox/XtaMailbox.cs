using System.Globalization;
using System.Xml.Linq;
using EfaGateway.Core.Deliveries;
using EfaGateway.Core.Pipeline;
using EfaGateway.Core.Ports;
using EfaGateway.Transports.Xta.Soap;
using Microsoft.Extensions.Options;

namespace EfaGateway.Transports.Xta.Mailbox;

/// <summary>A route of the mailbox a caller may fetch from.</summary>
public sealed record MailboxRoute(string TenantId, string ProcessId, XtaMailboxRouteSettings Settings);

/// <summary>A Fachverfahren, known by its client certificate: the routes (tenant, process, reader) it may fetch from.</summary>
public sealed record MailboxCaller(IReadOnlyList<MailboxRoute> Routes)
{
    public MailboxRoute? RouteOf(Delivery delivery) =>
        Routes.FirstOrDefault(r => r.TenantId == delivery.TenantId && r.ProcessId == delivery.ProcessId);
}

/// <summary>
/// The mailbox as the Fachverfahren sees it: only messages of routes whose settings list its certificate, open until
/// it closes them. A message of another caller is answered exactly like one that does not exist.
/// </summary>
public sealed class XtaMailbox(
    ICatalogStore catalog,
    IDeliveryStore deliveries,
    IBlobStore blobs,
    DeliveryFollowUp followUp,
    IOptions<XtaMailboxOptions> options,
    TimeProvider time)
{
    /// <summary>At most this many open messages are considered per request (per route).</summary>
    private const int MaxOpen = 10_000;

    public XtaMailboxOptions Options => options.Value;

    /// <summary>
    /// The routes a client certificate may fetch from; with an AuthorIdentifier header (the Leser's party) only those
    /// of that reader. Null when the header names a reader the certificate may not fetch for.
    /// </summary>
    public async Task<MailboxCaller?> CallerAsync(string sha256Thumbprint, XElement? authorIdentifier, CancellationToken cancellationToken)
    {
        var routes = new List<MailboxRoute>();
        foreach (var binding in await catalog.ListAllTenantProcessesAsync(cancellationToken))
        {
            foreach (var route in binding.Routes.Where(r => r.TransportId == XtaMailboxTransport.TransportId))
            {
                if (XtaMailboxRouteSettings.ReadUsable(route.Settings).Settings is { } settings && settings.Allows(sha256Thumbprint))
                {
                    routes.Add(new MailboxRoute(binding.TenantId, binding.Process.Id, settings));
                }
            }
        }

        if (authorIdentifier?.Element(XName.Get("Identifier", XtaNames.OsciMeta)) is not { } identifier)
        {
            return new MailboxCaller(routes);
        }

        var value = identifier.Value.Trim();
        var type = (string?)identifier.Attribute("type");
        var own = routes.Where(r => r.Settings.Reader!.Identifier == value && r.Settings.Reader.Type == type).ToList();
        return routes.Count > 0 && own.Count == 0 ? null : new MailboxCaller(own);
    }

    /// <summary>The caller's open (not yet closed) messages, the longest-waiting first.</summary>
    public async Task<IReadOnlyList<Delivery>> OpenAsync(MailboxCaller caller, CancellationToken cancellationToken)
    {
        var open = new List<Delivery>();
        foreach (var route in caller.Routes.DistinctBy(r => (r.TenantId, r.ProcessId)))
        {
            open.AddRange(await deliveries.ListAwaitingReceiptAsync(XtaMailboxTransport.TransportId, route.TenantId, route.ProcessId, MaxOpen,
                cancellationToken));
        }

        return [.. open.OrderBy(d => d.DeliveredAt).ThenBy(d => d.Id)];
    }

    /// <summary>The delivery behind a MessageID if the caller may see it (open or closed); otherwise null.</summary>
    public async Task<Delivery?> FindAsync(MailboxCaller caller, string? messageId, CancellationToken cancellationToken)
    {
        if (MailboxEntry.DeliveryIdOf(messageId) is not { } deliveryId)
        {
            return null;
        }

        var delivery = await deliveries.FindAsync(deliveryId, cancellationToken);
        return delivery is not null && delivery.TransportId == XtaMailboxTransport.TransportId && caller.RouteOf(delivery) is not null
            && delivery.State is DeliveryState.Delivered or DeliveryState.Confirmed
            && delivery.ExternalIds.ContainsKey(XtaMailboxTransport.MessageIdKey)
            ? delivery
            : null;
    }

    public async Task<MailboxEntry?> EntryAsync(Delivery delivery, CancellationToken cancellationToken) =>
        await blobs.GetAsync(MailboxEntry.EntryKey(delivery.SubmissionId, delivery.Id), cancellationToken) is { } json
            ? MailboxEntry.FromJson(json)
            : null;

    /// <summary>The XÖV message and the attachments of an entry; null if any part is gone.</summary>
    public async Task<ContentContainer?> ContentAsync(MailboxEntry entry, CancellationToken cancellationToken)
    {
        var parts = new List<DeliveryArtifact>();
        foreach (var file in new[] { entry.Message }.Concat(entry.Attachments))
        {
            if (await blobs.GetAsync(file.BlobKey, cancellationToken) is not { } content)
            {
                return null;
            }

            parts.Add(new DeliveryArtifact(file.FileName, file.FileName, file.MediaType, content));
        }

        return new ContentContainer(parts[0], parts[1..]);
    }

    /// <summary>
    /// The MessageMetaData of a message: as presented while open, or, once the content is purged, written again from
    /// the route and the delivery record (with InitialFetch, the time of the close).
    /// </summary>
    public async Task<XElement> MetaDataAsync(MailboxCaller caller, Delivery delivery, CancellationToken cancellationToken)
    {
        if (await EntryAsync(delivery, cancellationToken) is { } entry && delivery.State == DeliveryState.Delivered)
        {
            return entry.MetaDataElement();
        }

        var size = long.TryParse(delivery.ExternalIds.GetValueOrDefault(XtaMailboxTransport.SizeKey), NumberStyles.Integer,
            CultureInfo.InvariantCulture, out var recorded) && recorded > 0 ? recorded : 1;
        var messageId = delivery.ExternalIds[XtaMailboxTransport.MessageIdKey];
        return SecureXml.Parse(MailboxEntry.WriteMetaData(caller.RouteOf(delivery)!.Settings, Options.GatewayParty!, messageId, size,
            delivery.CreatedAt, delivery.DeliveredAt ?? delivery.CreatedAt, delivery.ConfirmedAt));
    }

    /// <summary>The Fachverfahren closed the message: the delivery is confirmed (and the application data purged).</summary>
    public async Task CloseAsync(Delivery delivery, CancellationToken cancellationToken)
    {
        for (var attempt = 0; attempt < 3 && delivery.State == DeliveryState.Delivered; attempt++)
        {
            try
            {
                delivery.Confirm(time.GetUtcNow());
                await followUp.CommitAsync(delivery, cancellationToken);
                return;
            }
            catch (DeliveryConflictException)
            {
                // The receipt poller noted an overdue alert meanwhile: read again and confirm that version.
                delivery = await deliveries.FindAsync(delivery.Id, cancellationToken) ?? delivery;
            }
        }
    }
}
