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

    /// <summary>
    /// Works off every submission waiting at the destination, in the listed order, up to <paramref name="parallelism"/>
    /// at a time (a Fachverfahren may take several at once; each is fetched, verified and decided on its own).
    /// </summary>
    public Task<IReadOnlyList<SubscriberReport>> ProcessPendingAsync(CancellationToken cancellationToken = default) =>
        ProcessPendingAsync(1, cancellationToken);

    /// <inheritdoc cref="ProcessPendingAsync(CancellationToken)"/>
    public async Task<IReadOnlyList<SubscriberReport>> ProcessPendingAsync(int parallelism, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(parallelism, 1);
        var list = await api.GetJsonAsync($"v1/submissions?destinationId={Uri.EscapeDataString(connection.DestinationId)}&offset=0&limit=500",
            cancellationToken);
        var ids = list.GetProperty("submissions").EnumerateArray().Select(item => item.GetProperty("submissionId").GetString()!).ToList();
        var reports = new SubscriberReport[ids.Count];
        await Parallel.ForEachAsync(Enumerable.Range(0, ids.Count),
            new ParallelOptions { MaxDegreeOfParallelism = parallelism, CancellationToken = cancellationToken },
            async (index, ct) => reports[index] = await ProcessAsync(ids[index], ct));
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
