using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using EfaGateway.Host.Tests.Support;
using EfaGateway.TestSupport;

namespace EfaGateway.Host.Tests.Forms;

/// <summary>Fail-closed scanning, rate limits and request limits on the citizen pages.</summary>
public sealed class FormLimitsTests
{
    private const string Start = $"/{DemoApplication.Tenant}/{DemoApplication.Process}";

    private static readonly Dictionary<string, string> Owner = new()
    {
        ["vorname"] = "A", ["familienname"] = "B", ["geburtsdatum"] = "01.01.1990", ["strasse"] = "C", ["hausnummer"] = "1", ["postleitzahl"] = "12345", ["ort"] = "D",
    };

    [Fact]
    public async Task Without_a_reachable_scanner_uploads_are_refused_the_api_answers_503_and_readiness_says_so()
    {
        using var factory = new GatewayFactory(new Dictionary<string, string?> { ["Gateway:Clamd:Port"] = ClosedPort().ToString(System.Globalization.CultureInfo.InvariantCulture), ["Gateway:Clamd:Timeout"] = "00:00:02" });
        var step2 = await (await (await HtmlPage.OpenAsync(factory.CreateClient(), Start)).SubmitAsync()).SubmitAsync(Owner);

        var refused = await step2.SubmitAsync(action: "zurueck", files: [("nachweis", "a.pdf", "application/pdf", ValidDataGenerator.Pdf)]);

        Assert.Contains("Die Datei für „Nachweis (z. B. Heimtierausweis)“ kann gerade nicht auf Schadsoftware geprüft werden. Bitte versuchen Sie es in einigen Minuten erneut.", refused.ErrorSummary);
        using var client = factory.CreateClient();
        using var api = await client.PostAsJsonAsync(DemoApplication.SubmitPath, DemoApplication.Request());
        Assert.Equal(HttpStatusCode.ServiceUnavailable, api.StatusCode);
        using var ready = await client.GetAsync("/health/ready");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
    }

    [Fact]
    public async Task Guessing_pins_is_limited_per_client()
    {
        using var factory = new GatewayFactory(new Dictionary<string, string?> { ["Gateway:RateLimits:PinPerMinute"] = "4" });
        var page = await HtmlPage.OpenAsync(factory.CreateClient(), $"{Start}/fortsetzen/{Guid.NewGuid():N}");

        var answers = new List<HttpStatusCode>();
        for (var i = 0; i < 4; i++)
        {
            answers.Add((await page.SubmitAsync(new Dictionary<string, string> { ["Pin"] = "12345678" })).Status);
        }

        Assert.Equal([HttpStatusCode.NotFound, HttpStatusCode.NotFound, HttpStatusCode.NotFound, HttpStatusCode.TooManyRequests], answers);
    }

    [Fact]
    public async Task An_oversized_answer_is_refused_with_a_page_that_says_so_and_nothing_is_kept()
    {
        using var factory = new GatewayFactory();
        var step1 = await (await HtmlPage.OpenAsync(factory.CreateClient(), Start)).SubmitAsync();

        var refused = await step1.SubmitAsync(new Dictionary<string, string>(Owner) { ["vorname"] = new string('x', 200_000) });

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, refused.Status);
        Assert.Contains("zu groß", refused.Title, StringComparison.Ordinal);
        var again = await HtmlPage.OpenAsync(step1.Client, $"{Start}/schritt/1");
        Assert.Equal(string.Empty, again.Document.QuerySelector("#f-familienname")!.GetAttribute("value") ?? string.Empty);
    }

    private static int ClosedPort()
    {
        using var listener = new TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }
}
