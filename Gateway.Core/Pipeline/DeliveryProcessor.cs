using System.Diagnostics;
using EfaGateway.Core.Deliveries;
using EfaGateway.Core.Diagnostics;
using EfaGateway.Core.Ports;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace EfaGateway.Core.Pipeline;

/// <summary>
/// One worker step: claim a due delivery, map, hand it to its transport, record the outcome, and follow up
/// (fallback route when dead-lettered, purge when everything is settled).
/// </summary>
public sealed partial class DeliveryProcessor(
    IDeliveryStore deliveries,
    ISubmissionStore submissions,
    ICatalogStore catalog,
    ArtifactBuilder artifacts,
    DeliveryFollowUp followUp,
    IServiceProvider services,
    IOptions<RetryOptions> retry,
    TimeProvider time,
    GatewayMetrics metrics,
    ILogger<DeliveryProcessor> logger)
{
    /// <summary>Processes one due delivery. Returns false if none was due.</summary>
    public async Task<bool> ProcessNextAsync(string workerId, CancellationToken cancellationToken)
    {
        var delivery = await deliveries.ClaimNextDueAsync(workerId, time.GetUtcNow(), retry.Value.LeaseDuration, cancellationToken);
        if (delivery is null)
        {
            return false;
        }

        // The worker has no ambient span: each attempt continues the trace of the submit that created the delivery (its
        // stored traceparent), so one trace shows submit, map and every delivery attempt. Without one it starts its own.
        using var activity = ActivityContext.TryParse(delivery.TraceParent, null, out var submitContext)
            ? GatewayTracing.Source.StartActivity("deliver", ActivityKind.Internal, submitContext)
            : GatewayTracing.Source.StartActivity("deliver");
        activity?.SetTag(GatewayTracing.Tags.DeliveryId, delivery.Id);
        activity?.SetTag(GatewayTracing.Tags.SubmissionId, delivery.SubmissionId);
        activity?.SetTag(GatewayTracing.Tags.Tenant, delivery.TenantId);
        activity?.SetTag(GatewayTracing.Tags.Process, delivery.ProcessId);
        activity?.SetTag(GatewayTracing.Tags.Transport, delivery.TransportId);
        activity?.SetTag(GatewayTracing.Tags.Attempt, delivery.AttemptCount);

        // An attempt must end before its lease does; otherwise the sweep would hand the delivery to another worker
        // while this one is still talking to the remote side. A tenth of the lease is left for recording the outcome.
        using var attemptBudget = new CancellationTokenSource(retry.Value.LeaseDuration * 0.9, time);
        using var attemptToken = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, attemptBudget.Token);
        DeliveryOutcome outcome;
        try
        {
            outcome = await AttemptAsync(delivery, attemptToken.Token);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Shutting down: the lease runs out and the sweep hands the delivery to another worker.
            throw;
        }
        catch (OperationCanceledException) when (attemptBudget.IsCancellationRequested)
        {
            outcome = DeliveryOutcome.Retry("The attempt exceeded its lease and was abandoned.");
        }
        catch (Exception ex) when (ex is not DeliveryConflictException)
        {
            // A bug or an unexpected failure in an adapter. Only the type is recorded: messages may quote data.
            LogUnexpected(logger, ex.GetType().Name, delivery.Id, delivery.TransportId);
            outcome = Unexpected(ex);
        }

        (delivery, outcome) = await RecordAsync(workerId, delivery, outcome, cancellationToken);
        var outcomeName = outcome switch
        {
            DeliveryOutcome.Delivered => GatewayMetrics.DeliveryOutcomes.Delivered,
            DeliveryOutcome.Transient => GatewayMetrics.DeliveryOutcomes.Transient,
            _ => GatewayMetrics.DeliveryOutcomes.Permanent,
        };
        metrics.Delivery(delivery.TransportId, outcomeName);
        activity?.SetTag(GatewayTracing.Tags.Outcome, outcomeName);
        activity?.SetTag(GatewayTracing.Tags.State, delivery.State.ToString());
        if (outcome is not DeliveryOutcome.Delivered)
        {
            // The reason stays in the delivery record (operators see it there); a span status gets a fixed word only.
            activity?.SetStatus(ActivityStatusCode.Error, outcomeName);
        }

        LogOutcome(logger, delivery.Id, delivery.TransportId, delivery.State, delivery.AttemptCount);
        return true;
    }

    /// <summary>Applies the outcome and saves it, with the Postkorb item if the attempt handed one over.</summary>
    private async Task<(Delivery Delivery, DeliveryOutcome Outcome)> RecordAsync(string workerId, Delivery delivery, DeliveryOutcome outcome,
        CancellationToken cancellationToken)
    {
        var attempt = delivery.AttemptCount;
        delivery.Apply(outcome, time.GetUtcNow(), retry.Value, Random.Shared.NextDouble());
        if (outcome is not DeliveryOutcome.Delivered { PostkorbItem: { } item })
        {
            await followUp.CommitAsync(delivery, cancellationToken);
            return (delivery, outcome);
        }

        try
        {
            await followUp.CommitAsync(delivery, item, cancellationToken);
            return (delivery, outcome);
        }
        catch (Exception ex) when (ex is not DeliveryConflictException and not OperationCanceledException)
        {
            // Neither the item nor the outcome was saved, so the handover did not happen: a failed attempt, recorded
            // from the row as stored (the instance in hand already says Confirmed). If that save fails as well, the
            // lease runs out and the sweep records the attempt instead.
            LogUnexpected(logger, ex.GetType().Name, delivery.Id, delivery.TransportId);
            var stored = await deliveries.FindAsync(delivery.Id, cancellationToken);
            if (stored is not { State: DeliveryState.InFlight } || stored.LeaseOwner != workerId || stored.AttemptCount != attempt)
            {
                throw;
            }

            var failed = Unexpected(ex);
            stored.Apply(failed, time.GetUtcNow(), retry.Value, Random.Shared.NextDouble());
            await followUp.CommitAsync(stored, cancellationToken);
            return (stored, failed);
        }
    }

    private async Task<DeliveryOutcome> AttemptAsync(Delivery delivery, CancellationToken cancellationToken)
    {
        var transport = services.GetKeyedService<ITransport>(delivery.TransportId);
        if (transport is null)
        {
            return DeliveryOutcome.Fail($"No transport with id '{delivery.TransportId}' is registered.");
        }

        var submission = await submissions.FindAsync(delivery.SubmissionId, cancellationToken);
        if (submission is null || submission.IsPurged)
        {
            return DeliveryOutcome.Fail("The application data is no longer held by the gateway.");
        }

        var binding = await catalog.FindTenantProcessAsync(delivery.TenantId, delivery.ProcessId, cancellationToken);
        if (binding is null)
        {
            return DeliveryOutcome.Fail($"Process '{delivery.ProcessId}' is not enabled for tenant '{delivery.TenantId}'.");
        }

        // The application was validated against the version in force when it arrived; map it with that version,
        // even if the tenant has switched to a newer one since.
        var definition = binding.Process.Version == submission.ProcessVersion
            ? binding.Process
            : await catalog.FindProcessDefinitionAsync(submission.ProcessId, submission.ProcessVersion, cancellationToken);
        if (definition is null)
        {
            return DeliveryOutcome.Fail($"Version {submission.ProcessVersion} of process '{submission.ProcessId}' is no longer stored.");
        }

        var tenantProcess = binding with { Process = definition };

        var built = await artifacts.BuildAsync(tenantProcess, submission, delivery.MapperIds, transport.KeepsArtifactsForRetries, cancellationToken);
        if (built.Error is not null)
        {
            return DeliveryOutcome.Fail(built.Error);
        }

        var uploads = transport.StreamsAttachments
            ? artifacts.StreamAttachments(submission)
            : await artifacts.LoadAttachmentsAsync(submission, cancellationToken);
        var request = new DeliveryRequest(delivery.Id, tenantProcess, submission, built.Artifacts, uploads, delivery.ExternalIds,
            async (ids, ct) =>
            {
                delivery.RecordExternalIds(ids);
                await deliveries.SaveAsync(delivery, ct);
            },
            binding.Routes.FirstOrDefault(r => r.TransportId == delivery.TransportId),
            delivery.RecordExternalIds);
        return await transport.DeliverAsync(request, cancellationToken);
    }

    /// <summary>A failure the gateway did not expect: retried, with only its types recorded.</summary>
    private static DeliveryOutcome Unexpected(Exception exception) =>
        DeliveryOutcome.Retry($"Unexpected error in the gateway ({Describe(exception)}).");

    /// <summary>
    /// The exception's type and those of its causes, e.g. "NpgsqlException caused by TimeoutException": enough for an
    /// operator to tell a database timeout from a full disk, without message texts (they may quote data).
    /// </summary>
    private static string Describe(Exception exception)
    {
        var names = new List<string>();
        for (var current = exception; current is not null && names.Count < 4; current = current.InnerException)
        {
            names.Add(current.GetType().Name);
        }

        return string.Join(" caused by ", names);
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Unexpected {ExceptionType} while delivering {DeliveryId} over {TransportId}; will retry")]
    private static partial void LogUnexpected(ILogger logger, string exceptionType, Guid deliveryId, string transportId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Delivery {DeliveryId} over {TransportId} is {State} after attempt {Attempt}")]
    private static partial void LogOutcome(ILogger logger, Guid deliveryId, string transportId, DeliveryState state, int attempt);
}
