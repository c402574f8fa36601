using System.Xml.Linq;
using EfaGateway.Conformance.Xta.Soap;

namespace EfaGateway.Conformance.Xta.Server;

/// <summary>
/// One request as the fake saw it: which operation, whether it was valid (schemas and the fake's checks), how it was
/// answered, and for sendMessage the metadata and the decoded sizes of the content container.
/// </summary>
public sealed record XtaRequestRecord
{
    public required DateTimeOffset ReceivedAt { get; init; }

    public required XtaPort Port { get; init; }

    /// <summary>The operation the wsa:Action names on this port; null if none.</summary>
    public XtaOperation? Operation { get; init; }

    public string? Action { get; init; }

    /// <summary>The request's wsa:MessageID (the answer's wsa:RelatesTo).</summary>
    public string? AddressingMessageId { get; init; }

    /// <summary>Whether the request arrived as MTOM (multipart/related), as the WSDL's policy asks.</summary>
    public bool Mtom { get; init; }

    /// <summary>The account of the client certificate (null: a certificate of the PKI mapped to no account).</summary>
    public XtaPartyIdentifier? Account { get; init; }

    /// <summary>True when the request passed schema validation and the fake's checks.</summary>
    public bool Valid { get; init; }

    /// <summary>
    /// True when the request itself was well-formed: a known account and valid against the official schemas. A
    /// well-formed request may still be refused (an unknown MessageID asked for is a fair question, answered with a fault).
    /// </summary>
    public bool WellFormed { get; init; }

    public IReadOnlyList<string> Problems { get; init; } = [];

    /// <summary>"ok", the fault element and code (e.g. "ParameterIsNotValidException 9024"), "dropped" or "answer dropped".</summary>
    public string Outcome { get; init; } = "";

    /// <summary>sendMessage(Sync), getTransportReport, cancelMessage: the XTA MessageID concerned.</summary>
    public string? XtaMessageId { get; init; }

    /// <summary>sendMessage(Sync): the oscimeta:MessageMetaData header as received.</summary>
    public XElement? MessageMetaData { get; init; }

    /// <summary>sendMessage(Sync): decoded bytes of Message (null if the container was encrypted).</summary>
    public long? MessageBytes { get; init; }

    public IReadOnlyList<long> AttachmentBytes { get; init; } = [];
}
