using System.Security.Cryptography;
using System.Text.Json;
using EfaGateway.Core.Blobs;
using System.Diagnostics;
using EfaGateway.Core.Deliveries;
using EfaGateway.Core.Diagnostics;
using EfaGateway.Core.Ports;
using EfaGateway.Core.Processes;
using EfaGateway.Core.Submissions;
using Microsoft.Extensions.Logging;

namespace EfaGateway.Core.Pipeline;

/// <summary>
/// The submit step: validate, then one durable write (submission + one delivery per route). Talks to no remote system.
/// </summary>
public sealed partial class SubmissionIntake(
    ICatalogStore catalog,
    ISubmissionStore submissions,
    IBlobStore blobs,
    IMalwareScanner scanner,
    IDeliverySignal signal,
    TimeProvider time,
    GatewayMetrics metrics,
    ILogger<SubmissionIntake> logger)
{
    private const int MaxVorgangsnummerDraws = 5;

    public async Task<IntakeResult> SubmitAsync(string tenantId, string processId, JsonElement data,
        IReadOnlyList<IncomingAttachment> attachments, string? idempotencyKey, CancellationToken cancellationToken)
    {
        using var activity = GatewayTracing.Source.StartActivity("submit");
        activity?.SetTag(GatewayTracing.Tags.Tenant, tenantId);
        activity?.SetTag(GatewayTracing.Tags.Process, processId);
        var result = await IntakeAsync(tenantId, processId, data, attachments, idempotencyKey, activity, cancellationToken);
        activity?.SetTag(GatewayTracing.Tags.Outcome, result switch
        {
            IntakeResult.Accepted => "accepted",
            IntakeResult.Replayed => "replayed",
            IntakeResult.IdempotencyKeyReused => "key_reused",
            IntakeResult.Invalid => "invalid",
            IntakeResult.ProcessNotFound => "not_found",
            _ => "scanner_unavailable",
        });
        return result;
    }

    private async Task<IntakeResult> IntakeAsync(string tenantId, string processId, JsonElement data,
        IReadOnlyList<IncomingAttachment> attachments, string? idempotencyKey, Activity? activity, CancellationToken cancellationToken)
    {
        var tenantProcess = await catalog.FindTenantProcessAsync(tenantId, processId, cancellationToken);
        if (tenantProcess is null or { TenantClosed: true })
        {
            return new IntakeResult.ProcessNotFound();
        }

        var validation = SubmissionValidator.Validate(tenantProcess.Process, data, attachments);
        if (!validation.IsValid)
        {
            return new IntakeResult.Invalid(validation.Errors);
        }

        // Each file's hash once: the fingerprint of a keyed request and the stored attachment both need it. An upload
        // from a form session brings its hash along (taken while it streamed in).
        var hashes = attachments.Select(a => a.Stored?.Sha256 ?? Convert.ToHexStringLower(SHA256.HashData(a.Content.Span))).ToList();

        // A retry of an accepted request gets the first answer again, before any file is scanned or stored.
        var fingerprint = idempotencyKey is null ? null : SubmissionFingerprint.Compute(processId, validation.NormalizedDataJson!,
            attachments.Select((a, i) => (a.FieldId, a.FileName, a.MediaType, hashes[i])));
        if (idempotencyKey is not null && await submissions.FindByIdempotencyKeyAsync(tenantId, idempotencyKey, cancellationToken) is { } earlier)
        {
            return Repeated(earlier, processId, fingerprint!);
        }

        // Every file is scanned before anything is stored; an infected file is refused, no verdict is no acceptance.
        foreach (var attachment in attachments)
        {
            var scan = attachment.Stored is { } inStore
                ? await scanner.ScanAsync((sink, ct) => blobs.CopyToAsync(inStore.BlobKey, sink, ct), cancellationToken)
                : await scanner.ScanAsync((sink, ct) => sink.WriteAsync(attachment.Content, ct).AsTask(), cancellationToken);
            switch (scan.Verdict)
            {
                case ScanVerdict.Infected:
                    LogInfected(logger, tenantId, processId, scan.Signature);
                    return new IntakeResult.Invalid([new FieldError(attachment.FieldId, FieldErrorCode.FileInfected)]);
                case ScanVerdict.Unavailable:
                    return new IntakeResult.ScannerUnavailable();
            }
        }

        var now = time.GetUtcNow();
        var submissionId = Guid.CreateVersion7(now);
        activity?.SetTag(GatewayTracing.Tags.SubmissionId, submissionId);
        var stored = new List<Attachment>();
        try
        {
            for (var i = 0; i < attachments.Count; i++)
            {
                var incoming = attachments[i];
                var attachmentId = Guid.CreateVersion7(now);
                var key = BlobKeys.Attachment(submissionId, attachmentId);
                if (incoming.Stored is { } upload)
                {
                    // Streamed from the upload's blob into the submission's, chunk by chunk.
                    await blobs.PutAsync(key, (sink, ct) => blobs.CopyToAsync(upload.BlobKey, sink, ct), cancellationToken);
                }
                else
                {
                    await blobs.PutAsync(key, incoming.Content, cancellationToken);
                }

                stored.Add(new Attachment(attachmentId, incoming.FieldId, incoming.FileName, incoming.MediaType, incoming.Length, hashes[i], key));
            }

            var deliveries = tenantProcess.Routes
                .Select(route => Delivery.Create(Guid.CreateVersion7(now), submissionId, tenantId, processId,
                    route.TransportId, route.MapperIds, route.FallbackTransportId, now, traceParent: activity?.Id))
                .ToList();
            for (var draw = 1; ; draw++)
            {
                var submission = new Submission(submissionId, Vorgangsnummer.Create(now), tenantId, processId,
                    tenantProcess.Process.Version, validation.NormalizedDataJson!, now, stored);
                if (idempotencyKey is not null)
                {
                    submission.RememberIdempotencyKey(idempotencyKey, fingerprint!);
                }

                try
                {
                    await submissions.AddAsync(submission, deliveries, cancellationToken);
                }
                catch (DuplicateVorgangsnummerException) when (draw < MaxVorgangsnummerDraws)
                {
                    continue; // the number was taken: draw another; nothing was written
                }
                catch (DuplicateIdempotencyKeyException)
                {
                    // A concurrent request with the same key committed first: nothing of this one was written.
                    await blobs.DeleteByPrefixAsync(BlobKeys.SubmissionPrefix(submissionId), CancellationToken.None);
                    var first = await submissions.FindByIdempotencyKeyAsync(tenantId, idempotencyKey!, cancellationToken)
                        ?? throw new InvalidOperationException("The store reported the idempotency key as taken but has no submission with it.");
                    return Repeated(first, processId, fingerprint!);
                }

                LogAccepted(logger, submissionId, tenantId, processId, deliveries.Count);
                metrics.SubmissionAccepted(tenantId, processId);
                signal.Notify();
                return new IntakeResult.Accepted(submission, deliveries);
            }
        }
        catch
        {
            // The database write failed or was cancelled: nothing was accepted, so no blob may stay behind.
            await blobs.DeleteByPrefixAsync(BlobKeys.SubmissionPrefix(submissionId), CancellationToken.None);
            throw;
        }
    }

    private IntakeResult Repeated(Submission earlier, string processId, string fingerprint)
    {
        if (earlier.ProcessId == processId && earlier.RequestFingerprint == fingerprint)
        {
            LogReplayed(logger, earlier.Id, earlier.TenantId);
            return new IntakeResult.Replayed(earlier);
        }

        return new IntakeResult.IdempotencyKeyReused(earlier.Id);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "A repeated request (same Idempotency-Key, same content) got submission {SubmissionId} of {TenantId} back")]
    private static partial void LogReplayed(ILogger logger, Guid submissionId, string tenantId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Submission {SubmissionId} accepted for {TenantId}/{ProcessId} with {RouteCount} route(s)")]
    private static partial void LogAccepted(ILogger logger, Guid submissionId, string tenantId, string processId, int routeCount);

    [LoggerMessage(Level = LogLevel.Warning, Message = "An upload for {TenantId}/{ProcessId} was refused: the scanner found {Signature}")]
    private static partial void LogInfected(ILogger logger, string tenantId, string processId, string? signature);
}

/// <summary>What became of a submit request.</summary>
public abstract record IntakeResult
{
    private IntakeResult()
    {
    }

    public sealed record Accepted(Submission Submission, IReadOnlyList<Delivery> Deliveries) : IntakeResult;

    public sealed record Invalid(IReadOnlyList<FieldError> Errors) : IntakeResult;

    /// <summary>The request repeats an accepted one (same Idempotency-Key, same content): that submission, unchanged.</summary>
    public sealed record Replayed(Submission Submission) : IntakeResult;

    /// <summary>The Idempotency-Key was used for a different request (another process or other content).</summary>
    public sealed record IdempotencyKeyReused(Guid FirstSubmissionId) : IntakeResult;

    public sealed record ProcessNotFound : IntakeResult;

    /// <summary>The malware scanner gave no verdict, so the files cannot be accepted now; nothing was stored.</summary>
    public sealed record ScannerUnavailable : IntakeResult;
}
