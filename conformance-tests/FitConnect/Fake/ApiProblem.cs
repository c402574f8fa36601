using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace EfaGateway.Conformance.FitConnect.Fake;

/// <summary>
/// An RFC 7807 error answer as the Submission API gives them: always <c>type</c>, <c>title</c> and <c>status</c>
/// (FIT-Connect v1 "Status- und Fehlercodes"), optionally <c>detail</c> and <c>instance</c>.
/// </summary>
/// <remarks>
/// Only three type names are confirmed from FITKO clients (see /work/research/fitconnect/FINDINGS.md §3.1):
/// destination-not-found, destination-state-invalid and submission-not-found. The others below follow the same naming
/// style, and their status codes are our best reading of the API (404 unknown, 409 wrong state, 415 media type,
/// 422 semantic errors); they are kept in this one file so they can be corrected in one place.
/// </remarks>
public sealed record ApiProblem(int Status, string Name, string Title, string? Detail = null)
{
    public const string TypePrefix = "https://schema.fitko.de/fit-connect/submission-api/problems/";

    public string Type => TypePrefix + Name;

    public JsonObject ToJson(string? instance) => new()
    {
        ["type"] = Type,
        ["title"] = Title,
        ["status"] = Status,
        ["detail"] = Detail,
        ["instance"] = instance,
    };

    public IResult ToResult(HttpContext context) =>
        Results.Text(ToJson(context.Request.Path.Value).ToJsonString(), "application/problem+json", statusCode: Status);

    // Confirmed names (FINDINGS §3.1).
    public static ApiProblem DestinationNotFound(string id) =>
        new(404, "destination-not-found", "Destination not found", $"Destination {id} does not exist.");

    public static ApiProblem DestinationStateInvalid(string id, DestinationStatus status) =>
        new(422, "destination-state-invalid", "Destination state invalid",
            $"Destination {id} is {status.ToString().ToLowerInvariant()}; submissions are accepted only by active destinations.");

    public static ApiProblem SubmissionNotFound(string id) =>
        new(404, "submission-not-found", "Submission not found", $"Submission {id} does not exist.");

    // Names and codes in the same style, not confirmed by a FITKO source.
    public static ApiProblem CaseNotFound(string id) =>
        new(404, "case-not-found", "Case not found", $"Case {id} does not exist.");

    public static ApiProblem KeyNotFound(string kid) =>
        new(404, "key-not-found", "Key not found", $"The destination has no key {kid}.");

    public static ApiProblem AttachmentNotFound(string id) =>
        new(404, "attachment-not-found", "Attachment not found", $"Attachment {id} was not announced for this submission.");

    public static ApiProblem InvalidRequest(string detail) =>
        new(400, "request-invalid", "Invalid request", detail);

    public static ApiProblem ServiceTypeNotOffered(string identifier) =>
        new(422, "service-type-invalid", "Service type not offered",
            $"The destination does not offer the service {identifier}.");

    public static ApiProblem UnsupportedMediaType(string? contentType, string expected) =>
        new(415, "unsupported-media-type", "Unsupported media type",
            $"Content-Type {contentType ?? "(none)"} is not accepted here; expected {expected}.");

    public static ApiProblem SubmissionStateInvalid(string id, SubmissionState state) =>
        new(409, "submission-state-invalid", "Submission state invalid",
            $"Submission {id} is {state.ToString().ToLowerInvariant()} and cannot be changed.");

    public static ApiProblem MissingAttachments(IEnumerable<string> missing) =>
        new(422, "missing-attachments", "Announced attachments missing",
            $"Not uploaded: {string.Join(", ", missing)}.");

    public static ApiProblem InvalidJwe(string what, string reason) =>
        new(422, "invalid-jwe", "Invalid JWE", $"{what}: {reason}");

    public static ApiProblem InvalidEvent(string reason) =>
        new(422, "event-invalid", "Invalid event", reason);

    public static ApiProblem EventConflict(string reason) =>
        new(409, "event-conflict", "Event not allowed in this state", reason);

    public static ApiProblem Forbidden(string reason) =>
        new(403, "forbidden", "Forbidden", reason);
}
