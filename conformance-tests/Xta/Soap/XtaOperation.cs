namespace EfaGateway.Conformance.Xta.Soap;

/// <summary>The three ports of XTA.wsdl's service <c>XTAService</c>.</summary>
public enum XtaPort
{
    ManagementPort,
    SendXtaPort,
    MsgBoxPort,
}

/// <summary>The operations of XTA.wsdl (V3) the fake answers, each bound to its port.</summary>
public enum XtaOperation
{
    CheckAccountActive,
    LookupService,
    CreateMessageId,
    GetTransportReport,
    CancelMessage,
    SendMessage,
    SendMessageSync,
}

/// <summary>Port and WS-Addressing action of each operation, exactly as XTA.wsdl binds them.</summary>
public static class XtaOperations
{
    private static readonly Dictionary<XtaOperation, (XtaPort Port, string Action)> Table = new()
    {
        [XtaOperation.CheckAccountActive] = (XtaPort.ManagementPort, "http://www.xta.de/XTA/CheckAccountActive"),
        [XtaOperation.LookupService] = (XtaPort.ManagementPort, "http://www.xta.de/XTA/IsServiceAvailable"),
        [XtaOperation.CreateMessageId] = (XtaPort.ManagementPort, "http://www.xta.de/XTA/CreateMessageID"),
        [XtaOperation.GetTransportReport] = (XtaPort.ManagementPort, "http://www.xta.de/XTA/GetTransportReport"),
        // cancelMessage belongs to managementPortType in XTA.wsdl, not to the send port.
        [XtaOperation.CancelMessage] = (XtaPort.ManagementPort, "http://www.xta.de/XTA/CancelMessage"),
        [XtaOperation.SendMessage] = (XtaPort.SendXtaPort, "http://www.xta.de/XTA/SendMessage"),
        [XtaOperation.SendMessageSync] = (XtaPort.SendXtaPort, "http://www.xta.de/XTA/SendMessageSync"),
    };

    public static XtaPort PortOf(XtaOperation operation) => Table[operation].Port;

    /// <summary>The input action; XTA.wsdl gives output and fault messages the same action.</summary>
    public static string ActionOf(XtaOperation operation) => Table[operation].Action;

    public static bool TryFind(XtaPort port, string? action, out XtaOperation operation)
    {
        foreach (var (candidate, (candidatePort, candidateAction)) in Table)
        {
            if (candidatePort == port && string.Equals(candidateAction, action, StringComparison.Ordinal))
            {
                operation = candidate;
                return true;
            }
        }

        operation = default;
        return false;
    }
}
