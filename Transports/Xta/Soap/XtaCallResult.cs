namespace EfaGateway.Transports.Xta.Soap;

/// <summary>Why an XTA call failed: the fault (element and error code) if the server sent one, and whether a retry may help.</summary>
public sealed record XtaFailure(string Reason, bool IsTransient, string? FaultElement = null, string? ErrorCode = null);

/// <summary>The reply body (as XML, or null for an empty body), or the failure.</summary>
public sealed record XtaCallResult(System.Xml.Linq.XElement? Body, XtaFailure? Failure)
{
    public bool Succeeded => Failure is null;
}
