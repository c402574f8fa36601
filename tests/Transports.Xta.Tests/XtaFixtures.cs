using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Xml;
using System.Xml.Schema;
using EfaGateway.Transports.Xta.Settings;

namespace EfaGateway.Transports.Xta.Tests;

/// <summary>Valid XTA route settings and the official XTA 2 Version 3 schemas.</summary>
internal static class XtaFixtures
{
    private static readonly Lazy<XmlSchemaSet> LazySchemas = new(LoadSchemas);

    public static XmlSchemaSet Schemas => LazySchemas.Value;

    public static JsonObject SettingsJson()
    {
        using var key = RSA.Create(2048);
        using var certificate = new CertificateRequest("CN=Autor Test", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1)
            .CreateSelfSigned(TimeProvider.System.GetUtcNow().AddDays(-1), TimeProvider.System.GetUtcNow().AddDays(30));
        return new JsonObject
        {
            ["managementUrl"] = "https://xta.example.de/services/XTAService/ManagementPort",
            ["sendUrl"] = "https://xta.example.de/services/XTAService/SendXtaPort",
            ["clientCertificate"] = Convert.ToBase64String(certificate.Export(X509ContentType.Pkcs12, "pfx-passwort")),
            ["clientCertificatePassword"] = "pfx-passwort",
            ["author"] = new JsonObject { ["identifier"] = "dvdv:081234567890", ["type"] = "DVDV", ["category"] = "Onlinedienst", ["name"] = "EfaGateway Schönwetter" },
            ["reader"] = new JsonObject { ["identifier"] = "dvdv:089876543210", ["type"] = "DVDV", ["category"] = "Bauaufsichtsbehörde" },
            ["service"] = "urn:xoev-de:bauenundwohnen:standard:xbau",
            ["businessScenario"] = new JsonObject { ["code"] = "XBAU_DATA", ["listUri"] = "urn:de:dataport:codeliste:business.scenario", ["listVersionId"] = "1" },
            ["messageType"] = new JsonObject { ["code"] = "0200", ["listUri"] = "urn:xoev-de:xbau:codeliste:nachrichten", ["listVersionId"] = "2.6", ["payloadSchema"] = "http://www.xleitstelle.de/XBau/2/6" },
        };
    }

    public static XtaRouteSettings Settings(JsonObject? json = null)
    {
        var (settings, error) = XtaRouteSettings.Read(JsonSerializer.SerializeToElement(json ?? SettingsJson()));
        return settings ?? throw new InvalidOperationException(error);
    }

    /// <summary>Validates an element against the official schemas; returns every problem.</summary>
    public static List<string> Validate(XmlElement element)
    {
        var problems = new List<string>();
        var document = new XmlDocument { XmlResolver = null };
        document.AppendChild(document.ImportNode(element, deep: true));
        document.Schemas = Schemas;
        document.Validate((_, e) => problems.Add($"{e.Severity}: {e.Message}"));
        return problems;
    }

    /// <summary>
    /// The official XTA 2 V3 files, read where DESIGN.md section 7 keeps them (never copied into the repository):
    /// <c>EFAGW_SPECS_DIR</c>, else <c>../shared/specs</c> next to the clone.
    /// </summary>
    public static string SchemaDirectory()
    {
        if (Environment.GetEnvironmentVariable("EFAGW_SPECS_DIR") is { Length: > 0 } configured)
        {
            return Path.GetFullPath(Path.Combine(configured, "xta2", "v3"));
        }

        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            var candidate = Path.Combine(directory.FullName, "shared", "specs", "xta2", "v3");
            if (File.Exists(Path.Combine(candidate, "XTA.wsdl")))
            {
                return candidate;
            }
        }

        throw new DirectoryNotFoundException("No XTA 2 V3 schemas found: set EFAGW_SPECS_DIR or place the standards folder at ../shared/specs.");
    }

    private static XmlSchemaSet LoadSchemas()
    {
        var directory = SchemaDirectory();
        var set = new XmlSchemaSet { XmlResolver = new XmlUrlResolver() };
        var settings = new XmlReaderSettings { DtdProcessing = DtdProcessing.Ignore };
        foreach (var file in new[] { "XTA-Webservice-Globale-Elemente.xsd", "XTA-Webservice-Exceptions.xsd", "OSCI_MessageMetaData_V2.02.xsd", "OSCI2_02.xsd", "ws-addr.xsd", "soap-envelope.xsd" })
        {
            using var reader = XmlReader.Create(Path.Combine(directory, file), settings);
            set.Add(null, reader);
        }

        set.Compile();
        return set;
    }
}
