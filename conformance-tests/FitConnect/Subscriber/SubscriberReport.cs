using System.Text.Json;

namespace EfaGateway.Conformance.FitConnect.Subscriber;

public enum SubscriberVerdict
{
    Accepted,
    Rejected,
}

/// <summary>
/// What the reference subscriber checked about one submission, what it decided, what the Zustelldienst said to its
/// event, and the decrypted content so a test can compare it with what was sent.
/// </summary>
public sealed record SubscriberReport(
    string SubmissionId,
    string CaseId,
    SubscriberVerdict Verdict,
    IReadOnlyList<RejectionProblem> Problems,
    IReadOnlyList<string> Checks,
    JsonElement? Metadata,
    byte[]? Data,
    IReadOnlyDictionary<string, byte[]> Attachments,
    string SentEvent,
    int EventPostStatus)
{
    /// <summary>True when the Zustelldienst took the accept/reject event (2xx).</summary>
    public bool EventAccepted => EventPostStatus is >= 200 and < 300;
}
