namespace EfaGateway.Transports.Xta;

/// <summary>The external ids an XTA delivery records: the MessageID before the step that depends on it, the mark with the outcome.</summary>
public static class XtaIds
{
    /// <summary>The MessageID from createMessageId, recorded before sendMessage; every retry sends under it.</summary>
    public const string MessageId = "xta.messageId";

    /// <summary>Set once the server took the message (sendMessage answered, or its transport report exists); saved with the outcome.</summary>
    public const string Sent = "xta.sent";
}
