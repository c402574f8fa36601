using EfaGateway.Core.Deliveries;
using EfaGateway.Core.Ports;
using EfaGateway.Core.Processes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace EfaGateway.Core.Pipeline;

/// <summary>
/// Asks the transports of delivered deliveries for their receipts: an acceptance confirms the delivery (and lets the
/// application data be purged), a rejection dead-letters it with the remote end's problems, a check without a verdict
/// leaves its note (why) in the delivery record, and a delivery that waits longer than
/// <see cref="ReceiptOptions.AlertAfter"/> raises one alert.
/// </summary>
public sealed partial class ReceiptPoller(
    IDeliveryStore deliveries,
    ICatalogStore catalog,
    DeliveryFollowUp followUp,
    IServiceProvider services,
    IOptions<ReceiptOptions> options,
    TimeProvider time,
    ILogger<ReceiptPoller> logger)
{
    /// <summary>
    /// Checks every delivered delivery once, page by page (so deliveries that wait long never hide newer ones);
    /// returns how many reached a verdict.
    /// </summary>
    public async Task<int> PollAsync(CancellationToken cancellationToken)
    {
        var settled = 0;
        var skip = 0;
        // Every waiting delivery of a process shares its binding: read once per poll, not once per delivery.
        var bindings = new Dictionary<(string Tenant, string Process), TenantProcess?>();
        while (true)
        {
            var page = await deliveries.ListAwaitingReceiptAsync(skip, options.Value.BatchSize, cancellationToken);
            var settledHere = 0;
            foreach (var delivery in page)
            {
                if (await CheckAsync(delivery, bindings, cancellationToken))
                {
                    settledHere++;
                }
            }

            settled += settledHere;
            if (page.Count < options.Value.BatchSize)
            {
                return settled;
            }

            // Settled deliveries left the list: the next page starts that much earlier.
            skip += page.Count - settledHere;
        }
    }

    /// <summary>Checks one delivery now (a callback said something happened). False if it is not awaiting a receipt.</summary>
    public async Task<bool> CheckNowAsync(Guid deliveryId, CancellationToken cancellationToken)
    {
        var delivery = await deliveries.FindAsync(deliveryId, cancellationToken);
        return delivery is { State: DeliveryState.Delivered } && await CheckAsync(delivery, bindings: null, cancellationToken);
    }

    private async Task<bool> CheckAsync(Delivery delivery, Dictionary<(string, string), TenantProcess?>? bindings, CancellationToken cancellationToken)
    {
        var source = services.GetKeyedService<IReceiptSource>(delivery.TransportId);
        TenantProcess? binding;
        if (bindings is null || !bindings.TryGetValue((delivery.TenantId, delivery.ProcessId), out binding))
        {
            binding = await catalog.FindTenantProcessAsync(delivery.TenantId, delivery.ProcessId, cancellationToken);
            bindings?.Add((delivery.TenantId, delivery.ProcessId), binding);
        }

        ReceiptVerdict verdict;
        if (source is null || binding is null)
        {
            verdict = ReceiptVerdict.NotYet(source is null
                ? $"Transport '{delivery.TransportId}' has no receipt source."
                : $"Process '{delivery.ProcessId}' is no longer enabled for tenant '{delivery.TenantId}'.");
        }
        else
        {
            var route = binding.Routes.FirstOrDefault(r => r.TransportId == delivery.TransportId);
            try
            {
                verdict = await source.CheckAsync(new ReceiptRequest(delivery, binding, route), cancellationToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                // A bug in an adapter must not stop the other receipts; only the type is logged (messages may quote data).
                LogUnexpected(logger, ex.GetType().Name, delivery.Id);
                verdict = ReceiptVerdict.NotYet($"Unexpected error while checking the receipt ({ex.GetType().Name}).");
            }
        }

        var now = time.GetUtcNow();
        try
        {
            switch (verdict)
            {
                case ReceiptVerdict.Confirmed or ReceiptVerdict.Rejected:
                    return await SettleAsync(delivery, verdict, now, cancellationToken);
                case ReceiptVerdict.Pending pending when delivery.DeliveredAt + options.Value.AlertAfter <= now:
                    var noted = delivery.NoteReceiptCheck(pending.Note, now);
                    var note = $"No receipt within {options.Value.AlertAfter} of delivery.{(pending.Note is null ? string.Empty : " " + pending.Note)}";
                    var overdue = delivery.MarkReceiptOverdue(note);
                    // One write for both changes; the alert only once it is saved (a conflict means another check won).
                    if (noted || overdue)
                    {
                        await deliveries.SaveAsync(delivery, cancellationToken);
                    }

                    if (overdue)
                    {
                        LogOverdue(logger, delivery.Id, delivery.TenantId, delivery.TransportId, options.Value.AlertAfter);
                    }

                    return false;
                case ReceiptVerdict.Pending pending:
                    // Saved only when the note changed: a remote end that stays down costs no write per poll.
                    if (delivery.NoteReceiptCheck(pending.Note, now))
                    {
                        await deliveries.SaveAsync(delivery, cancellationToken);
                    }

                    return false;
                default:
                    return false;
            }
        }
        catch (DeliveryConflictException)
        {
            // Another host (or a callback) settled it meanwhile; its result stands.
            return false;
        }
    }

    /// <summary>
    /// Records a verdict. A conflict may mean another check only noted why it got no verdict (a note write), not that
    /// it settled the delivery: then the verdict is applied once more to the row as it is now instead of waiting a
    /// whole poll period. A delivery someone else settled keeps their result.
    /// </summary>
    private async Task<bool> SettleAsync(Delivery delivery, ReceiptVerdict verdict, DateTimeOffset now, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            if (verdict is ReceiptVerdict.Confirmed confirmed)
            {
                delivery.Confirm(now, confirmed.Warnings);
            }
            else
            {
                delivery.Reject(((ReceiptVerdict.Rejected)verdict).Reason, now);
            }

            try
            {
                await followUp.CommitAsync(delivery, cancellationToken);
                if (verdict is ReceiptVerdict.Confirmed)
                {
                    LogConfirmed(logger, delivery.Id, delivery.TransportId);
                }

                return true;
            }
            catch (DeliveryConflictException) when (attempt < 3)
            {
                var current = await deliveries.FindAsync(delivery.Id, cancellationToken);
                if (current is not { State: DeliveryState.Delivered })
                {
                    return false;
                }

                delivery = current;
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Delivery {DeliveryId} over {TransportId} confirmed by the remote end's receipt")]
    private static partial void LogConfirmed(ILogger logger, Guid deliveryId, string transportId);

    [LoggerMessage(Level = LogLevel.Error, Message = "ALERT: delivery {DeliveryId} of tenant {TenantId} over {TransportId} has no receipt after {AlertAfter}")]
    private static partial void LogOverdue(ILogger logger, Guid deliveryId, string tenantId, string transportId, TimeSpan alertAfter);

    [LoggerMessage(Level = LogLevel.Error, Message = "Unexpected {ExceptionType} while checking the receipt of delivery {DeliveryId}")]
    private static partial void LogUnexpected(ILogger logger, string exceptionType, Guid deliveryId);
}
