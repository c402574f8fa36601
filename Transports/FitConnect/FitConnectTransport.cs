using System.Globalization;
using System.Text;
using System.Text.Json;
using EfaGateway.Core.Deliveries;
using EfaGateway.Core.Ports;
using EfaGateway.Transports.FitConnect.Api;
using EfaGateway.Transports.FitConnect.Crypto;
using EfaGateway.Transports.FitConnect.Destinations;
using EfaGateway.Transports.FitConnect.Events;
using EfaGateway.Transports.FitConnect.Metadata;
using EfaGateway.Transports.FitConnect.Settings;

namespace EfaGateway.Transports.FitConnect;

/// <summary>
/// Sends an application to a FIT-Connect destination as its sender (Onlinedienst): checks the destination and its
/// key, announces the submission, uploads every attachment encrypted, then submits encrypted metadata and data. Every
/// id is persisted before the step that depends on it, so a later attempt resumes and never announces twice.
/// The receipt (accept or reject by the subscriber) follows through <see cref="FitConnectReceipts"/>.
/// </summary>
public sealed class FitConnectTransport(SubmissionApi api, DestinationDirectory destinations, EventLogReader events, TimeProvider time) : ITransport
{
    public const string TransportId = "fit-connect";

    public string Id => TransportId;

    /// <summary>Attachments are only read through <see cref="DeliveryArtifact.CopyToAsync"/>, straight into the encrypted upload.</summary>
    public bool StreamsAttachments => true;

    public async Task<DeliveryOutcome> DeliverAsync(DeliveryRequest request, CancellationToken cancellationToken)
    {
        // Already submitted (a crash after the mark): nothing to send, whatever the route says by now.
        if (request.ExternalIds.ContainsKey(FitConnectIds.Submitted))
        {
            return DeliveryOutcome.Succeeded(awaitsReceipt: true);
        }

        var (settings, settingsProblem) = ReadSettings(request.Route?.Settings);
        if (settings is null)
        {
            return DeliveryOutcome.Fail(settingsProblem!);
        }

        var process = request.TenantProcess.Process;
        if ((settings.LeikaKey ?? process.LeikaKey) is not { } leika || !Leika.IsValid(leika))
        {
            return DeliveryOutcome.Fail($"Process '{process.Id}' has no LeiKa key; FIT-Connect needs one (set leikaKey in the route).");
        }

        var schemaUri = settings.SubmissionSchema?.SchemaUri?.OriginalString ?? process.DataSchemaUri;
        var schemaMimeType = settings.SubmissionSchema?.MimeType ?? "application/json";
        var serviceId = Leika.Urn(leika);
        string? metadataVersion = null;
        var known = await destinations.GetAsync(settings, candidate =>
        {
            var (version, problem, transient) = DestinationRules.Check(candidate, serviceId, schemaUri, schemaMimeType);
            metadataVersion = version;
            return problem is null ? null : new ApiFailure(problem, transient);
        }, cancellationToken);
        if (known.Value is not { } destination)
        {
            return Outcome(known.Failure!);
        }

        List<Guid>? recordedIds = null;
        if (request.ExternalIds.TryGetValue(FitConnectIds.AttachmentIds, out var idList))
        {
            try
            {
                recordedIds = JsonSerializer.Deserialize<List<Guid>>(idList);
            }
            catch (JsonException)
            {
                // Left at null: reported just below.
            }

            if (recordedIds is null)
            {
                return DeliveryOutcome.Fail("The recorded FIT-Connect attachment ids cannot be read; the delivery record was altered.");
            }
        }

        var (plan, planProblem) = SubmissionPlan.Make(request, schemaMimeType, recordedIds);
        if (plan is null)
        {
            return DeliveryOutcome.Fail(planProblem!);
        }

        if (recordedIds is null)
        {
            await request.RecordExternalIdAsync(FitConnectIds.AttachmentIds, JsonSerializer.Serialize(plan.Attachments.Select(a => a.Id)), cancellationToken);
        }

        var (submissionId, caseId, announceFailure) = await AnnounceOnceAsync(request, settings, destination.Destination, serviceId, plan, cancellationToken);
        if (announceFailure is not null)
        {
            return Outcome(announceFailure);
        }

        var hashes = new Dictionary<Guid, string>();
        foreach (var attachment in plan.Attachments)
        {
            var artifact = attachment.Artifact;
            if (request.ExternalIds.ContainsKey(FitConnectIds.AttachmentTag(attachment.Id)))
            {
                // Uploaded by an earlier attempt: only its hash is still needed, read as it streams by.
                hashes[attachment.Id] = await Sha512Stream.HexAsync(artifact.CopyToAsync, cancellationToken);
                continue;
            }

            // Encrypted while it is sent, so an upload of any size takes the same small memory.
            var uploaded = await api.UploadAttachmentAsync(settings, submissionId, attachment.Id,
                () => new JweContent(destination.EncryptionKey, destination.EncryptionKid, artifact.MediaType, artifact.Length, artifact.CopyToAsync),
                cancellationToken);
            if (uploaded.Failure is { } failure)
            {
                return await AfterRefusalAsync(request, settings, submissionId, caseId, destination.EncryptionKid, failure, cancellationToken);
            }

            await request.RecordExternalIdAsync(FitConnectIds.AttachmentTag(attachment.Id), uploaded.Value!.AuthenticationTag, cancellationToken);
            hashes[attachment.Id] = uploaded.Value.Sha512Hex;
        }

        var metadata = MetadataDocument.Build(new MetadataContent(metadataVersion!, settings.ServiceName ?? process.Title.De, serviceId,
            Jwe.Sha512Hex(plan.Data.Content.Span), schemaUri, schemaMimeType,
            [.. plan.Attachments.Select(a => new AttachmentEntry(a.Id, a.Purpose, a.Artifact.MediaType, a.Artifact.FileName, a.Description,
                hashes[a.Id]))],
            request.Submission.Vorgangsnummer, DateOnly.FromDateTime(request.Submission.ReceivedAt.UtcDateTime)));
        var metadataProblems = MetadataSchemas.Validate(metadataVersion!, metadata);
        if (metadataProblems.Count > 0)
        {
            return DeliveryOutcome.Fail($"The metadata does not match the FIT-Connect metadata schema {metadataVersion}: {string.Join("; ", metadataProblems)}");
        }

        var encryptedMetadata = Jwe.Encrypt(Encoding.UTF8.GetBytes(metadata.ToJsonString()), destination.EncryptionKey, destination.EncryptionKid, "application/json");
        var encryptedData = Jwe.Encrypt(plan.Data.Content.Span, destination.EncryptionKey, destination.EncryptionKid, schemaMimeType);
        var submitted = await api.SubmitAsync(settings, submissionId, new SubmitRequest(encryptedMetadata, encryptedData), cancellationToken);
        if (submitted.Failure is { } submitFailure)
        {
            return await AfterRefusalAsync(request, settings, submissionId, caseId, destination.EncryptionKid, submitFailure, cancellationToken);
        }

        await request.RecordExternalIdsAsync(new Dictionary<string, string>(StringComparer.Ordinal)
        {
            [FitConnectIds.MetadataTag] = Jwe.AuthenticationTag(encryptedMetadata),
            [FitConnectIds.DataTag] = Jwe.AuthenticationTag(encryptedData),
            [FitConnectIds.Submitted] = time.GetUtcNow().ToString("O", CultureInfo.InvariantCulture),
        }, cancellationToken);
        return DeliveryOutcome.Succeeded(awaitsReceipt: true);
    }

    /// <summary>The route's settings, checked; the same settings text gives the same answer, so it is read once (see <see cref="ReadSettingsCache"/>).</summary>
    public static (FitConnectRouteSettings? Settings, string? Problem) ReadSettings(JsonElement? element) =>
        element is { ValueKind: JsonValueKind.Object } value ? ReadSettingsCache.Get(value, ReadAndCheck) : ReadAndCheck(element);

    private static (FitConnectRouteSettings? Settings, string? Problem) ReadAndCheck(JsonElement? element)
    {
        var (settings, error) = FitConnectRouteSettings.Read(element);
        if (settings is null)
        {
            return (null, error);
        }

        var problems = settings.Problems().ToList();
        return problems.Count == 0 ? (settings, null) : (null, "The FIT-Connect route settings are not usable: " + string.Join(" ", problems));
    }

    private async Task<(Guid SubmissionId, Guid CaseId, ApiFailure? Failure)> AnnounceOnceAsync(DeliveryRequest request, FitConnectRouteSettings settings,
        Destination destination, string serviceId, SubmissionPlan plan, CancellationToken cancellationToken)
    {
        if (request.ExternalIds.TryGetValue(FitConnectIds.SubmissionId, out var recordedSubmission))
        {
            return Guid.TryParse(recordedSubmission, CultureInfo.InvariantCulture, out var submissionId)
                && request.ExternalIds.TryGetValue(FitConnectIds.CaseId, out var recordedCase)
                && Guid.TryParse(recordedCase, CultureInfo.InvariantCulture, out var caseId)
                ? (submissionId, caseId, null)
                : (Guid.Empty, Guid.Empty, new ApiFailure("The recorded FIT-Connect submission or case id cannot be read; the delivery record was altered.", false));
        }

        var callback = settings.CallbackUrl is { } url
            ? new CallbackRegistration($"{url.ToString().TrimEnd('/')}/{request.DeliveryId:D}", settings.CallbackSecret!)
            : null;
        var announced = await api.AnnounceAsync(settings, new AnnounceRequest(destination.DestinationId, [.. plan.Attachments.Select(a => a.Id)],
            new ServiceType(settings.ServiceName ?? request.TenantProcess.Process.Title.De, serviceId), callback), cancellationToken);
        if (announced.Value is not { } ids)
        {
            return (Guid.Empty, Guid.Empty, announced.Failure);
        }

        // Both ids are persisted in one write before anything else happens; a crash before it can leave an announced
        // submission without uploads, which the Zustelldienst discards unsent (it never reaches the subscriber).
        await request.RecordExternalIdsAsync(new Dictionary<string, string>(StringComparer.Ordinal)
        {
            [FitConnectIds.SubmissionId] = ids.SubmissionId.ToString("D"),
            [FitConnectIds.CaseId] = ids.CaseId.ToString("D"),
        }, cancellationToken);
        return (ids.SubmissionId, ids.CaseId, null);
    }

    /// <summary>
    /// A refused upload or submit may mean an earlier attempt got further than it could record (crash after the
    /// Zustelldienst took the submission): the event log decides. A refusal naming the key may mean rotation.
    /// </summary>
    private async Task<DeliveryOutcome> AfterRefusalAsync(DeliveryRequest request, FitConnectRouteSettings settings, Guid submissionId, Guid caseId,
        string usedKid, ApiFailure failure, CancellationToken cancellationToken)
    {
        if (failure.IsTransient)
        {
            return Outcome(failure);
        }

        var log = await events.ReadAsync(settings, submissionId, caseId, cancellationToken);
        if (log.Failure is { } unreadable)
        {
            // Without the log it is unknown whether the submission went through: never give up on that ground.
            return DeliveryOutcome.Retry($"{failure.Reason}; the event log, which would tell whether it was taken, could not be read: {unreadable.Reason}",
                unreadable.RetryAfter);
        }

        if (log.Value!.Events.Any(e => e.EventUri == FitConnectEvents.SubmitSubmission))
        {
            await MarkSubmittedAsync(request, cancellationToken);
            return DeliveryOutcome.Succeeded(awaitsReceipt: true);
        }

        // The destination's key may have changed since it was cached (rotation): if so, the next attempt encrypts anew.
        destinations.Forget(settings);
        var current = await destinations.GetAsync(settings, _ => null, cancellationToken);
        if (current.Value is { } fresh && fresh.EncryptionKid != usedKid)
        {
            return DeliveryOutcome.Retry($"The destination's encryption key changed from '{usedKid}' to '{fresh.EncryptionKid}'; the next attempt encrypts with the new key. ({failure.Reason})");
        }

        return Outcome(failure);
    }

    private async Task MarkSubmittedAsync(DeliveryRequest request, CancellationToken cancellationToken) =>
        await request.RecordExternalIdAsync(FitConnectIds.Submitted, time.GetUtcNow().ToString("O", CultureInfo.InvariantCulture), cancellationToken);

    private static DeliveryOutcome Outcome(ApiFailure failure) =>
        failure.IsTransient ? DeliveryOutcome.Retry(failure.Reason, failure.RetryAfter) : DeliveryOutcome.Fail(failure.Reason);
}
