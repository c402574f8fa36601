using System.Xml;
using System.Xml.Schema;

namespace EfaGateway.Mappers.Xdomea.Tests;

/// <summary>
/// The official xdomea 3.0.0 XSDs read straight from the standards folder (EFAGW_SPECS_DIR, else ../shared/specs),
/// compiled with a plain <see cref="XmlSchemaSet"/>: a check independent of the exporter's own schema copy and catalogue.
/// Only xdomea's one import is redirected, to the XÖV code type XBau 2.6 ships (see specs/xoev/SOURCES.md).
/// </summary>
internal static class OfficialSchemas
{
    private static readonly Lazy<XmlSchemaSet> Set = new(Compile);

    public static string SpecsDirectory { get; } = FindSpecs();

    public static IReadOnlyList<string> Validate(byte[] xml)
    {
        var errors = new List<string>();
        var settings = new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null, ValidationType = ValidationType.Schema, Schemas = Set.Value };
        settings.ValidationFlags |= XmlSchemaValidationFlags.ReportValidationWarnings;
        settings.ValidationEventHandler += (_, e) => errors.Add($"{e.Severity} {e.Exception.LineNumber}:{e.Exception.LinePosition} {e.Message}");
        using var reader = XmlReader.Create(new MemoryStream(xml), settings);
        while (reader.Read())
        {
        }

        return errors;
    }

    private static XmlSchemaSet Compile()
    {
        var problems = new List<string>();
        var set = new XmlSchemaSet { XmlResolver = new Redirect(SpecsDirectory) };
        set.ValidationEventHandler += (_, e) => problems.Add(e.Message);
        var root = Path.Combine(SpecsDirectory, "xoev", "xdomea-3.0.0", "xdomea-Nachrichten-InformationAustauschen.xsd");
        using (var reader = XmlReader.Create(root, new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit }))
        {
            set.Add(null, reader);
        }

        set.Compile();
        Assert.Empty(problems);
        return set;
    }

    private static string FindSpecs()
    {
        if (Environment.GetEnvironmentVariable("EFAGW_SPECS_DIR") is { Length: > 0 } configured)
        {
            return Path.GetFullPath(configured);
        }

        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            var candidate = Path.Combine(directory.FullName, "shared", "specs");
            if (Directory.Exists(Path.Combine(candidate, "xoev", "xdomea-3.0.0")))
            {
                return candidate;
            }
        }

        throw new DirectoryNotFoundException("The standards folder was not found: set EFAGW_SPECS_DIR or place it at ../shared/specs.");
    }

    private sealed class Redirect(string specs) : XmlUrlResolver
    {
        public override object? GetEntity(Uri absoluteUri, string? role, Type? ofObjectToReturn)
        {
            var local = absoluteUri.IsFile ? absoluteUri.LocalPath : throw new XmlException($"No network: {absoluteUri}");
            if (local.Replace('\\', '/').EndsWith("/xoev/code/1_0/xoev-code.xsd", StringComparison.Ordinal))
            {
                local = Path.Combine(specs, "xoev", "xbau-2.6", "xoev-code.xsd");
            }

            return File.OpenRead(local);
        }
    }
}
