using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Logging;

namespace EfaGateway.Conformance.FitConnect.Fake;

/// <summary>One callback request exactly as it goes on the wire.</summary>
/// <param name="Timestamp">The <c>callback-timestamp</c> header: unix seconds.</param>
/// <param name="Authentication">The <c>callback-authentication</c> header: lowercase hex HMAC-SHA512.</param>
public sealed record CallbackDelivery(Uri Url, string Body, string Timestamp, string Authentication);

/// <summary>What happened to one attempt to deliver a callback.</summary>
public sealed record CallbackAttempt(CallbackDelivery Delivery, int Attempt, int? Status, string? Error);

/// <summary>
/// Sends FIT-Connect callbacks: POST of a JSON body with <c>callback-authentication</c> = lowercase hex
/// HMAC-SHA512(key = secret as UTF-8, message = UTF-8 of timestamp + "." + raw body) and <c>callback-timestamp</c> =
/// unix seconds (docs/details/callbacks.mdx). Deliveries run in the background and are retried on failure, so no
/// API request waits for a receiver.
/// </summary>
public sealed class CallbackDispatcher(TimeProvider time, IReadOnlyList<TimeSpan> retryDelays, ILogger logger) : IAsyncDisposable
{
    private readonly HttpClient http = new() { Timeout = TimeSpan.FromSeconds(10) };
    private readonly CancellationTokenSource stopping = new();
    private readonly List<CallbackAttempt> attempts = [];
    private readonly List<Task> running = [];
    private readonly Lock gate = new();

    /// <summary>Lets a test change a delivery before it is sent (wrong HMAC, old timestamp, other body).</summary>
    public Func<CallbackDelivery, CallbackDelivery>? Tamper { get; set; }

    public IReadOnlyList<CallbackAttempt> Attempts
    {
        get
        {
            lock (gate)
            {
                return [.. attempts];
            }
        }
    }

    /// <summary>The documented HMAC: lowercase hex HMAC-SHA512 over <c>timestamp + "." + body</c>.</summary>
    public static string Authenticate(string secret, string timestamp, string body) =>
        Convert.ToHexStringLower(HMACSHA512.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes($"{timestamp}.{body}")));

    /// <summary>Signs <paramref name="body"/> now and queues it (through <see cref="Tamper"/>) for delivery.</summary>
    public void Enqueue(Uri url, string secret, string body)
    {
        var timestamp = time.GetUtcNow().ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        var delivery = new CallbackDelivery(url, body, timestamp, Authenticate(secret, timestamp, body));
        delivery = Tamper?.Invoke(delivery) ?? delivery;
        lock (gate)
        {
            running.RemoveAll(task => task.IsCompleted);
            running.Add(Task.Run(() => DeliverAsync(delivery, stopping.Token)));
        }
    }

    /// <summary>Sends one delivery as given (no signing, no retry) and returns the receiver's status code.</summary>
    public async Task<int> SendOnceAsync(CallbackDelivery delivery, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, delivery.Url)
        {
            Content = new StringContent(delivery.Body, Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("callback-authentication", delivery.Authentication);
        request.Headers.Add("callback-timestamp", delivery.Timestamp);
        using var response = await http.SendAsync(request, cancellationToken);
        return (int)response.StatusCode;
    }

    private async Task DeliverAsync(CallbackDelivery delivery, CancellationToken cancellationToken)
    {
        for (var attempt = 0; attempt <= retryDelays.Count && !cancellationToken.IsCancellationRequested; attempt++)
        {
            if (attempt > 0)
            {
                // Retry pacing is wall-clock on purpose: a test's frozen FakeTimeProvider must not stall deliveries.
                await Task.Delay(retryDelays[attempt - 1], TimeProvider.System, cancellationToken).ConfigureAwait(false);
            }

            try
            {
                var status = await SendOnceAsync(delivery, cancellationToken).ConfigureAwait(false);
                Record(new CallbackAttempt(delivery, attempt + 1, status, null));
                if (status is >= 200 and < 300)
                {
                    return;
                }
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
            {
                Record(new CallbackAttempt(delivery, attempt + 1, null, ex.Message));
            }
        }

        logger.LogWarning("Callback to {Url} given up after {Attempts} attempts", delivery.Url, retryDelays.Count + 1);
    }

    private void Record(CallbackAttempt attempt)
    {
        lock (gate)
        {
            attempts.Add(attempt);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await stopping.CancelAsync();
        Task[] pending;
        lock (gate)
        {
            pending = [.. running];
        }

        try
        {
            await Task.WhenAll(pending);
        }
        catch (OperationCanceledException)
        {
            // Deliveries still waiting for a retry are dropped with the fake.
        }

        http.Dispose();
        stopping.Dispose();
    }
}
