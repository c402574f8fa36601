namespace EfaGateway.Mappers.Xoev;

/// <summary>
/// A target XÖV standard version: the mapper id processes name in their routes, where its official XSDs lie (relative to
/// the application directory) and the messages it can write, by Nachrichtentyp code.
/// </summary>
public sealed record XoevStandard(string MapperId, string SchemaDirectory, IReadOnlyDictionary<string, XoevMessageType> Messages);

/// <summary>One message: the stylesheet that writes it from the canonical application XML and the XSD that defines it.</summary>
/// <param name="Name">The message's element name, e.g. <c>baugenehmigung.antrag.0200</c>.</param>
/// <param name="Stylesheet">File name of the embedded XSLT (Stylesheets/…).</param>
/// <param name="RootSchema">The XSD (in <see cref="XoevStandard.SchemaDirectory"/>) that declares the message; it pulls in the rest.</param>
public sealed record XoevMessageType(string Name, string Stylesheet, string RootSchema);

/// <summary>The standards this assembly writes.</summary>
public static class XoevStandards
{
    /// <summary>XBau 2.6 (urn:xoev-de:bmk:standard:xbau_2.6), Bauaufsicht; schemas copied by the build from the standards folder into schemas/xoev/xbau-2.6 next to the binary.</summary>
    public static XoevStandard XBau26 { get; } = new(
        "xbau-2.6",
        Path.Combine("schemas", "xoev", "xbau-2.6"),
        new Dictionary<string, XoevMessageType>(StringComparer.Ordinal)
        {
            ["0200"] = new("baugenehmigung.antrag.0200", "xbau-2.6-baugenehmigung.antrag.0200.xsl", "xbau-nachrichten-baugenehmigung.xsd"),
        });

    public static IReadOnlyList<XoevStandard> All { get; } = [XBau26];
}
