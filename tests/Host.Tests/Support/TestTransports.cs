using System.Collections.Concurrent;
using EfaGateway.Core.Deliveries;
using EfaGateway.Core.Ports;

namespace EfaGateway.Host.Tests.Support;

/// <summary>
/// A remote end as a transport sees it: it hands out ids and accepts uploads under them, idempotently.
/// It records every upload it accepted, so a test can count deliveries per id.
/// </summary>
public sealed class FakeRemoteEnd
{
    private readonly ConcurrentDictionary<string, int> uploads = new();
    private int announced;

    public int Announcements => announced;

    public IReadOnlyDictionary<string, int> Uploads => uploads;

    public string Announce()
    {
        Interlocked.Increment(ref announced);
        return Guid.NewGuid().ToString("N");
    }

    public bool HasUpload(string id) => uploads.ContainsKey(id);

    public void Upload(string id) => uploads.AddOrUpdate(id, 1, (_, count) => count + 1);
}

/// <summary>
/// Announces, persists the remote id, uploads — and then fails the first time, as if the connection broke after the
/// remote side had accepted. A correct pipeline retries with the persisted id and never uploads twice.
/// </summary>
public sealed class FailsAfterRemoteAcceptedTransport(FakeRemoteEnd remote, Func<Exception> failure) : ITransport
{
    public const string TransportId = "fails-after-accept";
    private int calls;

    public string Id => TransportId;

    public async Task<DeliveryOutcome> DeliverAsync(DeliveryRequest request, CancellationToken cancellationToken)
    {
        if (request.ExternalIds.TryGetValue("remote.id", out var id))
        {
            if (!remote.HasUpload(id))
            {
                remote.Upload(id);
            }

            return DeliveryOutcome.Succeeded(awaitsReceipt: false);
        }

        id = remote.Announce();
        await request.RecordExternalIdAsync("remote.id", id, cancellationToken);
        remote.Upload(id);
        if (Interlocked.Increment(ref calls) == 1)
        {
            throw failure();
        }

        return DeliveryOutcome.Succeeded(awaitsReceipt: false);
    }
}

/// <summary>A back office that refuses everything for good.</summary>
public sealed class RefusingTransport : ITransport
{
    public const string TransportId = "refusing";

    public string Id => TransportId;

    public Task<DeliveryOutcome> DeliverAsync(DeliveryRequest request, CancellationToken cancellationToken) =>
        Task.FromResult(DeliveryOutcome.Fail("The back office refused the message (test)."));
}

/// <summary>A back office that is down for now.</summary>
public sealed class UnavailableTransport : ITransport
{
    public const string TransportId = "unavailable";

    public string Id => TransportId;

    public Task<DeliveryOutcome> DeliverAsync(DeliveryRequest request, CancellationToken cancellationToken) =>
        Task.FromResult(DeliveryOutcome.Retry("HTTP 503 from the back office (test)."));
}
