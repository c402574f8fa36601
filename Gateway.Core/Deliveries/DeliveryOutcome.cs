using EfaGateway.Core.Postkorb;

namespace EfaGateway.Core.Deliveries;

/// <summary>What a transport says about one attempt. Errors are outcomes, not exceptions.</summary>
public abstract record DeliveryOutcome
{
    private DeliveryOutcome()
    {
    }

    public static DeliveryOutcome Succeeded(bool awaitsReceipt) => new Delivered(awaitsReceipt);

    /// <summary>
    /// Handed over into the gateway's own Postkorb: the item is saved together with the outcome, in one transaction, so
    /// an item exists exactly when its delivery is recorded as confirmed.
    /// </summary>
    public static DeliveryOutcome IntoPostkorb(PostkorbItem item) => new Delivered(false, item);

    public static DeliveryOutcome Retry(string reason, TimeSpan? retryAfter = null) => new Transient(reason, retryAfter);

    public static DeliveryOutcome Fail(string reason) => new Permanent(reason);

    /// <summary>
    /// The remote end took it. If <paramref name="AwaitsReceipt"/>, a receipt will confirm or reject it later. A
    /// <paramref name="PostkorbItem"/> is the handover itself, still to be saved with the outcome.
    /// </summary>
    public sealed record Delivered(bool AwaitsReceipt, PostkorbItem? PostkorbItem = null) : DeliveryOutcome;

    /// <summary>Worth trying again, no earlier than <paramref name="RetryAfter"/> if the remote end said so.</summary>
    public sealed record Transient(string Reason, TimeSpan? RetryAfter) : DeliveryOutcome;

    /// <summary>Trying again will not help; the reason is shown to operators and must not contain personal data.</summary>
    public sealed record Permanent(string Reason) : DeliveryOutcome;
}
