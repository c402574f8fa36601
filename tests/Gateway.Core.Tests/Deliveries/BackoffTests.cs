using EfaGateway.Core.Deliveries;

namespace EfaGateway.Core.Tests.Deliveries;

public sealed class BackoffTests
{
    private static readonly RetryOptions Options = new()
    {
        BaseDelay = TimeSpan.FromSeconds(30),
        MaxDelay = TimeSpan.FromMinutes(10),
        JitterFraction = 0.5,
    };

    [Theory]
    [InlineData(1, 30)]
    [InlineData(2, 60)]
    [InlineData(3, 120)]
    [InlineData(6, 600)]
    [InlineData(40, 600)]
    public void The_delay_doubles_per_attempt_up_to_the_cap(int attempt, int expectedSecondsWithoutJitter)
    {
        var noJitter = new RetryOptions { BaseDelay = Options.BaseDelay, MaxDelay = Options.MaxDelay, JitterFraction = 0 };

        Assert.Equal(TimeSpan.FromSeconds(expectedSecondsWithoutJitter), Backoff.Delay(noJitter, attempt, 0.7));
    }

    [Fact]
    public void Jitter_spreads_the_delay_between_half_and_all_of_it()
    {
        Assert.Equal(TimeSpan.FromSeconds(30), Backoff.Delay(Options, 2, 0));
        Assert.Equal(TimeSpan.FromSeconds(45), Backoff.Delay(Options, 2, 0.5));
        Assert.True(Backoff.Delay(Options, 2, 0.999) < TimeSpan.FromSeconds(60));
    }

    [Fact]
    public void A_longer_retry_after_from_the_remote_end_wins()
    {
        Assert.Equal(TimeSpan.FromMinutes(30), Backoff.Delay(Options, 1, 0, TimeSpan.FromMinutes(30)));
        Assert.Equal(TimeSpan.FromSeconds(15), Backoff.Delay(Options, 1, 0, TimeSpan.FromSeconds(1)));
    }

    [Fact]
    public void Invalid_options_report_every_problem_at_once()
    {
        var bad = new RetryOptions { BaseDelay = TimeSpan.Zero, MaxDelay = TimeSpan.FromSeconds(-1), MaxAttempts = 0, JitterFraction = 2, LeaseDuration = TimeSpan.Zero };

        Assert.Equal(5, bad.Validate().Count());
    }
}
