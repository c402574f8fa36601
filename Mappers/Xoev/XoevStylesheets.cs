using System.Collections.Concurrent;
using System.Xml;
using System.Xml.Xsl;
using EfaGateway.XoevSchemas;

namespace EfaGateway.Mappers.Xoev;

/// <summary>
/// The embedded XSLT stylesheets, each compiled once. A compiled <see cref="XslCompiledTransform"/> is safe to use from
/// many threads. Stylesheets run without scripts and without <c>document()</c>, and cannot include or import other files:
/// everything a message holds comes from the canonical application XML and the parameters.
/// </summary>
internal static class XoevStylesheets
{
    private static readonly ConcurrentDictionary<string, Lazy<XslCompiledTransform>> Compiled = new(StringComparer.Ordinal);

    public static XslCompiledTransform Get(string fileName) =>
        Compiled.GetOrAdd(fileName, name => new Lazy<XslCompiledTransform>(() => Load(name))).Value;

    private static XslCompiledTransform Load(string fileName)
    {
        var resource = $"EfaGateway.Mappers.Xoev.Stylesheets.{fileName}";
        using var stream = typeof(XoevStylesheets).Assembly.GetManifestResourceStream(resource)
            ?? throw new InvalidOperationException($"Stylesheet '{resource}' is missing from the assembly.");
        using var reader = XmlReader.Create(stream, SecureXml.CreateReaderSettings());
        var transform = new XslCompiledTransform();
        transform.Load(reader, new XsltSettings(enableDocumentFunction: false, enableScript: false), stylesheetResolver: null);
        return transform;
    }
}
