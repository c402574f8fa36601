using System.Globalization;
using System.Xml.Linq;
using EfaGateway.Core.Ports;
using EfaGateway.Transports.Xta.Soap;

namespace EfaGateway.Transports.Xta;

/// <summary>
/// The receipt of an XTA delivery is its transport report (getTransportReport): status 1 (green) confirms, 2 (yellow)
/// confirms with the warnings shown to operators, 3 (red) fails the delivery with the server's error list, 0 (open)
/// means not yet. One check is one call, over the route's pooled <see cref="XtaConnection"/>.
/// </summary>
public sealed class XtaReceipts(XtaConnectionPool connections) : IReceiptSource
{
    public async Task<ReceiptVerdict> CheckAsync(ReceiptRequest request, CancellationToken cancellationToken)
    {
        if (!request.Delivery.ExternalIds.TryGetValue(XtaIds.MessageId, out var messageId))
        {
            return ReceiptVerdict.Refused("The delivery has no XTA MessageID; it cannot have a transport report.");
        }

        var (client, problem) = connections.ClientFor(XtaTransport.RouteOf(request.Delivery.TenantId, request.Delivery.ProcessId), request.Route?.Settings);
        if (client is null)
        {
            return ReceiptVerdict.NotYet(problem);
        }

        using var _ = client;
        var report = await client.GetTransportReportAsync(messageId, cancellationToken);
        if (report.Failure is { } failure)
        {
            return failure.IsTransient ? ReceiptVerdict.NotYet(failure.Reason) : ReceiptVerdict.Refused(failure.Reason);
        }

        return Judge(report.Body);
    }

    public static ReceiptVerdict Judge(XElement? report)
    {
        var status = report?.Descendants().FirstOrDefault(e => e.Name.LocalName == "MessageStatus");
        if (status is null || !int.TryParse(status.Elements().FirstOrDefault(e => e.Name.LocalName == "Status")?.Value, NumberStyles.Integer,
            CultureInfo.InvariantCulture, out var value))
        {
            return ReceiptVerdict.NotYet("The transport report has no readable MessageStatus.");
        }

        return value switch
        {
            1 => ReceiptVerdict.Accepted,
            2 => ReceiptVerdict.AcceptedWithWarnings(Records(status, "WarnList")),
            3 => ReceiptVerdict.Refused($"The XTA server reports errors (red): {Records(status, "ErrorList")}"),
            _ => ReceiptVerdict.NotYet(),
        };
    }

    /// <summary>The entries of a list as "code name: reason; …", bounded.</summary>
    private static string Records(XElement status, string list)
    {
        var entries = status.Elements().Where(e => e.Name.LocalName == list).Elements()
            .Select(record =>
            {
                var code = record.Elements().FirstOrDefault(e => e.Name.LocalName == "Code");
                var text = string.Join(" ", new[]
                {
                    code?.Elements().FirstOrDefault(e => e.Name.LocalName == "code")?.Value,
                    code?.Elements().FirstOrDefault(e => e.Name.LocalName == "name")?.Value,
                }.Where(s => !string.IsNullOrWhiteSpace(s)));
                var reason = record.Elements().FirstOrDefault(e => e.Name.LocalName == "Reason")?.Value;
                return reason is null ? text : $"{text}: {reason}";
            })
            .ToList();
        var joined = entries.Count == 0 ? "none listed" : string.Join("; ", entries);
        return joined.Length > 2000 ? joined[..2000] + "…" : joined;
    }
}
