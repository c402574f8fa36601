using System.Text.Json;
using System.Text.Json.Nodes;
using EfaGateway.Conformance.FitConnect.Jose;

namespace EfaGateway.Conformance.FitConnect.Subscriber;

/// <summary>
/// A reference subscriber (Fachverfahren) for one destination, over plain HTTP against any Submission API v1: lists the
/// submitted submissions, fetches and decrypts each, verifies it (<see cref="SubmissionVerifier"/>) and sends exactly
/// one accept-submission or reject-submission SET signed PS512 with the destination's signature key.
/// </summary>
public sealed class ReferenceSubscriber : IDisposable
{
    private readonly SubscriberConnection connection;
    private readonly TimeProvider time;
    private readonly HttpClient http;
    private readonly bool ownsHttp;
    private readonly SubmissionApiClient api;
    private RejectionProblem? forcedProblem;

    public ReferenceSubscriber(SubscriberConnection connection, TimeProvider? time = null, HttpClient? http = null)
    {
        this.connection = connection;
        this.time = time ?? TimeProvider.System;
        ownsHttp = http is null;
        this.http = http ?? new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
        api = new SubmissionApiClient(this.http, connection.ApiBaseUrl, connection.TokenUrl, connection.Client, this.time);
    }

    /// <summary>
    /// From now on reject every submission with this problem (after running all checks, which the report still lists),
    /// so a sender's handling of each problem type can be tested. <paramref name="instance"/> defaults per type.
    /// </summary>
    public void RejectWith(string problemType, string? instance = null) =>
        forcedProblem = ProblemTypes.Create(problemType, "Rejected on purpose by the conformance kit.", instance);

    /// <summary>Back to deciding by the checks.</summary>
    public void DecideByChecks() => forcedProblem = null;

    /// <summary>Works every submission waiting for the destination, oldest first.</summary>
    public async Task<IReadOnlyList<SubscriberReport>> ProcessPendingAsync(CancellationToken cancellationToken = default)
    {
        var reports = new List<SubscriberReport>();
        var list = await api.GetJsonAsync($"v1/submissions?destinationId={Uri.EscapeDataString(connection.DestinationId)}&offset=0&limit=500",
            cancellationToken);
        foreach (var item in list.GetProperty("submissions").EnumerateArray())
        {
            reports.Add(await ProcessAsync(item.GetProperty("submissionId").GetString()!, cancellationToken));
        }

        return reports;
    }

    /// <summary>Fetches, verifies and decides one submission; the report tells what the Zustelldienst said to the decision.</summary>
    public async Task<SubscriberReport> ProcessAsync(string submissionId, CancellationToken cancellationToken = default)
    {
        var verification = await new SubmissionVerifier(connection, api).VerifyAsync(submissionId, cancellationToken);
        var problems = forcedProblem is { } forced ? [forced] : verification.Problems;
        var accepted = problems.Count == 0;
        var payload = accepted
            ? new JsonObject { ["authenticationTags"] = verification.AuthenticationTags.DeepClone() }
            : new JsonObject { ["problems"] = JsonSerializer.SerializeToNode(problems, ProblemJson) };
        var set = SecurityEventToken.Sign(connection.SigningKey, connection.SigningKeyId, connection.DestinationId,
            submissionId, verification.CaseId, accepted ? FitConnectEvents.AcceptSubmission : FitConnectEvents.RejectSubmission,
            payload, time.GetUtcNow(), verification.SetPayloadSchema ?? FitConnectEvents.SetPayloadSchema);
        var (status, _) = await api.PostEventAsync(verification.CaseId, set, cancellationToken);
        return new SubscriberReport(submissionId, verification.CaseId,
            accepted ? SubscriberVerdict.Accepted : SubscriberVerdict.Rejected, problems, verification.Checks,
            verification.Metadata, verification.Data, verification.Attachments, set, status);
    }

    private static readonly JsonSerializerOptions ProblemJson = new(JsonSerializerDefaults.Web);

    public void Dispose()
    {
        if (ownsHttp)
        {
            http.Dispose();
        }
    }
}
