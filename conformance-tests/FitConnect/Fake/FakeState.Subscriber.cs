using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using EfaGateway.Conformance.FitConnect.Jose;

namespace EfaGateway.Conformance.FitConnect.Fake;

/// <summary>The subscriber side and the event log: list and fetch submissions, read and write case events.</summary>
internal sealed partial class FakeState
{
    public const string NewSubmissionsCallback = "https://schema.fitko.de/fit-connect/submission-api/callbacks/new-submissions";
    public const string NewEventsCallback = "https://schema.fitko.de/fit-connect/submission-api/callbacks/new-events";

    public JsonObject ListSubmissions(string destinationId, int offset, int limit)
    {
        lock (gate)
        {
            var ready = submissions.Values
                .Where(s => s.DestinationId == destinationId && s.State == SubmissionState.Submitted)
                .ToList();
            return new JsonObject
            {
                ["count"] = Math.Max(0, Math.Min(limit, ready.Count - offset)),
                ["offset"] = offset,
                ["totalCount"] = ready.Count,
                ["submissions"] = new JsonArray([.. ready.Skip(offset).Take(limit).Select(s => (JsonNode)Identifiers(s))]),
            };
        }
    }

    /// <summary>A submitted submission of a destination the subscriber serves; accepted or rejected ones are gone.</summary>
    public (JsonObject? Submission, ApiProblem? Problem) GetSubmission(AccessToken token, string submissionId)
    {
        lock (gate)
        {
            if (!submissions.TryGetValue(submissionId, out var submission) || submission.State != SubmissionState.Submitted)
            {
                return (null, ApiProblem.SubmissionNotFound(submissionId));
            }

            if (!token.Client.DestinationIds.Contains(submission.DestinationId))
            {
                return (null, ApiProblem.Forbidden("The client does not subscribe to this submission's destination."));
            }

            var json = Identifiers(submission);
            json["serviceType"] = new JsonObject { ["name"] = submission.ServiceType.Name, ["identifier"] = submission.ServiceType.Identifier };
            json["attachments"] = new JsonArray([.. submission.AnnouncedAttachments.Select(id => JsonValue.Create(id))]);
            json["encryptedMetadata"] = submission.EncryptedMetadata;
            if (submission.EncryptedData is not null)
            {
                json["encryptedData"] = submission.EncryptedData;
            }

            return (json, null);
        }
    }

    public (string? Jwe, ApiProblem? Problem) GetAttachment(AccessToken token, string submissionId, string attachmentId)
    {
        var (submission, problem) = GetSubmission(token, submissionId);
        if (submission is null)
        {
            return (null, problem);
        }

        lock (gate)
        {
            return submissions[submissionId].UploadedAttachments.TryGetValue(attachmentId.ToLowerInvariant(), out var jwe)
                ? (jwe, null)
                : (null, ApiProblem.AttachmentNotFound(attachmentId));
        }
    }

    public (IReadOnlyList<string>? EventLog, ApiProblem? Problem) GetEvents(AccessToken token, string caseId)
    {
        lock (gate)
        {
            if (!cases.TryGetValue(caseId, out var submission))
            {
                return (null, ApiProblem.CaseNotFound(caseId));
            }

            var allowed = token.Client.Role == ClientRole.Sender
                ? submission.SenderClientId == token.Client.Credentials.ClientId
                : token.Client.DestinationIds.Contains(submission.DestinationId);
            return allowed ? ([.. submission.EventLog], null) : (null, ApiProblem.Forbidden("The case belongs to another client."));
        }
    }

    public IReadOnlyList<string> EventLog(string caseId)
    {
        lock (gate)
        {
            return cases.TryGetValue(caseId, out var submission) ? [.. submission.EventLog] : [];
        }
    }

    /// <summary>
    /// Appends a subscriber's accept/reject SET after checking it as a Zustelldienst must: signed PS512 by the
    /// destination's signature key, typ secevent+jwt, iss the destination, sub and txn this submission and case,
    /// exactly one event, a set-payload 1.x schema, and only one decision per submission.
    /// </summary>
    public ApiProblem? PostEvent(AccessToken token, string caseId, string? contentType, string body)
    {
        lock (gate)
        {
            if (!cases.TryGetValue(caseId, out var submission))
            {
                return ApiProblem.CaseNotFound(caseId);
            }

            var destination = FindDestination(submission.DestinationId)!;
            if (!token.Client.DestinationIds.Contains(destination.DestinationId))
            {
                return ApiProblem.Forbidden("The client does not subscribe to this case's destination.");
            }

            if (!RequestBody.HasMediaType(contentType, "application/jose"))
            {
                return ApiProblem.UnsupportedMediaType(contentType, "application/jose");
            }

            var set = SecurityEventToken.Verify(body.Trim(), destination.SignatureKey.Issued.PrivateKey, out var error);
            var reason = set is null ? error : CheckSubscriberEvent(set, destination, submission);
            if (set is null || reason is not null)
            {
                return ApiProblem.InvalidEvent(reason ?? "The SET is invalid.");
            }

            if (submission.State != SubmissionState.Submitted)
            {
                return ApiProblem.EventConflict($"Submission {submission.SubmissionId} is {submission.State.ToString().ToLowerInvariant()}; it can be accepted or rejected once, after it was submitted.");
            }

            submission.State = set.EventUri == FitConnectEvents.AcceptSubmission ? SubmissionState.Accepted : SubmissionState.Rejected;
            AppendEvent(submission, body.Trim());
            return null;
        }
    }

    private static readonly Regex SetPayloadSchemaPattern =
        new(@"^https://schema\.fitko\.de/fit-connect/set-payload/1\.\d+\.\d+/set-payload\.schema\.json$", RegexOptions.CultureInvariant);

    private static string? CheckSubscriberEvent(SecurityEventToken set, FakeDestination destination, FakeSubmission submission)
    {
        if (set.KeyId != destination.SignatureKey.Kid)
        {
            return $"kid {set.KeyId} is not the destination's signature key.";
        }

        if (set.PayloadSchema is null || !SetPayloadSchemaPattern.IsMatch(set.PayloadSchema))
        {
            return $"$schema {set.PayloadSchema ?? "(none)"} is not a set-payload 1.x schema.";
        }

        if (set.Issuer != destination.DestinationId || set.SubmissionId != submission.SubmissionId || set.CaseId != submission.CaseId)
        {
            return "iss, sub and txn must name this destination, submission and case.";
        }

        if (!FitConnectEvents.IsSubscriberEvent(set.EventUri))
        {
            return $"A subscriber may not send {set.EventUri}.";
        }

        if (set.EventUri == FitConnectEvents.RejectSubmission
            && (!set.EventPayload.TryGetProperty("problems", out var problems) || problems.ValueKind != JsonValueKind.Array
                || problems.GetArrayLength() == 0))
        {
            return "reject-submission needs a non-empty problems list.";
        }

        if (set.EventUri == FitConnectEvents.AcceptSubmission
            && set.EventPayload.TryGetProperty("authenticationTags", out var tags)
            && !JsonNode.DeepEquals(JsonNode.Parse(tags.GetRawText()), AuthenticationTags(submission)))
        {
            return "The authenticationTags of accept-submission do not match the submission.";
        }

        return null;
    }

    private void AppendOwnEvent(FakeSubmission submission, string eventUri, JsonObject payload) =>
        AppendEvent(submission, SecurityEventToken.Sign(SigningKey.Issued.PrivateKey, SigningKey.Kid, Issuer,
            submission.SubmissionId, submission.CaseId, eventUri, payload, Time.GetUtcNow(), Options.SetPayloadSchema));

    private void AppendEvent(FakeSubmission submission, string set)
    {
        submission.EventLog.Add(set);
        if (submission.Callback is { } callback)
        {
            Callbacks.Enqueue(callback.Url, callback.Secret, CallbackBody(NewEventsCallback, submission));
        }
    }

    private void NotifyDestination(FakeSubmission submission)
    {
        if (FindDestination(submission.DestinationId)?.Callback is { } callback)
        {
            Callbacks.Enqueue(callback.Url, callback.Secret, CallbackBody(NewSubmissionsCallback, submission));
        }
    }

    // The documented body of new-submissions (docs/details/callbacks.mdx); new-events uses the same shape, as its own
    // body is not documented where we could read it (FINDINGS §4).
    private static string CallbackBody(string type, FakeSubmission submission) => new JsonObject
    {
        ["type"] = type,
        ["submissionIds"] = new JsonArray(JsonValue.Create(submission.SubmissionId)),
        ["submissions"] = new JsonArray(Identifiers(submission)),
    }.ToJsonString();
}
