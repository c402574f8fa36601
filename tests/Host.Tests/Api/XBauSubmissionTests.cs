using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Xml.Linq;
using EfaGateway.Host.Tests.Support;
using EfaGateway.Mappers.Xoev;

namespace EfaGateway.Host.Tests.Api;

/// <summary>The demo Bauantrag over the API: delivered to the Postkorb with the PDF, the XBau 2.6 message and the upload.</summary>
public sealed class XBauSubmissionTests : IDisposable
{
    private const string SubmitPath = $"/api/v1/tenants/{DemoApplication.Tenant}/processes/bauantrag-vereinfacht/submissions";

    private readonly GatewayFactory factory = new();

    [Fact]
    public async Task A_bauantrag_reaches_the_postkorb_as_pdf_xbau_message_and_bauvorlagen()
    {
        using var citizen = factory.CreateClient();
        using var response = await citizen.PostAsJsonAsync(SubmitPath, Request());
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Created, body);
        var accepted = JsonSerializer.Deserialize<SubmissionAccepted>(body, JsonSerializerOptions.Web)!;

        Assert.Equal(1, await factory.DeliverDueAsync());

        using var staff = factory.CreateOperatorClient();
        var items = await staff.GetFromJsonAsync<JsonElement>($"/api/v1/tenants/{DemoApplication.Tenant}/postkorb");
        var files = Assert.Single(items.EnumerateArray()).GetProperty("files").EnumerateArray().ToList();
        Assert.Equal([$"{accepted.Vorgangsnummer}.pdf", $"{accepted.Vorgangsnummer}.xml", "Anlage-01-lageplan.pdf"],
            files.Select(f => f.GetProperty("name").GetString()));

        var xml = XDocument.Parse(await staff.GetStringAsync(files[1].GetProperty("href").GetString()));
        Assert.Equal(XName.Get("baugenehmigung.antrag.0200", "http://www.xleitstelle.de/xbau/2/6"), xml.Root!.Name);
        var identifikation = xml.Root.Element("nachrichtenkopf.g2g")!.Element("identifikation.nachricht")!;
        Assert.Equal(MessageUuid.For(accepted.Id, "xbau-2.6").ToString(), (string)identifikation.Element("nachrichtenUUID")!);
        Assert.Equal("bau:09999000", (string)xml.Root.Element("nachrichtenkopf.g2g")!.Element("leser")!.Element("kennung")!);
    }

    public void Dispose() => factory.Dispose();

    internal static JsonObject Request() => new()
    {
        ["data"] = new JsonObject
        {
            ["bauherr"] = new JsonObject
            {
                ["vorname"] = "Hildegard", ["familienname"] = "Steinmetz", ["strasse"] = "Lindenallee", ["hausnummer"] = "12b",
                ["postleitzahl"] = "99999", ["ort"] = "Schönwetter am Berg",
            },
            ["baugrundstueck"] = new JsonObject
            {
                ["gemarkung"] = "Oberschönwetter", ["flur"] = "4", ["flurstueck"] = "112/3", ["strasse"] = "Am Sonnenhang",
                ["postleitzahl"] = "99999", ["ort"] = "Schönwetter am Berg",
            },
            ["bezeichnung"] = "Neubau eines Einfamilienhauses",
            ["art"] = "errichtung",
            ["entwurfsverfasser"] = new JsonObject { ["vorname"] = "Konrad", ["familienname"] = "Zirkel", ["email"] = "zirkel@architekten.example" },
            ["richtigkeit"] = true,
        },
        ["attachments"] = new JsonArray
        {
            new JsonObject
            {
                ["field"] = "bauvorlagen",
                ["fileName"] = "lageplan.pdf",
                ["mediaType"] = "application/pdf",
                ["content"] = Convert.ToBase64String(Encoding.ASCII.GetBytes("%PDF-1.4\n% Lageplan\n%%EOF")),
            },
        },
    };
}
