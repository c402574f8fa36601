using System.Xml;
using System.Xml.Linq;
using EfaGateway.Conformance.Xta.Soap;
using Microsoft.AspNetCore.Http;

namespace EfaGateway.Conformance.Xta.Server;

/// <summary>
/// A request envelope read by WCF's encoder: the WS-Addressing headers, the XTA SOAP headers (oscimeta:/osci:) and the
/// body payload as XML (MTOM parts already inlined as base64 by the XOP reader), each validated against the schemas.
/// </summary>
internal sealed record ParsedRequest(string? Action, string? MessageId, IReadOnlyList<XElement> XtaHeaders, XElement? Body, IReadOnlyList<string> Problems)
{
    public static async Task<ParsedRequest> ReadAsync(HttpRequest http)
    {
        // Buffered: the encoder's XML reader reads synchronously, which Kestrel does not allow on the request stream.
        using var buffer = new MemoryStream();
        await http.Body.CopyToAsync(buffer, http.HttpContext.RequestAborted);
        if (buffer.Length > SoapCodec.MaxMessageBytes)
        {
            throw new InvalidDataException($"The request has {buffer.Length} bytes, more than {SoapCodec.MaxMessageBytes}.");
        }

        buffer.Position = 0;
        using var message = await SoapCodec.ReadAsync(buffer, http.ContentType);
        var problems = new List<string>();
        var headers = new List<XElement>();
        for (var i = 0; i < message.Headers.Count; i++)
        {
            var info = message.Headers[i];
            if (info.Namespace == XtaNamespaces.OsciMeta.NamespaceName || info.Namespace == XtaNamespaces.Osci.NamespaceName)
            {
                using var reader = message.Headers.GetReaderAtHeader(i);
                var header = (XElement)XNode.ReadFrom(reader);
                headers.Add(header);
                problems.AddRange(XtaSchemas.Validate(header).Select(p => $"header {header.Name.LocalName}: {p}"));
            }
        }

        XElement? body = null;
        if (!message.IsEmpty)
        {
            using var reader = message.GetReaderAtBodyContents();
            if (reader.MoveToContent() == XmlNodeType.Element)
            {
                body = (XElement)XNode.ReadFrom(reader);
                problems.AddRange(XtaSchemas.Validate(body).Select(p => $"body {body.Name.LocalName}: {p}"));
                if (reader.MoveToContent() == XmlNodeType.Element)
                {
                    problems.Add($"body: a second element {reader.LocalName} after {body.Name.LocalName}");
                }
            }
        }

        return new ParsedRequest(message.Headers.Action, message.Headers.MessageId?.ToString(), headers, body, problems);
    }
}

/// <summary>Checks every operation shares: the body element XTA.wsdl names for it, the schemas, the AuthorIdentifier header.</summary>
internal static class RequestChecks
{
    private static readonly Dictionary<XtaOperation, XName?> ExpectedBody = new()
    {
        [XtaOperation.CheckAccountActive] = null,
        [XtaOperation.CreateMessageId] = null,
        [XtaOperation.LookupService] = XtaNamespaces.Xta + "LookupServiceRequest",
        [XtaOperation.GetTransportReport] = XtaNamespaces.Addressing + "MessageID",
        [XtaOperation.CancelMessage] = XtaNamespaces.Addressing + "MessageID",
        [XtaOperation.SendMessage] = XtaNamespaces.Xta + "GenericContentContainer",
        [XtaOperation.SendMessageSync] = XtaNamespaces.Xta + "GenericContentContainer",
    };

    /// <summary>
    /// Our reading of the codes: a missing body is 9020 (no parameters), a wrong or schema-invalid one 9022 (invalid
    /// parameter combination); schema-invalid XTA headers are invalid parameters as well. MessageSchemaViolation is kept
    /// for the Fachnachricht itself (its XSD documentation), see <see cref="SendOperations"/>.
    /// </summary>
    public static XtaFault? Check(OperationCall call, ParsedRequest request)
    {
        var expected = ExpectedBody[call.Operation];
        if (expected is not null && call.Body is null)
        {
            return call.Refuse(XtaFault.ParameterIsNotValid("9020"), $"body {expected.LocalName} missing");
        }

        if (call.Body is not null && call.Body.Name != expected)
        {
            return call.Refuse(XtaFault.ParameterIsNotValid("9022"),
                $"body {call.Body.Name} where XTA.wsdl has {(expected is null ? "an empty body" : expected.ToString())}");
        }

        if (request.Problems.Count > 0)
        {
            return XtaFault.ParameterIsNotValid("9022");
        }

        // Management operations carry the caller in the optional AuthorIdentifier header (oscimeta:Author).
        var author = call.Header(XtaNamespaces.OsciMeta + "Author");
        return author is not null && !call.Account.Party.SameParty(author.Element(XtaNamespaces.OsciMeta + "Identifier"))
            ? call.Refuse(XtaFault.PermissionDenied("9014"), "AuthorIdentifier is not the account of the client certificate")
            : null;
    }
}
