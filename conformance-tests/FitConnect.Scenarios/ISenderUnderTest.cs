using EfaGateway.Conformance.FitConnect.Fake;

namespace EfaGateway.Conformance.FitConnect.Scenarios;

/// <summary>Where and as whom a sender is to deliver: what a FIT-Connect route of any Onlinedienst holds.</summary>
public sealed record SenderTarget(
    Uri TokenUrl,
    Uri SubmissionApiUrl,
    ClientCredentials Client,
    string DestinationId,
    string TrustAnchorPem,
    string LeikaKey);

/// <summary>How far the sender got with one application, in its own words.</summary>
public enum SenderState
{
    /// <summary>Not handed over yet (retrying).</summary>
    Delivering,

    /// <summary>Submitted; the subscriber's verdict is awaited.</summary>
    AwaitingReceipt,

    /// <summary>Accepted by the subscriber.</summary>
    Confirmed,

    /// <summary>Given up or rejected, with a reason.</summary>
    Failed,
}

public sealed record SenderStatus(SenderState State, string? Reason, string? SubmissionId);

/// <summary>One application the sender was asked to deliver.</summary>
public sealed record SenderRun(string Id, int Attachments);

/// <summary>
/// A FIT-Connect sender (Onlinedienst) under test. A vendor implements this over their product to run the whole
/// scenario suite against it; the gateway's own implementation lives in its host tests.
/// </summary>
public interface ISenderUnderTest : IAsyncDisposable
{
    /// <summary>The LeiKa key of the service the sender's applications are for.</summary>
    string LeikaKey { get; }

    /// <summary>The schemaUri (with mimeType application/json) of the sender's data.</summary>
    string SchemaUri { get; }

    /// <summary>
    /// Sends one application with exactly <paramref name="attachments"/> FIT-Connect attachments and drives the
    /// sender's own retrying (its clock included) until it has handed the application over or given up.
    /// </summary>
    Task<SenderRun> SendAsync(SenderTarget target, int attachments, CancellationToken cancellationToken);

    Task<SenderStatus> StatusAsync(SenderRun run, CancellationToken cancellationToken);

    /// <summary>Lets the sender look for the receipt now (as its polling would) and reports its state.</summary>
    Task<SenderStatus> CheckReceiptAsync(SenderRun run, CancellationToken cancellationToken);

    /// <summary>The callback address the sender registered for this application (with the Zustelldienst), if any.</summary>
    Uri? CallbackUrl(SenderRun run);

    /// <summary>The callback secret the sender registered, to compute authentic callbacks.</summary>
    string? CallbackSecret { get; }
}
