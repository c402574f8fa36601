using System.ServiceModel.Channels;
using System.Xml;

namespace EfaGateway.Transports.Xta.Soap;

/// <summary>
/// A SOAP header whose attributes and content are written by delegates (the XTA headers are OSCI elements, not data
/// contracts). WCF writes the header's end tag itself.
/// </summary>
internal sealed class WrittenHeader(string prefix, string name, string ns, Action<XmlDictionaryWriter> attributes, Action<XmlDictionaryWriter> contents)
    : MessageHeader
{
    public override string Name => name;

    public override string Namespace => ns;

    public override bool MustUnderstand => false;

    protected override void OnWriteStartHeader(XmlDictionaryWriter writer, MessageVersion messageVersion)
    {
        writer.WriteStartElement(prefix, name, ns);
        attributes(writer);
    }

    protected override void OnWriteHeaderContents(XmlDictionaryWriter writer, MessageVersion messageVersion) => contents(writer);
}

/// <summary>A SOAP body written by a delegate; base64 content written with WriteBase64 becomes MTOM parts.</summary>
internal sealed class WrittenBody(Action<XmlDictionaryWriter> write) : BodyWriter(isBuffered: false)
{
    protected override void OnWriteBodyContents(XmlDictionaryWriter writer) => write(writer);
}
