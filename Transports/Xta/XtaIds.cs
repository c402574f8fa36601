namespace EfaGateway.Transports.Xta;

/// <summary>The external ids an XTA delivery records, each before the step that depends on it.</summary>
public static class XtaIds
{
    /// <summary>The MessageID from createMessageId, recorded before sendMessage; every retry sends under it.</summary>
    public const string MessageId = "xta.messageId";

    /// <summary>Set once the server took the message (sendMessage answered, or its transport report exists).</summary>
    public const string Sent = "xta.sent";
}
