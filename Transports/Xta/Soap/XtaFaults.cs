using System.ServiceModel.Channels;
using System.Xml;
using System.Xml.Linq;

namespace EfaGateway.Transports.Xta.Soap;

/// <summary>
/// XTA faults (XTA-Webservice-Exceptions.xsd): the detail element names the exception, its <c>errorCode</c> the
/// Fehlernummer. A technical problem of the server is worth retrying; everything else (permission, parameters,
/// schema, virus, sync/async, cancel denied, unknown message id) will fail again.
/// </summary>
public static class XtaFaults
{
    public static readonly IReadOnlySet<string> Transient = new HashSet<string>(StringComparer.Ordinal) { "XTAWSTechnicalProblemException" };

    public static XtaFailure Read(Message reply)
    {
        var fault = MessageFault.CreateFault(reply, 64 * 1024);
        string? element = null;
        string? code = null;
        string? name = null;
        if (fault.HasDetail)
        {
            using var reader = fault.GetReaderAtDetailContents();
            var detail = XElement.Load(reader.ReadSubtree(), LoadOptions.None);
            element = detail.Name.LocalName;
            var errorCode = detail.Elements().FirstOrDefault(e => e.Name.LocalName == "errorCode");
            code = errorCode?.Elements().FirstOrDefault(e => e.Name.LocalName == "code")?.Value;
            name = errorCode?.Elements().FirstOrDefault(e => e.Name.LocalName == "name")?.Value;
        }

        var transient = element is null || Transient.Contains(element);
        var what = element is null ? "a SOAP fault without XTA detail" : $"{element}{(code is null ? string.Empty : $" {code}")}{(name is null ? string.Empty : $" ({Bound(name)})")}";
        return new XtaFailure($"The XTA server answered with {what}: {Bound(fault.Reason.GetMatchingTranslation()?.Text ?? string.Empty)}", transient, element, code);
    }

    private static string Bound(string text) => text.Length > 300 ? text[..300] + "…" : text;
}
