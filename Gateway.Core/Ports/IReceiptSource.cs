using EfaGateway.Core.Deliveries;
using EfaGateway.Core.Processes;

namespace EfaGateway.Core.Ports;

/// <summary>
/// The receipt side of a transport whose deliveries are confirmed later (FIT-Connect's accept/reject events, XTA's
/// transport report). Registered as a keyed service by transport id.
/// </summary>
public interface IReceiptSource
{
    Task<ReceiptVerdict> CheckAsync(ReceiptRequest request, CancellationToken cancellationToken);
}

/// <summary>A delivered delivery whose receipt is awaited, with its route and the ids recorded while delivering.</summary>
public sealed record ReceiptRequest(Delivery Delivery, TenantProcess TenantProcess, RouteDefinition? Route);

/// <summary>What the remote end says about a delivered application so far.</summary>
public abstract record ReceiptVerdict
{
    private ReceiptVerdict()
    {
    }

    public static ReceiptVerdict Accepted { get; } = new Confirmed(null);

    /// <summary>Accepted, with warnings operators should see (XTA's yellow transport report).</summary>
    public static ReceiptVerdict AcceptedWithWarnings(string warnings) => new Confirmed(warnings);

    public static ReceiptVerdict NotYet(string? note = null) => new Pending(note);

    public static ReceiptVerdict Refused(string reason) => new Rejected(reason);

    /// <summary>The back office accepted the application; <paramref name="Warnings"/> are shown to operators.</summary>
    public sealed record Confirmed(string? Warnings) : ReceiptVerdict;

    /// <summary>No verdict yet; <paramref name="Note"/> says why, if checking failed (without personal data).</summary>
    public sealed record Pending(string? Note) : ReceiptVerdict;

    /// <summary>The back office (or the transport) rejected it; the reason lists the problems for operators.</summary>
    public sealed record Rejected(string Reason) : ReceiptVerdict;
}
