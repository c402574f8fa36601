using System.Net;
using System.Net.Http.Headers;
using System.Text;
using EfaGateway.Core.Submissions.Din91379;
using EfaGateway.Host.Tests.Support;
using EfaGateway.TestSupport;
using static EfaGateway.Host.Tests.BadInput.BadInputKit;

namespace EfaGateway.Host.Tests.BadInput;

/// <summary>One in-memory host for the form sweep, uploads capped at 64 KB (so the multipart limit is 256 KB).</summary>
public sealed class CitizenFormHost : IAsyncLifetime
{
    public GatewayFactory Factory { get; } = new(new Dictionary<string, string?> { ["Gateway:Forms:MaxUploadBytes"] = "65536" });

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public async ValueTask DisposeAsync() => await Factory.DisposeAsync();
}

/// <summary>
/// The citizen pages fed with what a broken client or an attacker posts: a German message next to the field where the
/// citizen can act on it, an error page where not, never a 500; refused files leave nothing behind.
/// </summary>
public sealed class CitizenFormBadInputTests(CitizenFormHost host) : IClassFixture<CitizenFormHost>
{
    private const string Start = $"/{DemoApplication.Tenant}/{DemoApplication.Process}";

    private static readonly Dictionary<string, string> Owner = new()
    {
        ["vorname"] = "A", ["familienname"] = "B", ["geburtsdatum"] = "01.01.1990", ["strasse"] = "C", ["hausnummer"] = "1", ["postleitzahl"] = "12345", ["ort"] = "D",
    };

    private GatewayFactory Factory => host.Factory;

    [Theory]
    [InlineData("%E2%80%AE")]
    [InlineData("%EF%BF%BF")]
    [InlineData("%01")]
    [InlineData("%F0%9F%99%82")]
    public async Task Characters_no_authority_can_process_get_a_german_message_next_to_the_field(string encoded)
    {
        var step1 = await Step1Async();

        var page = await PostEncodedAsync(step1, "Quiri" + encoded + "nella");

        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Contains("„Vorname“", page.Document.QuerySelector("#f-vorname-error")?.TextContent ?? page.Text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("%C3%28")]
    [InlineData("%C0%AF")]
    [InlineData("%ED%A0%80")]
    [InlineData("%FF%FE")]
    [InlineData("%E2%82")]
    public async Task Percent_encoded_bytes_that_are_not_utf8_are_refused_or_kept_as_harmless_text(string encoded)
    {
        var step1 = await Step1Async();

        var page = await PostEncodedAsync(step1, "Quiri" + encoded + "nella");

        Assert.Equal(HttpStatusCode.OK, page.Status);
        var error = page.Document.QuerySelector("#f-vorname-error")?.TextContent;
        var kept = (await HtmlPage.OpenAsync(step1.Client, $"{Start}/schritt/1")).Document.QuerySelector("#f-vorname")!.GetAttribute("value") ?? string.Empty;
        Assert.True(error?.Contains("„Vorname“", StringComparison.Ordinal) == true || (kept.StartsWith("Quiri", StringComparison.Ordinal) && Din91379.IsValid(kept)),
            $"error: {error}; kept: {kept}");
    }

    [Fact]
    public async Task A_nul_in_a_form_value_gets_the_invalid_request_page_not_the_too_large_one()
    {
        var step1 = await Step1Async();

        var page = await PostEncodedAsync(step1, "Quiri%00nella");

        Assert.Equal(HttpStatusCode.BadRequest, page.Status);
        Assert.Contains("Anfrage ungültig", page.Title, StringComparison.Ordinal);
        await AssertHealthyAsync(Factory);
    }

    [Fact]
    public async Task Invalid_utf8_bytes_in_a_multipart_field_get_a_german_message_next_to_the_field()
    {
        var step1 = await Step1Async();
        var (fields, target, _) = step1.Form(Owner);
        var multipart = new MultipartFormDataContent();
        foreach (var (name, value) in fields)
        {
            var part = new ByteArrayContent(name == "vorname" ? [0x51, 0xC3, 0x28, 0xFF] : Encoding.UTF8.GetBytes(value));
            multipart.Add(part, name);
        }

        var page = await step1.PostAsync(target, multipart);

        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Contains("„Vorname“", page.Document.QuerySelector("#f-vorname-error")?.TextContent ?? page.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_field_longer_than_its_maximum_gets_a_german_message_next_to_the_field()
    {
        var step1 = await Step1Async();

        var page = await step1.SubmitAsync(new Dictionary<string, string>(Owner) { ["vorname"] = new string('x', 5000) });

        Assert.Equal("„Vorname“ darf höchstens 100 Zeichen lang sein.", page.Document.QuerySelector("#f-vorname-error")!.TextContent.Trim());
    }

    [Fact]
    public async Task Too_many_fields_are_refused_with_the_too_large_page()
    {
        var step1 = await Step1Async();
        var (fields, target, _) = step1.Form(Owner);
        fields.AddRange(Enumerable.Range(0, 5000).Select(i => KeyValuePair.Create($"x{i}", "1")));

        var page = await step1.PostAsync(target, new FormUrlEncodedContent(fields));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, page.Status);
        Assert.Contains("zu groß", page.Title, StringComparison.Ordinal);
        await AssertHealthyAsync(Factory);
    }

    [Theory]
    [InlineData("application/json")]
    [InlineData("text/plain")]
    [InlineData("application/xml")]
    [InlineData(null)]
    public async Task A_post_that_is_not_a_form_gets_the_error_page_not_a_server_error(string? contentType)
    {
        var step1 = await Step1Async();
        var (fields, target, _) = step1.Form(Owner);
        var content = new ByteArrayContent(Encoding.UTF8.GetBytes(string.Join('&', fields.Select(f => $"{f.Key}={f.Value}"))));
        if (contentType is not null)
        {
            content.Headers.ContentType = new MediaTypeHeaderValue(contentType);
        }

        var page = await step1.PostAsync(target, content);

        Assert.True(page.Status is HttpStatusCode.BadRequest or HttpStatusCode.UnsupportedMediaType, $"{page.Status}: {page.Text}");
        Assert.Contains("Anfrage ungültig", page.Title, StringComparison.Ordinal);
        await AssertHealthyAsync(Factory);
    }

    [Theory]
    [InlineData("passwd\u0001.pdf")]
    [InlineData("nachweis\u202Efdp.exe")]
    [InlineData("nachweis\U0001F436.pdf")]
    [InlineData("LONG")]
    [InlineData("..")]
    public async Task An_upload_whose_name_is_unusable_gets_a_german_message_and_is_not_kept(string fileName)
    {
        var step2 = await Step2Async();
        var before = await SnapshotAsync(Factory);

        var page = await step2.SubmitAsync(action: "zurueck",
            files: [("nachweis", fileName == "LONG" ? new string('a', 300) + ".pdf" : fileName, "application/pdf", ValidDataGenerator.Pdf)]);

        Assert.Contains("Der Dateiname für „Nachweis (z. B. Heimtierausweis)“ ist ungültig.", page.ErrorSummary);
        Assert.Equal("Der Dateiname für „Nachweis (z. B. Heimtierausweis)“ ist ungültig.", page.Document.QuerySelector("#f-nachweis-error")!.TextContent.Trim());
        Assert.Equal(before.UploadKeys, (await SnapshotAsync(Factory)).UploadKeys);
    }

    [Theory]
    [InlineData("../../etc/passwd.pdf", "passwd.pdf")]
    [InlineData("/etc/passwd.pdf", "passwd.pdf")]
    [InlineData("..\\..\\windows\\nachweis.pdf", "nachweis.pdf")]
    [InlineData("C:\\fakepath\\heimtierausweis.pdf", "heimtierausweis.pdf")]
    public async Task An_upload_name_with_folders_keeps_only_its_last_part(string fileName, string kept)
    {
        var step2 = await Step2Async();
        var before = await SnapshotAsync(Factory);

        var page = await step2.SubmitAsync(action: "zurueck", files: [("nachweis", fileName, "application/pdf", ValidDataGenerator.Pdf)]);

        Assert.Empty(page.ErrorSummary);
        var again = await HtmlPage.OpenAsync(step2.Client, $"{Start}/schritt/2");
        Assert.Contains(kept, again.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("etc", again.Text.Replace("Heimtierausweis", string.Empty, StringComparison.OrdinalIgnoreCase), StringComparison.Ordinal);
        Assert.Single((await SnapshotAsync(Factory)).UploadKeys.Except(before.UploadKeys));
    }

    [Theory]
    [InlineData("programm.exe", "application/x-msdownload", "MZ", "Dieser Dateityp ist für „Nachweis (z. B. Heimtierausweis)“ nicht erlaubt")]
    [InlineData("seite.html", "text/html", "<script>alert(1)</script>", "Dieser Dateityp ist für „Nachweis (z. B. Heimtierausweis)“ nicht erlaubt")]
    [InlineData("nachweis.pdf", "application/pdf", "MZ kein PDF", "Der Inhalt der Datei für „Nachweis (z. B. Heimtierausweis)“ passt nicht zum Dateityp.")]
    [InlineData("foto.png", "image/png", "%PDF-1.4", "Der Inhalt der Datei für „Nachweis (z. B. Heimtierausweis)“ passt nicht zum Dateityp.")]
    [InlineData("foto.jpg", "image/jpeg", "", "Der Inhalt der Datei für „Nachweis (z. B. Heimtierausweis)“ passt nicht zum Dateityp.")]
    public async Task An_upload_of_the_wrong_type_or_with_content_that_does_not_match_gets_a_german_message_and_is_not_kept(
        string fileName, string mediaType, string content, string message)
    {
        var step2 = await Step2Async();
        var before = await SnapshotAsync(Factory);

        var page = await step2.SubmitAsync(action: "zurueck", files: [("nachweis", fileName, mediaType, Encoding.ASCII.GetBytes(content))]);

        Assert.StartsWith(message, page.Document.QuerySelector("#f-nachweis-error")?.TextContent.Trim() ?? page.Text, StringComparison.Ordinal);
        Assert.Equal(before.UploadKeys, (await SnapshotAsync(Factory)).UploadKeys);
    }

    [Fact]
    public async Task An_upload_above_the_field_limit_gets_a_message_and_one_above_the_body_limit_the_too_large_page()
    {
        var step2 = await Step2Async();
        var before = await SnapshotAsync(Factory);
        var big = new byte[100_000];
        "%PDF-1.4"u8.CopyTo(big);
        var huge = new byte[300_000];
        "%PDF-1.4"u8.CopyTo(huge);

        var tooBig = await step2.SubmitAsync(action: "zurueck", files: [("nachweis", "gross.pdf", "application/pdf", big)]);
        var tooLarge = await step2.SubmitAsync(action: "zurueck", files: [("nachweis", "riesig.pdf", "application/pdf", huge)]);

        Assert.StartsWith("Die Datei für „Nachweis (z. B. Heimtierausweis)“ ist zu groß", tooBig.Document.QuerySelector("#f-nachweis-error")!.TextContent.Trim(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, tooLarge.Status);
        Assert.Contains("zu groß", tooLarge.Title, StringComparison.Ordinal);
        Assert.Equal(before.UploadKeys, (await SnapshotAsync(Factory)).UploadKeys);
        await AssertHealthyAsync(Factory);
    }

    /// <summary>Posts step 1 with the owner's answers and this already percent-encoded first name, as UTF-8 (no charset named).</summary>
    private static async Task<HtmlPage> PostEncodedAsync(HtmlPage step1, string encodedFirstName)
    {
        var (fields, target, _) = step1.Form(Owner);
        var body = string.Join('&', fields.Select(f => $"{Uri.EscapeDataString(f.Key)}={(f.Key == "vorname" ? encodedFirstName : Uri.EscapeDataString(f.Value))}"));
        var content = new ByteArrayContent(Encoding.ASCII.GetBytes(body));
        content.Headers.ContentType = new MediaTypeHeaderValue("application/x-www-form-urlencoded");
        return await step1.PostAsync(target, content);
    }

    private async Task<HtmlPage> Step1Async() => await (await HtmlPage.OpenAsync(Factory.CreateClient(), Start)).SubmitAsync();

    private async Task<HtmlPage> Step2Async() => await (await Step1Async()).SubmitAsync(Owner);
}
