using System.Globalization;
using EfaGateway.Core.Deliveries;
using EfaGateway.Core.Pipeline;
using EfaGateway.Core.Ports;
using EfaGateway.Host.Tests.FaultMatrix;
using EfaGateway.Host.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace EfaGateway.Host.Tests.FitConnect;

/// <summary>
/// A receipt check that has its verdict, but meets another check's note write on the same delivery (a version conflict
/// that settled nothing), still records the verdict instead of leaving it for the next poll period.
/// </summary>
public sealed class ReceiptConflictTests : IAsyncLifetime
{
    private readonly NoteWriteInterloper interloper = new();
    private DirectFitConnect setup = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => setup = await DirectFitConnect.StartAsync(services =>
        services.Decorate<IDeliveryStore>((_, inner) => new InterferingDeliveryStore(inner, interloper)));

    public async ValueTask DisposeAsync()
    {
        interloper.ReleaseOthers();
        await setup.DisposeAsync();
    }

    [Fact]
    public async Task A_verdict_that_meets_another_checks_note_write_is_recorded_on_the_row_as_it_is_now()
    {
        var run = await setup.Sender.SendAsync(setup.Target, 1, Ct);
        var deliveryId = Guid.Parse(run.Id, CultureInfo.InvariantCulture);
        // The check the accept's callback starts waits at its first read, so it cannot take the verdict first.
        interloper.ParkOthers();
        using (var subscriber = setup.Subscriber())
        {
            await subscriber.ProcessPendingAsync(Ct);
        }

        bool settled;
        using (interloper.Watch())
        {
            await using var scope = setup.Sender.Factory.Services.CreateAsyncScope();
            settled = await scope.ServiceProvider.GetRequiredService<ReceiptPoller>().CheckNowAsync(deliveryId, Ct);
        }

        Assert.True(interloper.Interfered);
        Assert.True(settled, "The check that got the verdict gave up on a conflict that settled nothing.");
        interloper.ReleaseOthers();
        var stored = await setup.Sender.DeliveryAsync(run);
        Assert.Equal(DeliveryState.Confirmed, stored.State);
        Assert.Null(stored.ReceiptNote);
    }

    /// <summary>What the decorated store does, and for whom: only calls inside <see cref="Watch"/> meet the note write.</summary>
    private sealed class NoteWriteInterloper
    {
        private readonly AsyncLocal<bool> watched = new();
        private TaskCompletionSource others = CompletedGate();

        public bool Interfered { get; set; }

        public bool IsWatched => watched.Value;

        public Task OthersMayGo => others.Task;

        public IDisposable Watch()
        {
            watched.Value = true;
            return new Scope(() => watched.Value = false);
        }

        public void ParkOthers() => others = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        public void ReleaseOthers() => others.TrySetResult();

        private static TaskCompletionSource CompletedGate()
        {
            var gate = new TaskCompletionSource();
            gate.SetResult();
            return gate;
        }

        private sealed class Scope(Action end) : IDisposable
        {
            public void Dispose() => end();
        }
    }

    /// <summary>
    /// Before the watched check saves its confirmation, another check writes a note on the same row (as a check that
    /// got no verdict does). Unwatched reads wait until released.
    /// </summary>
    private sealed class InterferingDeliveryStore(IDeliveryStore inner, NoteWriteInterloper interloper) : DelegatingDeliveryStore(inner)
    {
        public override async Task<Delivery?> FindAsync(Guid id, CancellationToken cancellationToken)
        {
            if (!interloper.IsWatched)
            {
                await interloper.OthersMayGo.WaitAsync(cancellationToken);
            }

            return await base.FindAsync(id, cancellationToken);
        }

        public override async Task SaveAsync(Delivery delivery, CancellationToken cancellationToken)
        {
            if (interloper.IsWatched && !interloper.Interfered && delivery.State == DeliveryState.Confirmed)
            {
                interloper.Interfered = true;
                var other = (await Inner.FindAsync(delivery.Id, cancellationToken))!;
                other.NoteReceiptCheck("Another check: no verdict yet.", other.DeliveredAt!.Value.AddSeconds(1));
                await Inner.SaveAsync(other, cancellationToken);
            }

            await base.SaveAsync(delivery, cancellationToken);
        }
    }
}
