namespace EfaGateway.Conformance.FitConnect.Jose;

/// <summary>Event URIs and the SET payload schema of FIT-Connect (docs.fitko.de, "Events"; see FINDINGS.md A).</summary>
public static class FitConnectEvents
{
    public const string Prefix = "https://schema.fitko.de/fit-connect/events/";
    public const string CreateSubmission = Prefix + "create-submission";
    public const string SubmitSubmission = Prefix + "submit-submission";
    public const string NotifySubmission = Prefix + "notify-submission";
    public const string ForwardSubmission = Prefix + "forward-submission";
    public const string AcceptSubmission = Prefix + "accept-submission";
    public const string RejectSubmission = Prefix + "reject-submission";
    public const string DeleteSubmission = Prefix + "delete-submission";

    public const string SetPayloadSchema = "https://schema.fitko.de/fit-connect/set-payload/1.0.0/set-payload.schema.json";

    public const string SetMediaType = "secevent+jwt";

    /// <summary>The events a subscriber may write to a case; the others are the Zustelldienst's own.</summary>
    public static bool IsSubscriberEvent(string eventUri) => eventUri is AcceptSubmission or RejectSubmission;
}
