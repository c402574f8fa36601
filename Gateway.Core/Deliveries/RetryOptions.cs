namespace EfaGateway.Core.Deliveries;

/// <summary>Exponential backoff with jitter for transient failures. Bound from <c>Gateway:Retry</c>.</summary>
public sealed class RetryOptions
{
    public const string SectionName = "Gateway:Retry";

    public TimeSpan BaseDelay { get; set; } = TimeSpan.FromSeconds(30);

    public TimeSpan MaxDelay { get; set; } = TimeSpan.FromHours(2);

    /// <summary>Attempts in all, the first included; after the last one a transient failure dead-letters.</summary>
    public int MaxAttempts { get; set; } = 12;

    /// <summary>Share of the delay that is randomised (0 = none, 1 = full jitter).</summary>
    public double JitterFraction { get; set; } = 0.5;

    /// <summary>How long a worker may hold a claimed delivery before others treat it as crashed.</summary>
    public TimeSpan LeaseDuration { get; set; } = TimeSpan.FromMinutes(5);

    public IEnumerable<string> Validate()
    {
        if (BaseDelay <= TimeSpan.Zero)
        {
            yield return "Gateway:Retry:BaseDelay must be positive.";
        }

        if (MaxDelay < BaseDelay)
        {
            yield return "Gateway:Retry:MaxDelay must not be shorter than BaseDelay.";
        }

        if (MaxAttempts is < 1 or > 1000)
        {
            yield return "Gateway:Retry:MaxAttempts must be between 1 and 1000.";
        }

        if (JitterFraction is < 0 or > 1)
        {
            yield return "Gateway:Retry:JitterFraction must be between 0 and 1.";
        }

        if (LeaseDuration < TimeSpan.FromSeconds(10))
        {
            yield return "Gateway:Retry:LeaseDuration must be at least 10 seconds.";
        }
    }
}
