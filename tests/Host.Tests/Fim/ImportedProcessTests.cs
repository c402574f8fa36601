using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using EfaGateway.Fim.CodeLists;
using EfaGateway.Fim.Import;
using EfaGateway.Host.Fim;
using EfaGateway.Host.Tests.Support;
using EfaGateway.TestSupport;
using Microsoft.Extensions.DependencyInjection;

namespace EfaGateway.Host.Tests.Fim;

/// <summary>Each real FIM export, imported for the demo tenant, takes a valid application through the whole pipeline.</summary>
public sealed class ImportedProcessTests : IDisposable
{
    private readonly GatewayFactory factory = new();

    public static TheoryData<string> RealSchemas() =>
        [.. Directory.GetFiles(Path.Combine(Fixtures.FimSamples, "xdf3"), "*.xml").Select(f => Path.GetFileName(f)).Order()];

    [Theory]
    [MemberData(nameof(RealSchemas))]
    public async Task An_imported_process_accepts_a_valid_application_and_delivers_it_to_the_postkorb(string file)
    {
        var outcome = await ImportAsync(file);
        var definition = outcome.Result!.Definition;
        var (data, files) = ValidDataGenerator.For(definition);
        var request = new JsonObject
        {
            ["data"] = data,
            ["attachments"] = new JsonArray([.. files.Select(f => (JsonNode)new JsonObject
            {
                ["field"] = f.FieldId,
                ["fileName"] = f.FileName,
                ["mediaType"] = f.MediaType,
                ["content"] = Convert.ToBase64String(f.Content.Span),
            })]),
        };
        using var client = factory.CreateClient();

        using var response = await client.PostAsJsonAsync($"/api/v1/tenants/{DemoApplication.Tenant}/processes/{definition.Id}/submissions", request);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal(1, await factory.DeliverDueAsync());
        var accepted = (await response.Content.ReadFromJsonAsync<SubmissionAccepted>())!;
        using var status = JsonDocument.Parse(await client.GetStringAsync(accepted.Status));
        Assert.Equal("Confirmed", status.RootElement.GetProperty("deliveries")[0].GetProperty("state").GetString());
    }

    [Theory]
    [MemberData(nameof(RealSchemas))]
    public async Task An_imported_process_is_filled_in_page_by_page_and_sent(string file)
    {
        var definition = (await ImportAsync(file)).Result!.Definition;
        var (data, files) = ValidDataGenerator.For(definition);
        var values = FormFields.For(definition, data);
        var page = await (await HtmlPage.OpenAsync(factory.CreateClient(), $"/{DemoApplication.Tenant}/{definition.Id}")).SubmitAsync();

        for (var round = 0; round < 60 && !page.Path.EndsWith("/pruefen", StringComparison.Ordinal); round++)
        {
            Assert.Equal(HttpStatusCode.OK, page.Status);
            var names = page.Document.QuerySelectorAll("main form [name]").Select(e => e.GetAttribute("name")!).ToHashSet(StringComparer.Ordinal);
            page = await page.SubmitAsync(
                values.Where(v => names.Contains(v.Key)).ToDictionary(v => v.Key, v => v.Value),
                files: [.. files.Where(f => names.Contains(f.FieldId)).Select(f => (f.FieldId, f.FileName, f.MediaType, f.Content.ToArray()))]);
        }

        Assert.EndsWith("/pruefen", page.Path, StringComparison.Ordinal);
        var done = await page.SubmitAsync();
        Assert.EndsWith("/bestaetigung", done.Path, StringComparison.Ordinal);
        Assert.Equal(1, await factory.DeliverDueAsync());
    }

    [Fact]
    public async Task Importing_the_same_schema_twice_keeps_one_definition_and_the_tenant_routes()
    {
        var first = await ImportAsync("S00000000364_1.0.0_xdf3.xml");
        var second = await ImportAsync("S00000000364_1.0.0_xdf3.xml");

        Assert.False(first.AlreadyStored);
        Assert.True(second.AlreadyStored);
    }

    [Fact]
    public async Task An_import_for_an_unknown_tenant_changes_nothing()
    {
        await using var scope = factory.Services.CreateAsyncScope();
        await using var stream = File.OpenRead(Path.Combine(Fixtures.FimSamples, "xdf3", "S00000000364_1.0.0_xdf3.xml"));

        var outcome = await scope.ServiceProvider.GetRequiredService<FimImportService>()
            .ImportAsync(stream, "nirgendwo", new ImportOptions(), CancellationToken.None);

        Assert.Equal(["There is no tenant 'nirgendwo'."], outcome.Problems);
        var catalog = scope.ServiceProvider.GetRequiredService<Core.Ports.ICatalogStore>();
        Assert.Null(await catalog.FindProcessDefinitionAsync("s00000000364", "1.0.0", CancellationToken.None));
    }

    public void Dispose() => factory.Dispose();

    private async Task<FimImportOutcome> ImportAsync(string file)
    {
        using var client = factory.CreateClient(); // starts the host: migrations and the demo tenant
        await using var scope = factory.Services.CreateAsyncScope();
        await using var stream = File.OpenRead(Path.Combine(Fixtures.FimSamples, "xdf3", file));
        var options = new ImportOptions { CodeLists = CodeListCatalog.FromDirectory(Fixtures.CodeLists), MissingCodeLists = MissingCodeListMode.Text };
        var outcome = await scope.ServiceProvider.GetRequiredService<FimImportService>().ImportAsync(stream, DemoApplication.Tenant, options, CancellationToken.None);
        Assert.Empty(outcome.Problems);
        return outcome;
    }
}
