namespace EfaGateway.Host.Tests.FaultMatrix;

/// <summary>
/// The five ways a step of a delivery can go wrong once (issue 7, the fault matrix). Each transport maps them onto
/// what its remote end (or its storage) really does; docs/operators.md has the table.
/// </summary>
public enum MatrixFault
{
    /// <summary>The other side refuses for now: HTTP 5xx, a storage error.</summary>
    ServerError,

    /// <summary>No answer within the route's request timeout.</summary>
    Timeout,

    /// <summary>The connection is broken off without an answer.</summary>
    ConnectionReset,

    /// <summary>The real answer, late but within the request timeout: no fault at all for the gateway.</summary>
    Slow,

    /// <summary>An answer that cannot be read.</summary>
    MalformedAnswer,
}
