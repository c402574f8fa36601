using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using EfaGateway.Core.Ports;
using EfaGateway.Core.Processes;
using EfaGateway.Host.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using UglyToad.PdfPig;

namespace EfaGateway.Host.Tests.Privacy;

/// <summary>The data-protection documentation through the admin API: from the stored configuration, complete, safe.</summary>
public sealed partial class PrivacyDocumentationApiTests : IDisposable
{
    private const string Secret = "geheimes-zertifikatspasswort-4711";
    private const string SecretCertificate = "TUlJQ2VUQ0NBZUtnQXdJQkFnSUJBVEFOQmdrcWhraUc5dzBCQVFzRkFE";

    private readonly GatewayFactory factory = new();

    [Theory]
    [InlineData("hundesteuer-anmeldung")]
    [InlineData("bauantrag-vereinfacht")]
    public async Task The_html_names_every_field_label_the_postkorb_route_and_its_retention(string processId)
    {
        var html = await GetHtmlAsync(processId);
        var process = await TenantProcessAsync(processId);

        foreach (var field in process.Process.AllFields.Where(f => f.Type != FieldType.Label))
        {
            Assert.Contains(Encoded(field.Label.De), html, StringComparison.Ordinal);
        }

        foreach (var section in process.Process.Sections)
        {
            Assert.Contains(Encoded(section.Title.De), html, StringComparison.Ordinal);
        }

        Assert.Contains("Postkorb des Online-Dienstes", html, StringComparison.Ordinal);
        Assert.Contains("90 Tage nach der Bereitstellung im Postkorb gelöscht", html, StringComparison.Ordinal);
        Assert.Contains("30 Tage nach dem Speichern", html, StringComparison.Ordinal);
        Assert.Contains("Keine. Der Online-Dienst übermittelt keine Daten in Drittländer", html, StringComparison.Ordinal);
        Assert.Contains("AES-256-GCM", html, StringComparison.Ordinal);
        Assert.Contains("<mark>[bitte ergänzen]</mark>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("FIT-Connect-Zustelldienst", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_documents_follow_the_configuration_when_the_retention_and_the_route_change_and_never_show_secrets()
    {
        var before = await GetHtmlAsync(DemoApplication.Process);
        Assert.Contains("90 Tage nach der Bereitstellung", before, StringComparison.Ordinal);

        await EnableAsync(DemoApplication.Process, [XtaRoute()], retentionDays: 45);
        var html = await GetHtmlAsync(DemoApplication.Process);
        var pdfText = await GetPdfTextAsync(DemoApplication.Process);

        Assert.Contains("45 Tage nach der Bereitstellung im Postkorb gelöscht", html, StringComparison.Ordinal);
        Assert.DoesNotContain("90 Tage nach der Bereitstellung", html, StringComparison.Ordinal);
        Assert.Contains("XTA 2 (OSCI)", html, StringComparison.Ordinal);
        Assert.Contains("Leser: Bauaufsicht Schönwetter (urn:de:bauaufsicht:0815)", html, StringComparison.Ordinal);
        Assert.Contains("Betreiber des XTA-Servers / OSCI-Intermediärs", html, StringComparison.Ordinal);
        Assert.Contains("unmittelbar gelöscht, sobald die Übermittlung bestätigt ist", html, StringComparison.Ordinal);
        Assert.Contains(Squeeze("45 Tage nach der Bereitstellung im Postkorb gelöscht"), pdfText, StringComparison.Ordinal);
        Assert.Contains(Squeeze("XTA 2 (OSCI)"), pdfText, StringComparison.Ordinal);
        foreach (var document in new[] { html, pdfText })
        {
            Assert.DoesNotContain(Secret, document, StringComparison.Ordinal);
            Assert.DoesNotContain(Squeeze(Secret), document, StringComparison.Ordinal);
            Assert.DoesNotContain(SecretCertificate[..20], document, StringComparison.Ordinal);
            Assert.DoesNotContain("proxy.intern", document, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task A_fit_connect_route_names_the_destination_and_the_zustelldienst_as_processor()
    {
        var settings = JsonSerializer.SerializeToElement(new Dictionary<string, object>
        {
            ["environment"] = "prod",
            ["submissionApiUrl"] = "https://submission-api.example.de",
            ["clientId"] = "gateway-client",
            ["clientSecret"] = Secret,
            ["callbackSecret"] = Secret + "-callback",
            ["destinationId"] = "2b1a8c3e-6a0e-4c76-9f3f-1a2b3c4d5e6f",
        });
        await EnableAsync(DemoApplication.Process,
            [new RouteDefinition { TransportId = "fit-connect", MapperIds = ["fim-json", "pdf"], FallbackTransportId = "postkorb", Settings = settings }], 90);

        var html = await GetHtmlAsync(DemoApplication.Process);

        Assert.Contains("Zustellpunkt (Destination-ID): 2b1a8c3e-6a0e-4c76-9f3f-1a2b3c4d5e6f", html, StringComparison.Ordinal);
        Assert.Contains("Betreiber des FIT-Connect-Zustelldienstes", html, StringComparison.Ordinal);
        Assert.Contains("JSON nach dem FIM-Stammdatenschema", html, StringComparison.Ordinal);
        Assert.Contains("Postkorb des Online-Dienstes, wenn die Zustellung endgültig scheitert", html, StringComparison.Ordinal);
        // The fallback can still put an application into the Postkorb, so its period stays in the document.
        Assert.Contains("90 Tage nach der Bereitstellung im Postkorb gelöscht", html, StringComparison.Ordinal);
        Assert.DoesNotContain(Secret, html, StringComparison.Ordinal);
        Assert.DoesNotContain("gateway-client", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_pdf_parses_and_holds_every_field_label_and_the_retention_period()
    {
        var process = await TenantProcessAsync(DemoApplication.Process);
        using var response = await factory.CreateOperatorClient().GetAsync(PathOf(DemoApplication.Process, "pdf"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/pdf", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal("datenschutz-schoenwetter-am-berg-hundesteuer-anmeldung.pdf", response.Content.Headers.ContentDisposition!.FileNameStar);

        using var pdf = PdfDocument.Open(await response.Content.ReadAsByteArrayAsync(TestContext.Current.CancellationToken));
        var text = Squeeze(string.Concat(pdf.GetPages().Select(p => p.Text)));

        foreach (var field in process.Process.AllFields)
        {
            Assert.Contains(Squeeze(field.Label.De), text, StringComparison.Ordinal);
        }

        Assert.Contains(Squeeze("90 Tage nach der Bereitstellung im Postkorb gelöscht"), text, StringComparison.Ordinal);
        Assert.Contains(Squeeze("Schönwetter am Berg"), text, StringComparison.Ordinal);
        Assert.Contains(Squeeze("Entwurf der Datenschutzerklärung"), text, StringComparison.Ordinal);
        Assert.Equal("de-DE", pdf.Structure.Catalog.CatalogDictionary.Data["Lang"].ToString()?.Trim('(', ')'));
        Assert.True(pdf.TryGetBookmarks(out var bookmarks));
        Assert.Contains(bookmarks.Roots, b => b.Title == "8. Löschfristen");
    }

    [Fact]
    public async Task Configured_parties_replace_the_placeholders()
    {
        using var configured = new GatewayFactory(new Dictionary<string, string?>
        {
            ["Gateway:Privacy:Operator:Name"] = "Kommunale IT Musterland AöR",
            ["Gateway:Privacy:Tenants:schoenwetter-am-berg:Controller:Name"] = "Gemeinde Schönwetter am Berg",
            ["Gateway:Privacy:Tenants:schoenwetter-am-berg:Controller:Address"] = "Marktplatz 1\n99999 Schönwetter am Berg",
            ["Gateway:Privacy:Tenants:schoenwetter-am-berg:DataProtectionOfficer:Name"] = "Datenschutzbeauftragte der Gemeinde",
            ["Gateway:Privacy:Tenants:schoenwetter-am-berg:Processes:hundesteuer-anmeldung:LegalBasis"] = "Art. 6 Abs. 1 lit. e DSGVO i. V. m. der Hundesteuersatzung",
        });
        using var client = configured.CreateOperatorClient();

        var html = await client.GetStringAsync(PathOf(DemoApplication.Process, "html"), TestContext.Current.CancellationToken);

        Assert.Contains("Gemeinde Schönwetter am Berg, Marktplatz 1, 99999 Schönwetter am Berg", html, StringComparison.Ordinal);
        Assert.Contains("Datenschutzbeauftragte der Gemeinde", html, StringComparison.Ordinal);
        Assert.Contains("Kommunale IT Musterland AöR", html, StringComparison.Ordinal);
        Assert.Contains("Rechtsgrundlage: Art. 6 Abs. 1 lit. e DSGVO i. V. m. der Hundesteuersatzung", html, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("gibt-es-nicht", DemoApplication.Process)]
    [InlineData(DemoApplication.Tenant, "gibt-es-nicht")]
    [InlineData(DemoApplication.Tenant, "nicht-freigeschaltet")]
    public async Task Unknown_tenants_processes_and_processes_not_enabled_for_the_tenant_are_404_problems(string tenant, string process)
    {
        await AddDefinitionOnlyAsync("nicht-freigeschaltet");
        using var client = factory.CreateOperatorClient();

        foreach (var extension in new[] { "html", "pdf" })
        {
            using var response = await client.GetAsync($"/api/v1/admin/tenants/{tenant}/processes/{process}/privacy.{extension}");

            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
            var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).RootElement;
            Assert.Equal(404, problem.GetProperty("status").GetInt32());
            Assert.Contains("Leistung nicht gefunden", problem.GetProperty("title").GetString(), StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData(null)]
    [InlineData("falscher-schluessel-0123456789abcdefghijklmnop")]
    public async Task Without_a_valid_operator_key_the_documents_are_refused(string? key)
    {
        using var client = factory.CreateClient();
        if (key is not null)
        {
            client.DefaultRequestHeaders.Add("X-Api-Key", key);
        }

        foreach (var extension in new[] { "html", "pdf" })
        {
            using var response = await client.GetAsync(PathOf(DemoApplication.Process, extension));

            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        }
    }

    public void Dispose() => factory.Dispose();

    internal static string Squeeze(string text) => Whitespace().Replace(text, string.Empty);

    private static string PathOf(string process, string extension) =>
        $"/api/v1/admin/tenants/{DemoApplication.Tenant}/processes/{process}/privacy.{extension}";

    private static string Encoded(string text) => System.Text.Encodings.Web.HtmlEncoder.Create(System.Text.Unicode.UnicodeRanges.All).Encode(text);

    private static RouteDefinition XtaRoute() => new()
    {
        TransportId = "xta",
        MapperIds = ["xbau-2.6", "pdf"],
        FallbackTransportId = "postkorb",
        Settings = JsonSerializer.SerializeToElement(new Dictionary<string, object>
        {
            ["sendUrl"] = "https://xta.example.de/services/XTAService/SendXtaPort",
            ["managementUrl"] = "https://xta.example.de/services/XTAService/ManagementPort",
            ["clientCertificate"] = SecretCertificate,
            ["clientCertificatePassword"] = Secret,
            ["proxy"] = "http://proxy.intern:3128",
            ["reader"] = new Dictionary<string, string> { ["identifier"] = "urn:de:bauaufsicht:0815", ["type"] = "xoev", ["name"] = "Bauaufsicht Schönwetter" },
        }),
    };

    private async Task<string> GetHtmlAsync(string processId)
    {
        using var response = await factory.CreateOperatorClient().GetAsync(PathOf(processId, "html"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal("utf-8", response.Content.Headers.ContentType.CharSet);
        return await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
    }

    private async Task<string> GetPdfTextAsync(string processId)
    {
        var bytes = await factory.CreateOperatorClient().GetByteArrayAsync(PathOf(processId, "pdf"), TestContext.Current.CancellationToken);
        using var pdf = PdfDocument.Open(bytes);
        return Squeeze(string.Concat(pdf.GetPages().Select(p => p.Text)));
    }

    private async Task<TenantProcess> TenantProcessAsync(string processId)
    {
        _ = factory.Server; // starts the host, which loads the demo tenant
        await using var scope = factory.Services.CreateAsyncScope();
        return (await scope.ServiceProvider.GetRequiredService<ICatalogStore>()
            .FindTenantProcessAsync(DemoApplication.Tenant, processId, CancellationToken.None))!;
    }

    private async Task EnableAsync(string processId, IReadOnlyList<RouteDefinition> routes, int retentionDays)
    {
        var current = await TenantProcessAsync(processId);
        await using var scope = factory.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<ICatalogStore>()
            .EnableProcessAsync(DemoApplication.Tenant, processId, current.Process.Version, routes, retentionDays, CancellationToken.None);
    }

    private async Task AddDefinitionOnlyAsync(string processId)
    {
        _ = factory.Server;
        await using var scope = factory.Services.CreateAsyncScope();
        var catalog = scope.ServiceProvider.GetRequiredService<ICatalogStore>();
        if (await catalog.FindProcessDefinitionAsync(processId, "1.0.0", CancellationToken.None) is null)
        {
            var json = PrivacyTestProcesses.Json(processId, "Nur gespeichert");
            await catalog.AddProcessDefinitionAsync(ProcessDefinitionJson.Parse(json), json, CancellationToken.None);
        }
    }

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();
}
