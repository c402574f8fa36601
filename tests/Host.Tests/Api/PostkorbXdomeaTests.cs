using System.IO.Compression;
using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using EfaGateway.Host.Tests.Support;
using EfaGateway.Mappers.Xdomea;
using EfaGateway.XoevSchemas;

namespace EfaGateway.Host.Tests.Api;

/// <summary>A delivered application exported from the Postkorb API as an xdomea 3.0 message for a records system.</summary>
public sealed partial class PostkorbXdomeaTests : IDisposable
{
    private static readonly XNamespace X = "urn:xoev-de:xdomea:schema:3.0.0";

    private readonly GatewayFactory factory = new();

    [Fact]
    public async Task An_item_exports_as_a_valid_xdomea_zip_with_every_file_and_the_export_marks_it_fetched()
    {
        using var citizen = factory.CreateClient();
        var accepted = await DemoApplication.SubmitAsync(citizen);
        await factory.DeliverDueAsync();
        using var staff = factory.CreateOperatorClient();
        var item = Assert.Single((await staff.GetFromJsonAsync<JsonElement>($"/api/v1/tenants/{DemoApplication.Tenant}/postkorb")).EnumerateArray());
        var id = item.GetProperty("id").GetGuid();
        var files = item.GetProperty("files").EnumerateArray().ToList();

        using var response = await staff.GetAsync($"/api/v1/tenants/{DemoApplication.Tenant}/postkorb/{id}/xdomea");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/zip", response.Content.Headers.ContentType!.MediaType);
        var zipName = response.Content.Headers.ContentDisposition!.FileNameStar ?? response.Content.Headers.ContentDisposition.FileName!.Trim('"');
        var match = ZipName().Match(zipName);
        Assert.True(match.Success, zipName);
        using var zip = new ZipArchive(new MemoryStream(await response.Content.ReadAsByteArrayAsync()), ZipArchiveMode.Read);
        var xml = Read(zip.GetEntry($"{match.Groups["prozess"].Value}_Information.Information.0101.xml")!);
        Assert.Empty(new XdomeaSchemas().Validate(new MemoryStream(xml), maxErrors: 10));

        var message = SecureXml.Load(new MemoryStream(xml));
        Assert.Equal(match.Groups["prozess"].Value, message.Descendants(X + "ProzessID").Single().Value);
        var vorgang = message.Descendants(X + "Vorgang").Single();
        Assert.Equal(accepted.Vorgangsnummer, vorgang.Element(X + "AllgemeineMetadaten")!.Element(X + "Kennzeichen")!.Value);
        Assert.Equal("Hund zur Hundesteuer anmelden", vorgang.Element(X + "AllgemeineMetadaten")!.Element(X + "Betreff")!.Value);
        var dokumente = vorgang.Elements(X + "Dokument").ToList();
        Assert.Equal(files.Count, dokumente.Count);
        for (var index = 0; index < files.Count; index++)
        {
            var primaer = dokumente[index].Descendants(X + "Primaerdokument").Single();
            Assert.Equal(files[index].GetProperty("name").GetString(), primaer.Element(X + "DateinameOriginal")!.Value);
            var entry = zip.GetEntry(primaer.Element(X + "Dateiname")!.Value);
            Assert.NotNull(entry);
            Assert.Equal(files[index].GetProperty("sha256").GetString(), Convert.ToHexStringLower(SHA256.HashData(Read(entry))));
        }

        var fetched = await staff.GetFromJsonAsync<JsonElement>($"/api/v1/tenants/{DemoApplication.Tenant}/postkorb/{id}");
        Assert.Equal(factory.Time.GetUtcNow(), fetched.GetProperty("fetchedAt").GetDateTimeOffset());
        Assert.Equal("operator", fetched.GetProperty("fetchedBy").GetString());
    }

    [Fact]
    public async Task Unknown_items_and_items_of_another_tenant_are_problem_404s_and_the_key_is_required()
    {
        using var citizen = factory.CreateClient();
        await DemoApplication.SubmitAsync(citizen);
        await factory.DeliverDueAsync();
        using var staff = factory.CreateOperatorClient();
        var id = Assert.Single((await staff.GetFromJsonAsync<JsonElement>($"/api/v1/tenants/{DemoApplication.Tenant}/postkorb")).EnumerateArray())
            .GetProperty("id").GetGuid();

        using var unknown = await staff.GetAsync($"/api/v1/tenants/{DemoApplication.Tenant}/postkorb/{Guid.NewGuid()}/xdomea");
        using var foreign = await staff.GetAsync($"/api/v1/tenants/other-town/postkorb/{id}/xdomea");
        using var anonymous = await citizen.GetAsync($"/api/v1/tenants/{DemoApplication.Tenant}/postkorb/{id}/xdomea");

        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal("application/problem+json", unknown.Content.Headers.ContentType!.MediaType);
        Assert.Equal(HttpStatusCode.NotFound, foreign.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        var item = await staff.GetFromJsonAsync<JsonElement>($"/api/v1/tenants/{DemoApplication.Tenant}/postkorb/{id}");
        Assert.Equal(JsonValueKind.Null, item.GetProperty("fetchedAt").ValueKind);
    }

    public void Dispose() => factory.Dispose();

    private static byte[] Read(ZipArchiveEntry entry)
    {
        using var stream = entry.Open();
        using var buffer = new MemoryStream();
        stream.CopyTo(buffer);
        return buffer.ToArray();
    }

    [GeneratedRegex("^(?<prozess>[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})_Information\\.Information\\.0101\\.zip$")]
    private static partial Regex ZipName();
}
