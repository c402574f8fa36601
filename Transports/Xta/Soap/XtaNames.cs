namespace EfaGateway.Transports.Xta.Soap;

/// <summary>Namespaces and actions of XTA 2 Version 3 (XTA.wsdl, schema version 2.1.1).</summary>
public static class XtaNames
{
    public const string Xta = "http://xoev.de/transport/xta/211";
    public const string OsciMeta = "http://www.osci.eu/ws/2014/10/transport";
    public const string Osci = "http://www.osci.eu/ws/2008/05/transport";
    public const string Addressing = "http://www.w3.org/2005/08/addressing";

    // The WSDL names the same action for request and response of each operation.
    public const string CheckAccountActive = "http://www.xta.de/XTA/CheckAccountActive";
    public const string LookupService = "http://www.xta.de/XTA/IsServiceAvailable";
    public const string CreateMessageId = "http://www.xta.de/XTA/CreateMessageID";
    public const string SendMessage = "http://www.xta.de/XTA/SendMessage";
    public const string GetTransportReport = "http://www.xta.de/XTA/GetTransportReport";
    public const string CancelMessage = "http://www.xta.de/XTA/CancelMessage";

    /// <summary>The whole content container may not be larger than this (XTA-Webservice-Globale-Elemente.xsd).</summary>
    public const long MaxContainerBytes = 40L * 1024 * 1024;
}
