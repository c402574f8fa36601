namespace EfaGateway.Core.Deliveries;

/// <summary>What a transport says about one attempt. Errors are outcomes, not exceptions.</summary>
public abstract record DeliveryOutcome
{
    private DeliveryOutcome()
    {
    }

    public static DeliveryOutcome Succeeded(bool awaitsReceipt) => new Delivered(awaitsReceipt);

    public static DeliveryOutcome Retry(string reason, TimeSpan? retryAfter = null) => new Transient(reason, retryAfter);

    public static DeliveryOutcome Fail(string reason) => new Permanent(reason);

    /// <summary>The remote end took it. If <paramref name="AwaitsReceipt"/>, a receipt will confirm or reject it later.</summary>
    public sealed record Delivered(bool AwaitsReceipt) : DeliveryOutcome;

    /// <summary>Worth trying again, no earlier than <paramref name="RetryAfter"/> if the remote end said so.</summary>
    public sealed record Transient(string Reason, TimeSpan? RetryAfter) : DeliveryOutcome;

    /// <summary>Trying again will not help; the reason is shown to operators and must not contain personal data.</summary>
    public sealed record Permanent(string Reason) : DeliveryOutcome;
}
