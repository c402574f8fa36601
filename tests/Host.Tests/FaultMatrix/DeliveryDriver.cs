using System.Data.Common;
using System.Net.Http.Json;
using System.Text.Json;
using EfaGateway.Core.Pipeline;
using EfaGateway.Host.Api;
using EfaGateway.Host.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace EfaGateway.Host.Tests.FaultMatrix;

/// <summary>
/// Drives one application's delivery through its retries on the host's fake clock, and reads the delivery record
/// after every attempt through the status API (GET submissions/{id}), as an operator or a portal would see it.
/// </summary>
internal sealed class DeliveryDriver(GatewayFactory factory, Guid submissionId, string tenant)
{
    /// <summary>Attempts in all before a transient failure dead-letters; small, so a lasting fault ends quickly.</summary>
    public const int MaxAttempts = 4;

    /// <summary>The first retry waits this long, every further one twice as long (jitter is off in the test host).</summary>
    public static readonly TimeSpan BaseDelay = TimeSpan.FromSeconds(10);

    private readonly List<(DeliveryDto Record, DateTimeOffset FailedAt)> retries = [];

    /// <summary>The retry schedule the matrix checks against.</summary>
    public static Dictionary<string, string?> RetrySettings() => new(StringComparer.OrdinalIgnoreCase)
    {
        ["Gateway:Retry:BaseDelay"] = BaseDelay.ToString(),
        ["Gateway:Retry:MaxAttempts"] = MaxAttempts.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };

    /// <summary>The record as it stood after each transient failure.</summary>
    public IReadOnlyList<DeliveryDto> Retries => [.. retries.Select(r => r.Record)];

    /// <summary>Attempts until the delivery leaves Pending/Retrying (or the attempts run out); returns the record then.</summary>
    public async Task<DeliveryDto> RunAsync()
    {
        var record = await ReadAsync();
        for (var round = 0; round <= MaxAttempts; round++)
        {
            try
            {
                await factory.DeliverDueAsync();
            }
            catch (Exception ex) when (ex is DbException or IOException)
            {
                // The outcome of the attempt could not be recorded (the database failed at that moment). The worker
                // loop survives this; the delivery stays claimed until its lease runs out.
            }

            record = await ReadAsync();
            if (record.State == "InFlight")
            {
                // As another worker would after the lease: the sweep hands the attempt back as a transient failure.
                factory.Time.Advance(TimeSpan.FromMinutes(5) + TimeSpan.FromSeconds(1));
                await using var scope = factory.Services.CreateAsyncScope();
                await scope.ServiceProvider.GetRequiredService<LeaseSweeper>().SweepAsync(CancellationToken.None);
                record = await ReadAsync();
            }

            if (record.State != "Retrying")
            {
                return record;
            }

            retries.Add((record, factory.Time.GetUtcNow()));
            factory.Time.SetUtcNow(record.NextAttemptAt!.Value);
        }

        return record;
    }

    public async Task<DeliveryDto> ReadAsync()
    {
        using var client = factory.CreateClient();
        var status = await client.GetFromJsonAsync<SubmissionStatusDto>($"/api/v1/tenants/{tenant}/submissions/{submissionId}",
            JsonSerializerOptions.Web, TestContext.Current.CancellationToken);
        return Assert.Single(status!.Deliveries);
    }

    /// <summary>
    /// The backoff is visible in the record: after the n-th failed attempt it shows n attempts, a readable last error
    /// without personal data, and a next attempt base·2^(n−1) after the failure.
    /// </summary>
    /// <param name="reasons">One per expected retry: a word its last error must name (the step that failed).</param>
    public void AssertBackoff(IReadOnlyList<string> reasons, IEnumerable<string> personalData)
    {
        Assert.True(reasons.Count == retries.Count,
            $"Expected {reasons.Count} retries, saw {retries.Count}: {string.Join(" | ", retries.Select(r => r.Record.LastError))}");
        var data = personalData.ToList();
        for (var i = 0; i < retries.Count; i++)
        {
            var (record, failedAt) = retries[i];
            Assert.Equal(i + 1, record.Attempts);
            Assert.True(record.LastAttemptAt <= failedAt, $"Attempt {i + 1} is recorded after it failed.");
            Assert.Equal(BaseDelay * Math.Pow(2, i), record.NextAttemptAt!.Value - failedAt);
            Assert.False(string.IsNullOrWhiteSpace(record.LastError), $"Attempt {i + 1} failed without a reason in the record.");
            Assert.Contains(reasons[i], record.LastError, StringComparison.OrdinalIgnoreCase);
            Assert.All(data, value => Assert.DoesNotContain(value, record.LastError, StringComparison.OrdinalIgnoreCase));
        }

        // A later retry never waits less than an earlier one: the schedule grows.
        Assert.True(retries.Zip(retries.Skip(1)).All(p => p.Second.Record.NextAttemptAt - p.Second.FailedAt > p.First.Record.NextAttemptAt - p.First.FailedAt));
    }
}
