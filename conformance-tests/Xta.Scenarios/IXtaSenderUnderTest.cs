using EfaGateway.Conformance.Xta.Server;

namespace EfaGateway.Conformance.Xta.Scenarios;

/// <summary>How far an XTA sender got with one application, in its own words.</summary>
public enum XtaSenderState
{
    /// <summary>Not handed over yet (retrying).</summary>
    Delivering,

    /// <summary>Sent; the transport report's verdict is awaited.</summary>
    AwaitingReceipt,

    /// <summary>The transport report confirmed it (green, or yellow with warnings).</summary>
    Confirmed,

    /// <summary>Given up, refused or reported red, with a reason.</summary>
    Failed,
}

public sealed record XtaSenderStatus(XtaSenderState State, string? Reason, string? MessageId);

public sealed record XtaSenderRun(string Id);

/// <summary>
/// An XTA 2 Version 3 sender (Autor) under test. A vendor implements this over their product to run the scenario
/// suite; the gateway's own implementation lives in its host tests.
/// </summary>
public interface IXtaSenderUnderTest : IAsyncDisposable
{
    /// <summary>
    /// Sends one application (an XÖV message and one attachment of <paramref name="attachmentBytes"/>) to the fake's
    /// demo reader as the fake's author account, driving the sender's own retries until it handed over or gave up.
    /// The sender's request timeout must be well below five seconds.
    /// </summary>
    Task<XtaSenderRun> SendAsync(FakeXtaServer server, int attachmentBytes, CancellationToken cancellationToken);

    Task<XtaSenderStatus> StatusAsync(XtaSenderRun run, CancellationToken cancellationToken);

    /// <summary>Lets the sender read the transport report now (as its polling would) and reports its state.</summary>
    Task<XtaSenderStatus> CheckReceiptAsync(XtaSenderRun run, CancellationToken cancellationToken);
}
