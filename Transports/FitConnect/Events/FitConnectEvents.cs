namespace EfaGateway.Transports.FitConnect.Events;

/// <summary>The event URIs of the Submission API's event log and who may issue each.</summary>
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

    /// <summary>Events the Zustelldienst issues (signed with its own key, <c>iss</c> = its base URL).</summary>
    public static readonly IReadOnlySet<string> ServiceEvents = new HashSet<string>(StringComparer.Ordinal)
    {
        CreateSubmission, SubmitSubmission, NotifySubmission, ForwardSubmission, DeleteSubmission, RejectSubmission,
    };

    /// <summary>Events the destination's subscriber issues (signed with the destination's signature key, <c>iss</c> = destination id).</summary>
    public static readonly IReadOnlySet<string> DestinationEvents = new HashSet<string>(StringComparer.Ordinal)
    {
        AcceptSubmission, RejectSubmission,
    };

    public static string ShortName(string uri) => uri.StartsWith(Prefix, StringComparison.Ordinal) ? uri[Prefix.Length..] : uri;
}
