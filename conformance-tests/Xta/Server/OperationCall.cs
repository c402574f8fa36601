using System.Xml.Linq;
using EfaGateway.Conformance.Xta.Soap;

namespace EfaGateway.Conformance.Xta.Server;

/// <summary>One validated call on its way through an operation: the input, what the record should say, the answer body.</summary>
internal sealed class OperationCall(XtaOperation operation, XtaAccount account, IReadOnlyList<XElement> headers, XElement? body, DateTimeOffset now)
{
    public XtaOperation Operation { get; } = operation;

    public XtaAccount Account { get; } = account;

    public IReadOnlyList<XElement> Headers { get; } = headers;

    public XElement? Body { get; } = body;

    public DateTimeOffset Now { get; } = now;

    public string? XtaMessageId { get; set; }

    public XElement? MessageMetaData { get; set; }

    public long? MessageBytes { get; set; }

    public List<long> AttachmentBytes { get; } = [];

    /// <summary>Why the fake refused the call (its own checks beyond the schemas).</summary>
    public List<string> Problems { get; } = [];

    /// <summary>The SOAP body of the answer; null for XTA.wsdl's EmptyBody.</summary>
    public XElement? ResponseBody { get; set; }

    public XElement? Header(XName name) => Headers.FirstOrDefault(h => h.Name == name);

    /// <summary>Refuses the call: notes the problem for the record and returns the fault.</summary>
    public XtaFault Refuse(XtaFault fault, string problem)
    {
        Problems.Add(problem);
        return fault;
    }
}
