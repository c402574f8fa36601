using System.Xml.Linq;

namespace EfaGateway.Conformance.Xta.Soap;

/// <summary>The XML namespaces of XTA 2 Version 3 (XTA-WS 2.1.1) and the standards it builds on.</summary>
public static class XtaNamespaces
{
    public static readonly XNamespace Xta = "http://xoev.de/transport/xta/211";
    public static readonly XNamespace OsciMeta = "http://www.osci.eu/ws/2014/10/transport";
    public static readonly XNamespace Osci = "http://www.osci.eu/ws/2008/05/transport";
    public static readonly XNamespace Addressing = "http://www.w3.org/2005/08/addressing";
    public static readonly XNamespace Soap12 = "http://www.w3.org/2003/05/soap-envelope";
    public static readonly XNamespace XmlEncryption = "http://www.w3.org/2001/04/xmlenc#";
}
