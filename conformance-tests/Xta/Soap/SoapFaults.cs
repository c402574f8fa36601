using System.Xml.Linq;

namespace EfaGateway.Conformance.Xta.Soap;

/// <summary>
/// SOAP 1.2 faults the fake answers with: XTA faults (detail = the exception element) and WS-Addressing faults, as
/// <c>env:Fault</c> elements. Built as XML rather than with WCF's MessageFault, whose fault factories are not part of
/// the client packages; as an element the whole fault is validated against soap-envelope.xsd before it is sent.
/// </summary>
public static class SoapFaults
{
    /// <summary>The action of WS-Addressing's own faults (WS-Addressing 1.0 SOAP Binding §6).</summary>
    public const string AddressingFaultAction = "http://www.w3.org/2005/08/addressing/fault";

    private static readonly XNamespace Env = XtaNamespaces.Soap12;

    /// <summary>An XTA fault; XTA.wsdl gives every fault message the action of its operation.</summary>
    public static XElement Xta(XtaFault fault) =>
        Fault(fault.IsSenderFault ? "Sender" : "Receiver", subcode: null, $"{fault.Code} {fault.Name}", fault.ToDetailElement());

    /// <summary>A WS-Addressing fault, e.g. ActionNotSupported or MessageAddressingHeaderRequired (Sender with that subcode).</summary>
    public static XElement Addressing(string subcode, string reason) =>
        Fault("Sender", XtaNamespaces.Addressing + subcode, reason, detail: null);

    private static XElement Fault(string code, XName? subcode, string reason, XElement? detail) =>
        new(Env + "Fault",
            new XAttribute(XNamespace.Xmlns + "env", Env.NamespaceName),
            new XElement(Env + "Code",
                new XElement(Env + "Value", $"env:{code}"),
                subcode is null
                    ? null
                    : new XElement(Env + "Subcode",
                        new XAttribute(XNamespace.Xmlns + "wsa", subcode.NamespaceName),
                        new XElement(Env + "Value", $"wsa:{subcode.LocalName}"))),
            new XElement(Env + "Reason", new XElement(Env + "Text", new XAttribute(XNamespace.Xml + "lang", "de"), reason)),
            detail is null ? null : new XElement(Env + "Detail", detail));
}
