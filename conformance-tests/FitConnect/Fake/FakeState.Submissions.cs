using System.Text.Json.Nodes;
using EfaGateway.Conformance.FitConnect.Jose;

namespace EfaGateway.Conformance.FitConnect.Fake;

/// <summary>The sender side: announce, upload attachments, submit — with the state rules of Submission API v1.</summary>
internal sealed partial class FakeState
{
    public IReadOnlyList<AnnounceRecord> Announces { get { lock (gate) { return [.. announces]; } } }

    public IReadOnlyList<UploadRecord> Uploads { get { lock (gate) { return [.. uploads]; } } }

    public IReadOnlyList<SubmitRecord> Submits { get { lock (gate) { return [.. submits]; } } }

    public SubmissionSnapshot? Snapshot(string submissionId)
    {
        lock (gate)
        {
            return submissions.TryGetValue(submissionId, out var submission) ? submission.Snapshot() : null;
        }
    }

    public (JsonObject? Created, ApiProblem? Problem) Announce(AccessToken token, string body)
    {
        lock (gate)
        {
            var (created, problem) = AnnounceLocked(token, body);
            announces.Add(new AnnounceRecord(Time.GetUtcNow(), token.Client.Credentials.ClientId, body,
                problem?.Status ?? 201, created?["submissionId"]?.GetValue<string>()));
            return (created, problem);
        }
    }

    private (JsonObject?, ApiProblem?) AnnounceLocked(AccessToken token, string body)
    {
        if (!RequestBody.TryParseObject(body, out var request, out var syntaxProblem))
        {
            return (null, syntaxProblem);
        }

        if (RequestBody.String(request, "destinationId") is not { } destinationId)
        {
            return (null, ApiProblem.InvalidRequest("destinationId is required."));
        }

        if (!RequestBody.TryReadServiceType(request, out var serviceType, out var serviceProblem))
        {
            return (null, serviceProblem);
        }

        if (!RequestBody.TryReadAttachmentIds(request, out var attachmentIds, out var attachmentProblem))
        {
            return (null, attachmentProblem);
        }

        if (!RequestBody.TryReadCallback(request, out var callback, out var callbackProblem))
        {
            return (null, callbackProblem);
        }

        var destination = FindDestination(destinationId);
        if (destination is null)
        {
            return (null, ApiProblem.DestinationNotFound(destinationId));
        }

        if (destination.Status != DestinationStatus.Active)
        {
            return (null, ApiProblem.DestinationStateInvalid(destinationId, destination.Status));
        }

        if (destination.Services.All(service => service.Identifier != serviceType.Identifier))
        {
            return (null, ApiProblem.ServiceTypeNotOffered(serviceType.Identifier));
        }

        var submission = new FakeSubmission(Guid.NewGuid().ToString(), Guid.NewGuid().ToString(), destinationId,
            token.Client.Credentials.ClientId, serviceType, attachmentIds, callback);
        submissions[submission.SubmissionId] = submission;
        cases[submission.CaseId] = submission;
        AppendOwnEvent(submission, FitConnectEvents.CreateSubmission, new JsonObject());
        return (Identifiers(submission), null);
    }

    public ApiProblem? Upload(AccessToken token, string submissionId, string attachmentId, string? contentType, string body)
    {
        lock (gate)
        {
            var problem = UploadLocked(token, submissionId, attachmentId, contentType, body);
            uploads.Add(new UploadRecord(Time.GetUtcNow(), submissionId, attachmentId, contentType, body.Length,
                problem?.Status ?? 204));
            return problem;
        }
    }

    private ApiProblem? UploadLocked(AccessToken token, string submissionId, string attachmentId, string? contentType, string body)
    {
        if (UploadPreconditionsLocked(token, submissionId, attachmentId, contentType) is { } problem)
        {
            return problem;
        }

        var submission = submissions[submissionId];
        if (CheckJwe($"attachment {attachmentId}", body, submission) is { } jweProblem)
        {
            return jweProblem;
        }

        // A second upload of the same attachment before submit replaces the first: senders retry after timeouts.
        submission.UploadedAttachments[attachmentId.ToLowerInvariant()] = body;
        submission.DigestedAttachments.Remove(attachmentId.ToLowerInvariant());
        return null;
    }

    private ApiProblem? UploadPreconditionsLocked(AccessToken token, string submissionId, string attachmentId, string? contentType)
    {
        if (!submissions.TryGetValue(submissionId, out var submission)
            || submission.SenderClientId != token.Client.Credentials.ClientId)
        {
            return ApiProblem.SubmissionNotFound(submissionId);
        }

        if (!RequestBody.HasMediaType(contentType, "application/jose"))
        {
            return ApiProblem.UnsupportedMediaType(contentType, "application/jose");
        }

        if (!submission.AnnouncedAttachments.Contains(attachmentId, StringComparer.OrdinalIgnoreCase))
        {
            return ApiProblem.AttachmentNotFound(attachmentId);
        }

        if (submission.State != SubmissionState.Announced)
        {
            return ApiProblem.SubmissionStateInvalid(submissionId, submission.State);
        }

        return null;
    }

    public (JsonObject? Accepted, ApiProblem? Problem) Submit(AccessToken token, string submissionId, string? contentType, string body)
    {
        lock (gate)
        {
            var (accepted, problem) = SubmitLocked(token, submissionId, contentType, body);
            submits.Add(new SubmitRecord(Time.GetUtcNow(), submissionId, body, problem?.Status ?? 202));
            return (accepted, problem);
        }
    }

    private (JsonObject?, ApiProblem?) SubmitLocked(AccessToken token, string submissionId, string? contentType, string body)
    {
        if (!submissions.TryGetValue(submissionId, out var submission)
            || submission.SenderClientId != token.Client.Credentials.ClientId)
        {
            return (null, ApiProblem.SubmissionNotFound(submissionId));
        }

        if (!RequestBody.HasMediaType(contentType, "application/json"))
        {
            return (null, ApiProblem.UnsupportedMediaType(contentType, "application/json"));
        }

        if (submission.State != SubmissionState.Announced)
        {
            return (null, ApiProblem.SubmissionStateInvalid(submissionId, submission.State));
        }

        if (!RequestBody.TryParseObject(body, out var request, out var syntaxProblem))
        {
            return (null, syntaxProblem);
        }

        var metadata = RequestBody.String(request, "encryptedMetadata");
        var data = RequestBody.String(request, "encryptedData");
        if (metadata is null)
        {
            return (null, ApiProblem.InvalidRequest("encryptedMetadata is required."));
        }

        var jweProblem = CheckJwe("encryptedMetadata", metadata, submission)
                         ?? (data is null ? null : CheckJwe("encryptedData", data, submission));
        if (jweProblem is not null)
        {
            return (null, jweProblem);
        }

        var missing = submission.AnnouncedAttachments
            .Where(id => !submission.HasUploaded(id)).ToList();
        if (missing.Count > 0)
        {
            return (null, ApiProblem.MissingAttachments(missing));
        }

        submission.EncryptedMetadata = metadata;
        submission.EncryptedData = data;
        submission.State = SubmissionState.Submitted;
        AppendOwnEvent(submission, FitConnectEvents.SubmitSubmission,
            new JsonObject { ["authenticationTags"] = AuthenticationTags(submission) });
        NotifyDestination(submission);
        return (Identifiers(submission), null);
    }

    /// <summary>
    /// What a Zustelldienst can check of a JWE without any key: compact syntax and the header — alg RSA-OAEP-256,
    /// enc A256GCM and the kid of the destination's current encryption key.
    /// </summary>
    private ApiProblem? CheckJwe(string what, string text, FakeSubmission submission)
    {
        if (!CompactJwe.TryParse(text.Trim(), out var jwe))
        {
            return ApiProblem.InvalidJwe(what, "not a JWE in compact serialization.");
        }

        var destination = FindDestination(submission.DestinationId)!;
        return jwe switch
        {
            { Algorithm: not JsonWebKeys.EncryptionAlgorithm } => ApiProblem.InvalidJwe(what, $"alg must be RSA-OAEP-256, not {jwe.Algorithm}."),
            { Encryption: not "A256GCM" } => ApiProblem.InvalidJwe(what, $"enc must be A256GCM, not {jwe.Encryption}."),
            _ when jwe.KeyId != destination.EncryptionKid =>
                ApiProblem.InvalidJwe(what, $"kid {jwe.KeyId} is not the destination's encryption key {destination.EncryptionKid}."),
            _ => null,
        };
    }

    /// <summary>The JWE authentication tags (fifth segments) as submit-submission and accept-submission carry them.</summary>
    internal static JsonObject AuthenticationTags(FakeSubmission submission)
    {
        var tags = new JsonObject();
        if (submission.EncryptedData is { } data && CompactJwe.TryParse(data.Trim(), out var dataJwe))
        {
            tags["data"] = dataJwe.AuthenticationTag;
        }

        if (submission.EncryptedMetadata is { } metadata && CompactJwe.TryParse(metadata.Trim(), out var metadataJwe))
        {
            tags["metadata"] = metadataJwe.AuthenticationTag;
        }

        var attachments = new JsonObject();
        foreach (var (id, jwe) in submission.UploadedAttachments)
        {
            attachments[id] = CompactJwe.TryParse(jwe.Trim(), out var parsed) ? parsed.AuthenticationTag : null;
        }

        foreach (var (id, digest) in submission.DigestedAttachments)
        {
            attachments[id] = digest.AuthenticationTag;
        }

        tags["attachments"] = attachments;
        return tags;
    }

    private static JsonObject Identifiers(FakeSubmission submission) => new()
    {
        ["destinationId"] = submission.DestinationId,
        ["submissionId"] = submission.SubmissionId,
        ["caseId"] = submission.CaseId,
    };
}
