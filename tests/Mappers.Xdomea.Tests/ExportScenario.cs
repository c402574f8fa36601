using System.Security.Cryptography;
using System.Text;
using EfaGateway.Core.Postkorb;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace EfaGateway.Mappers.Xdomea.Tests;

/// <summary>
/// One Postkorb item as the Postkorb transport leaves it (the PDF, the canonical XML, the FIM JSON, an upload), its
/// files in a blob store, a tenant configured for the export, a fake clock and a pinned ProzessID.
/// </summary>
internal sealed class ExportScenario
{
    public const string Tenant = "schoenwetter-am-berg";
    public const string Process = "hundesteuer-anmeldung";
    public const string Vorgangsnummer = "2026-7K3M-Q9TX";

    public static readonly Guid ItemId = Guid.Parse("0192f0c1-7a00-7000-8000-00000000a001");
    public static readonly Guid ProzessId = Guid.Parse("5f0c3c2e-8a41-4d7e-9b8f-2d1f6a7c9e10");

    public ExportScenario(params (string Name, string MediaType, byte[] Content)[] files)
    {
        Catalog.Enable(Tenant, Process, "Hund zur Hundesteuer anmelden");
        var postkorbFiles = new List<PostkorbFile>();
        foreach (var (name, mediaType, content) in files.Length > 0 ? files : DefaultFiles())
        {
            var key = $"postkorb/{ItemId:N}/{postkorbFiles.Count}";
            Blobs.Put(key, content);
            postkorbFiles.Add(new PostkorbFile(name, mediaType, content.Length, Convert.ToHexStringLower(SHA256.HashData(content)), key));
        }

        Item = new PostkorbItem(ItemId, Tenant, Process, Guid.Parse("0192f0c1-7a00-7000-8000-00000000b001"),
            Guid.Parse("0192f0c1-7a00-7000-8000-00000000c001"), Vorgangsnummer,
            // 23:30 UTC on 26 November is 00:30 on the 27th in Germany: the Posteingangsdatum is the German date.
            new DateTimeOffset(2026, 11, 26, 23, 30, 0, TimeSpan.Zero), TimeSpan.FromDays(90), postkorbFiles);
        Store.Put(Item);
    }

    public FakeTimeProvider Time { get; } = new(new DateTimeOffset(2026, 11, 28, 8, 15, 30, TimeSpan.Zero));

    public FakePostkorbStore Store { get; } = new();

    public FakeBlobStore Blobs { get; } = new();

    public FakeCatalogStore Catalog { get; } = new();

    public PostkorbItem Item { get; }

    public XdomeaOptions Options { get; } = new()
    {
        Produktname = "EfaGateway",
        Produktversion = "1.0.0",
        Tenants =
        {
            [Tenant] = new XdomeaTenantOptions
            {
                Absender = new XdomeaKontaktOptions { Institution = "Gemeinde Schönwetter am Berg", Organisationseinheit = "Online-Dienste (EfaGateway)" },
                Empfaenger = new XdomeaKontaktOptions
                {
                    Institution = "Gemeinde Schönwetter am Berg", Kurzbezeichnung = "Gem. Schönwetter", Organisationseinheit = "Hauptamt, Registratur",
                },
            },
        },
    };

    public XdomeaExporter Exporter(params Guid[] prozessIds) =>
        new(Store, Blobs, Catalog, SharedSchemas, new FixedIdGenerator(prozessIds.Length > 0 ? prozessIds : [ProzessId]),
            Microsoft.Extensions.Options.Options.Create(Options), Time);

    /// <summary>Compiling the xdomea XSDs takes a moment: one instance for all tests, as in the host.</summary>
    public static XdomeaSchemas SharedSchemas { get; } = new();

    public static (string, string, byte[])[] DefaultFiles() =>
    [
        ($"{Vorgangsnummer}.pdf", "application/pdf", Encoding.ASCII.GetBytes("%PDF-1.7\n% Antrag\n%%EOF\n")),
        ($"{Vorgangsnummer}.xml", "application/xml", Encoding.UTF8.GetBytes("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<application/>\n")),
        ($"{Vorgangsnummer}.json", "application/json", Encoding.UTF8.GetBytes("{\"hundename\":\"Wuffelbert\"}\n")),
        ("Anlage-01-heimtierausweis.jpg", "image/jpeg", [0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10, 0x4A, 0x46, 0x49, 0x46]),
    ];
}
