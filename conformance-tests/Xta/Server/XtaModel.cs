using System.Security.Cryptography.X509Certificates;
using System.Xml.Linq;
using EfaGateway.Conformance.Xta.Soap;

namespace EfaGateway.Conformance.Xta.Server;

/// <summary>An OSCI party identifier (<c>oscimeta:Identifier</c>): the value, its required <c>@type</c>, optional name and category.</summary>
public sealed record XtaPartyIdentifier(string Type, string Value, string? Name = null, string? Category = null)
{
    /// <summary>The party as <c>oscimeta:Author</c> / <c>oscimeta:Reader</c> (PartyType) element.</summary>
    public XElement ToParty(string elementName) =>
        new(XtaNamespaces.OsciMeta + elementName,
            new XElement(XtaNamespaces.OsciMeta + "Identifier",
                new XAttribute("type", Type),
                Name is null ? null : new XAttribute("name", Name),
                Category is null ? null : new XAttribute("category", Category),
                Value));

    /// <summary>Value and type decide identity; name and category are informational.</summary>
    public bool SameParty(XElement? identifier) =>
        identifier is not null
        && string.Equals(identifier.Value.Trim(), Value, StringComparison.Ordinal)
        && string.Equals((string?)identifier.Attribute("type"), Type, StringComparison.Ordinal);
}

/// <summary>An account of the fake: a party identifier (the Autor) and the client certificate it authenticates with.</summary>
public sealed class XtaAccount
{
    internal XtaAccount(XtaPartyIdentifier party, byte[] pkcs12, string password, X509Certificate2 certificate)
    {
        Party = party;
        ClientCertificatePkcs12 = pkcs12;
        ClientCertificatePassword = password;
        ClientCertificate = certificate;
    }

    public XtaPartyIdentifier Party { get; }

    /// <summary>The client certificate with its private key, PKCS#12, protected by <see cref="ClientCertificatePassword"/>.</summary>
    public byte[] ClientCertificatePkcs12 { get; }

    public string ClientCertificatePassword { get; }

    /// <summary>The client certificate without private key.</summary>
    public X509Certificate2 ClientCertificate { get; }

    /// <summary>A locked account answers every call with PermissionDeniedException 9011.</summary>
    public bool Locked { get; set; }
}

/// <summary>A reader (Leser) the fake knows, and the service URIs lookupService reports as available for it.</summary>
public sealed record XtaReader(XtaPartyIdentifier Party, IReadOnlyList<string> Services);

/// <summary>Traffic-light status of a transport report (MessageStatusType/Status in XTA-Webservice-Datentypen.xsd).</summary>
public enum XtaTransportStatus
{
    Open = 0,
    Green = 1,
    Yellow = 2,
    Red = 3,
}

/// <summary>One entry of a report's ErrorList, WarnList or InfoList (RecordType): a code from a record-type list and a reason.</summary>
public sealed record XtaReportRecord(string Code, string Reason)
{
    /// <summary>
    /// Our reading: KoSIT announced a record-type code list under this URI (XTA-Webservice-Datentypen.xsd,
    /// Code.RecordType) but no published version was found; the fake names it with version 1.0.
    /// </summary>
    public const string CodeListUri = "urn:de:xta:codeliste:record.type";
}

/// <summary>How the fake answers the next call of an operation (see <see cref="FakeXtaServer.Next"/>).</summary>
public abstract record InjectedBehaviour
{
    private InjectedBehaviour()
    {
    }

    /// <summary>Answers with this fault; the work is not done.</summary>
    public sealed record Fault(XtaFault Value) : InjectedBehaviour;

    /// <summary>Waits this long, then answers normally.</summary>
    public sealed record Delay(TimeSpan Duration) : InjectedBehaviour;

    /// <summary>Breaks the connection off before doing the work: no answer, nothing done.</summary>
    public sealed record DropConnection : InjectedBehaviour;

    /// <summary>Does the work, then breaks the connection off: the answer is lost, the work is done.</summary>
    public sealed record DropAnswer : InjectedBehaviour;

    /// <summary>
    /// An HTTP error without a SOAP envelope (an HTML error page), as a load balancer or reverse proxy in front of the
    /// XTA server answers when the server behind it is down: nothing done.
    /// </summary>
    public sealed record HttpError(int Status) : InjectedBehaviour;

    /// <summary>Does the work, then answers HTTP 200 with a truncated, unreadable envelope (a garbled answer).</summary>
    public sealed record MalformedAnswer : InjectedBehaviour;
}
