namespace EfaGateway.Core.Deliveries;

/// <summary>Computes the delay before the next attempt: base·2^(n−1), capped, with part of it randomised.</summary>
public static class Backoff
{
    /// <param name="attempt">The attempt that just failed, starting at 1.</param>
    /// <param name="random">A number in [0, 1) so tests can fix the jitter.</param>
    public static TimeSpan Delay(RetryOptions options, int attempt, double random, TimeSpan? retryAfter = null)
    {
        var exponent = Math.Clamp(attempt - 1, 0, 30);
        var raw = options.BaseDelay.TotalMilliseconds * Math.Pow(2, exponent);
        var capped = Math.Min(raw, options.MaxDelay.TotalMilliseconds);
        var jittered = (capped * (1 - options.JitterFraction)) + (capped * options.JitterFraction * random);
        var delay = TimeSpan.FromMilliseconds(jittered);

        // A remote end that names a retry-after time gets at least that long; it knows its own load best.
        return retryAfter is { } after && after > delay ? after : delay;
    }
}
