using System.Net;
using System.Text;
using EfaGateway.Host.Tests.Support;
using EfaGateway.TestSupport;

namespace EfaGateway.Host.Tests.Forms;

/// <summary>The demo process through the citizen pages, as a browser without JavaScript uses them.</summary>
public sealed class CitizenFormTests : IDisposable
{
    private const string Start = $"/{DemoApplication.Tenant}/{DemoApplication.Process}";

    private readonly GatewayFactory factory = new();

    private static readonly Dictionary<string, string> Owner = new()
    {
        ["vorname"] = "Quirinella",
        ["familienname"] = "Zwetschgenbaum",
        ["geburtsdatum"] = "17.03.1984",
        ["strasse"] = "Am Xylophonweiher",
        ["hausnummer"] = "7a",
        ["postleitzahl"] = "99999",
        ["ort"] = "Schönwetter am Berg",
    };

    private static readonly Dictionary<string, string> Dog = new()
    {
        ["hundename"] = "Wuffelbert",
        ["rasse"] = "dackel",
        ["haltungsbeginn"] = "1.10.2026",
        ["anzahlHunde"] = "1",
    };

    [Fact]
    public async Task A_citizen_completes_the_demo_process_and_gets_a_vorgangsnummer_and_a_pdf_receipt()
    {
        var step1 = await BeginAsync();
        Assert.Equal("Angaben zur Halterin oder zum Halter – Schönwetter am Berg", step1.Title);
        // WCAG 2.1 SC 1.3.5: fields about the applicant say what they are for.
        Assert.Equal("family-name", step1.Document.QuerySelector("#f-familienname")!.GetAttribute("autocomplete"));
        Assert.Equal("postal-code", step1.Document.QuerySelector("#f-postleitzahl")!.GetAttribute("autocomplete"));
        Assert.Contains("Schritt 1 von 3", step1.Text, StringComparison.Ordinal);

        var step2 = await step1.SubmitAsync(Owner);
        Assert.EndsWith("/schritt/2", step2.Path, StringComparison.Ordinal);
        var step3 = await step2.SubmitAsync(Dog, files: [("nachweis", "ausweis.pdf", "application/pdf", ValidDataGenerator.Pdf)]);
        var check = await step3.SubmitAsync(new Dictionary<string, string> { ["richtigkeit"] = "true" });

        Assert.EndsWith("/pruefen", check.Path, StringComparison.Ordinal);
        Assert.Contains("Zwetschgenbaum", check.Text, StringComparison.Ordinal);
        Assert.Contains("17.03.1984", check.Text, StringComparison.Ordinal);
        Assert.Contains("Dackel", check.Text, StringComparison.Ordinal);
        Assert.Contains("ausweis.pdf", check.Text, StringComparison.Ordinal);
        var done = await check.SubmitAsync();
        Assert.EndsWith("/bestaetigung", done.Path, StringComparison.Ordinal);
        var number = done.Document.QuerySelector("#vorgangsnummer")!.TextContent;
        Assert.True(Core.Submissions.Vorgangsnummer.IsWellFormed(number));

        using var receipt = await done.Client.GetAsync($"{Start}/bestaetigung/receipt");
        Assert.Equal("application/pdf", receipt.Content.Headers.ContentType!.MediaType);
        Assert.StartsWith("%PDF", Encoding.ASCII.GetString(await receipt.Content.ReadAsByteArrayAsync())[..4], StringComparison.Ordinal);
        Assert.Equal(1, await factory.DeliverDueAsync());
    }

    [Fact]
    public async Task An_empty_step_shows_an_error_summary_linking_to_each_field_and_a_message_at_each_field()
    {
        var step1 = await BeginAsync();

        var errors = await step1.SubmitAsync(new Dictionary<string, string> { ["geburtsdatum"] = "31.02.1984", ["email"] = "kein-at" });

        Assert.Equal(HttpStatusCode.OK, errors.Status);
        Assert.StartsWith("Fehler: ", errors.Title, StringComparison.Ordinal);
        Assert.Contains("Bitte füllen Sie „Vorname“ aus.", errors.ErrorSummary);
        Assert.Contains("„Geburtsdatum“ ist kein gültiges Datum (JJJJ-MM-TT).", errors.ErrorSummary);
        Assert.Equal("#f-vorname", errors.Document.QuerySelector("#fehlerliste a")!.GetAttribute("href"));
        var field = errors.Document.QuerySelector("#f-geburtsdatum")!;
        Assert.Equal("31.02.1984", field.GetAttribute("value"));
        Assert.Equal("true", field.GetAttribute("aria-invalid"));
        Assert.Contains("f-geburtsdatum-error", field.GetAttribute("aria-describedby")!, StringComparison.Ordinal);
        Assert.Equal("kein-at", errors.Document.QuerySelector("#f-email")!.GetAttribute("value"));
    }

    [Fact]
    public async Task Characters_outside_DIN_91379_are_named_in_the_message()
    {
        var step1 = await BeginAsync();

        var errors = await step1.SubmitAsync(new Dictionary<string, string>(Owner) { ["familienname"] = "Zwetschgenbaum 🙂" });

        Assert.Contains(errors.ErrorSummary, e => e.StartsWith("„Familienname“ enthält Zeichen, die Behörden nicht verarbeiten können: 🙂.", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Going_back_keeps_the_answers_and_the_check_page_links_to_each_step()
    {
        var step2 = await (await BeginAsync()).SubmitAsync(Owner);

        var back = await step2.SubmitAsync(action: "zurueck");

        Assert.EndsWith("/schritt/1", back.Path, StringComparison.Ordinal);
        Assert.Equal("Zwetschgenbaum", back.Document.QuerySelector("#f-familienname")!.GetAttribute("value"));
        Assert.Equal("17.03.1984", back.Document.QuerySelector("#f-geburtsdatum")!.GetAttribute("value"));
    }

    [Fact]
    public async Task Sending_with_a_missing_answer_links_from_the_check_page_to_the_step_and_field()
    {
        var step2 = await (await BeginAsync()).SubmitAsync(Owner);
        var check = await HtmlPage.OpenAsync(step2.Client, $"{Start}/pruefen");

        var errors = await check.SubmitAsync();

        Assert.Equal(HttpStatusCode.OK, errors.Status);
        Assert.Contains($"{Start}/schritt/2#f-hundename", errors.Document.QuerySelectorAll("#fehlerliste a").Select(a => a.GetAttribute("href")));
    }

    [Fact]
    public async Task An_infected_upload_is_refused_with_a_clear_message_and_not_stored()
    {
        var step2 = await (await BeginAsync()).SubmitAsync(Owner);
        var eicar = Encoding.ASCII.GetBytes("%PDF-1.4\n" + ClamdServer.Eicar + "\n");

        var refused = await step2.SubmitAsync(Dog, files: [("nachweis", "virus.pdf", "application/pdf", eicar)]);

        Assert.EndsWith("/schritt/2", refused.Path, StringComparison.Ordinal);
        Assert.Contains("Die Datei für „Nachweis (z. B. Heimtierausweis)“ enthält Schadsoftware und wurde nicht angenommen. Bitte prüfen Sie Ihr Gerät und laden Sie eine saubere Datei hoch.", refused.ErrorSummary);
        Assert.DoesNotContain("virus.pdf", refused.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_file_of_a_type_the_field_does_not_allow_is_refused()
    {
        var step2 = await (await BeginAsync()).SubmitAsync(Owner);

        var refused = await step2.SubmitAsync(Dog, files: [("nachweis", "notiz.txt", "text/plain", "Hallo"u8.ToArray())]);

        Assert.Contains("Dieser Dateityp ist für „Nachweis (z. B. Heimtierausweis)“ nicht erlaubt (erlaubt: application/pdf, image/png, image/jpeg).", refused.ErrorSummary);
    }

    [Fact]
    public async Task The_pages_switch_to_english_and_say_so_in_the_lang_attribute()
    {
        using var client = factory.CreateClient();

        var english = await HtmlPage.OpenAsync(client, Start + "?lang=en");

        Assert.Equal("en", english.Document.DocumentElement.GetAttribute("lang"));
        Assert.Contains("What you need", english.Text, StringComparison.Ordinal);
        Assert.Equal("de", english.Document.QuerySelector("a[hreflang=de]")!.GetAttribute("lang"));
    }

    [Fact]
    public async Task Every_page_carries_the_security_headers_and_a_csp_without_inline_script()
    {
        using var client = factory.CreateClient();

        using var response = await client.GetAsync(Start);

        var csp = response.Headers.GetValues("Content-Security-Policy").Single();
        Assert.Contains("script-src 'self'", csp, StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe-inline", csp, StringComparison.Ordinal);
        Assert.Equal("DENY", response.Headers.GetValues("X-Frame-Options").Single());
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        var html = await response.Content.ReadAsStringAsync();
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("style=", html, StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [InlineData("/assets/site.css")]
    [InlineData("/kern/kern.min.css")]
    [InlineData("/kern/fira-sans.css")]
    public async Task The_stylesheets_are_served_with_the_binary(string path)
    {
        using var client = factory.CreateClient();

        using var response = await client.GetAsync(path);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/css", response.Content.Headers.ContentType!.MediaType);
    }

    [Fact]
    public async Task A_post_without_the_antiforgery_token_is_refused_and_changes_nothing()
    {
        using var client = factory.CreateClient();

        using var response = await client.PostAsync(Start, new FormUrlEncodedContent([]));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.False(response.Headers.TryGetValues("Set-Cookie", out var cookies) && cookies.Any(c => c.StartsWith("efagw-antrag", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task An_unknown_process_shows_a_german_not_found_page()
    {
        using var client = factory.CreateClient();

        var page = await HtmlPage.OpenAsync(client, $"/{DemoApplication.Tenant}/gibt-es-nicht");

        Assert.Equal(HttpStatusCode.NotFound, page.Status);
        Assert.Contains("Seite nicht gefunden", page.Title, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_step_without_a_session_leads_back_to_the_start_page()
    {
        using var client = factory.CreateClient();

        var page = await HtmlPage.OpenAsync(client, $"{Start}/schritt/2");

        Assert.Equal(Start, page.Path);
    }

    [Fact]
    public async Task A_confirmation_e_mail_holds_the_vorgangsnummer_and_nothing_personal()
    {
        var step1 = await BeginAsync();
        var step2 = await step1.SubmitAsync(Owner);
        var step3 = await step2.SubmitAsync(Dog);
        var check = await step3.SubmitAsync(new Dictionary<string, string> { ["richtigkeit"] = "true" });
        var done = await check.SubmitAsync();
        var number = done.Document.QuerySelector("#vorgangsnummer")!.TextContent;
        var email = $"bestaetigung-{Guid.NewGuid():N}@example.org";

        var sent = await done.SubmitAsync(new Dictionary<string, string> { ["Email"] = email }, action: string.Empty);

        Assert.Contains("Die Bestätigung ist unterwegs.", sent.Text, StringComparison.Ordinal);
        var mail = await SmtpTestServer.Shared.WaitForAsync(email);
        Assert.Contains(number, mail.TextBody, StringComparison.Ordinal);
        Assert.DoesNotContain("Zwetschgenbaum", mail.TextBody, StringComparison.Ordinal);
        Assert.DoesNotContain("Wuffelbert", mail.TextBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_draft_statements_show_in_the_footer_and_a_tenant_text_replaces_them()
    {
        using var client = factory.CreateClient();
        var start = await HtmlPage.OpenAsync(client, Start);
        var draft = await start.FollowAsync("Barrierefreiheit");
        Assert.Equal("Erklärung zur Barrierefreiheit – Schönwetter am Berg", draft.Title);
        Assert.Contains("Schönwetter am Berg ist bemüht", draft.Text, StringComparison.Ordinal);

        var folder = Path.Combine(factory.DataDirectory, "statements", DemoApplication.Tenant, DemoApplication.Process);
        Directory.CreateDirectory(folder);
        await File.WriteAllTextAsync(Path.Combine(folder, "datenschutz.de.txt"), "Verantwortlich ist die Gemeinde.\n\nKontakt: datenschutz@example.org", TestContext.Current.CancellationToken);
        var own = await HtmlPage.OpenAsync(client, $"{Start}/datenschutz");

        Assert.Equal(["Verantwortlich ist die Gemeinde.", "Kontakt: datenschutz@example.org"],
            own.Document.QuerySelectorAll("main p.kern-body").Select(p => p.TextContent.Trim()).Take(2));
    }

    public void Dispose() => factory.Dispose();

    private async Task<HtmlPage> BeginAsync()
    {
        var start = await HtmlPage.OpenAsync(factory.CreateClient(), Start);
        return await start.SubmitAsync();
    }
}
