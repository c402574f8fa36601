namespace EfaGateway.Conformance.Xta.Server;

/// <summary>Settings of one fake XTA server.</summary>
public sealed class FakeXtaServerOptions
{
    /// <summary>Port on 127.0.0.1; 0 picks a free one.</summary>
    public int Port { get; init; }

    /// <summary>The account whose client certificate the handle hands out (<see cref="FakeXtaServer.Author"/>).</summary>
    public XtaPartyIdentifier Author { get; init; } = new("XTA_ID", "EFAGW-AUTOR-0001", "EfaGateway Testautor");

    /// <summary>Readers lookupService knows; by default one demo reader offering one demo service.</summary>
    public IReadOnlyList<XtaReader> Readers { get; init; } = [DemoReader];

    /// <summary>The status a new transport report starts with; tests change it per message with SetTransportReport.</summary>
    public XtaTransportStatus InitialTransportStatus { get; init; } = XtaTransportStatus.Green;

    /// <summary>
    /// Our reading of MsgSize ("Message size in bytes"): the decoded bytes of Message plus all Attachments. When true,
    /// a MsgSize that differs is refused with ParameterIsNotValidException 9022.
    /// </summary>
    public bool CheckMsgSize { get; init; } = true;

    /// <summary>The GenericContentContainer limit ("darf 40 MB nicht überschreiten"), read as 40 MiB of decoded content.</summary>
    public long MaxContentBytes { get; init; } = 40L * 1024 * 1024;

    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    public static XtaReader DemoReader { get; } = new(
        new XtaPartyIdentifier("XTA_ID", "EFAGW-LESER-0001", "Schönwetter am Berg, Ordnungsamt"),
        ["urn:xoev-de:efagw:standard:demo-dienst"]);
}
