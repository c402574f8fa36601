using System.Net;
using System.Text.RegularExpressions;
using EfaGateway.Core.Ports;
using EfaGateway.Core.Retention;
using EfaGateway.Host.Tests.Support;
using EfaGateway.TestSupport;
using Microsoft.Extensions.DependencyInjection;

namespace EfaGateway.Host.Tests.Forms;

/// <summary>Zwischenspeicherung: save with e-mail, PIN shown once, resume link by mail, link plus PIN, lock, deletion.</summary>
public sealed partial class DraftTests : IDisposable
{
    private const string Start = $"/{DemoApplication.Tenant}/{DemoApplication.Process}";

    private readonly GatewayFactory factory = new();

    private static readonly Dictionary<string, string> Owner = new()
    {
        ["vorname"] = "Quirinella", ["familienname"] = "Zwetschgenbaum", ["geburtsdatum"] = "17.03.1984", ["strasse"] = "Am Xylophonweiher",
        ["hausnummer"] = "7a", ["postleitzahl"] = "99999", ["ort"] = "Schönwetter am Berg",
    };

    [Fact]
    public async Task A_saved_draft_is_resumed_with_the_mailed_link_and_the_pin_and_sent()
    {
        var (pin, link, email) = await SaveDraftAsync();

        var mail = await SmtpTestServer.Shared.WaitForAsync(email);
        Assert.Contains(link, mail.TextBody, StringComparison.Ordinal);
        Assert.DoesNotContain(pin, mail.TextBody!.Replace(" ", string.Empty, StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.DoesNotContain("Zwetschgenbaum", mail.TextBody, StringComparison.Ordinal);
        Assert.Contains("unwiderruflich gelöscht", mail.TextBody, StringComparison.Ordinal);
        Assert.Contains("26.12.2026", mail.TextBody, StringComparison.Ordinal); // saved 26.11.2026 + 30 days

        using var other = factory.CreateClient(); // another browser: nothing but link and PIN
        var resume = await HtmlPage.OpenAsync(other, new Uri(link).AbsolutePath);
        var step = await resume.SubmitAsync(new Dictionary<string, string> { ["Pin"] = pin[..4] + " " + pin[4..] });

        Assert.EndsWith("/schritt/2", step.Path, StringComparison.Ordinal);
        var back = await HtmlPage.OpenAsync(other, $"{Start}/schritt/1");
        Assert.Equal("Zwetschgenbaum", back.Document.QuerySelector("#f-familienname")!.GetAttribute("value"));

        var step3 = await step.SubmitAsync(new Dictionary<string, string> { ["hundename"] = "Wuffelbert", ["rasse"] = "dackel", ["haltungsbeginn"] = "01.10.2026", ["anzahlHunde"] = "1" });
        var check = await step3.SubmitAsync(new Dictionary<string, string> { ["richtigkeit"] = "true" });
        var done = await check.SubmitAsync();
        Assert.EndsWith("/bestaetigung", done.Path, StringComparison.Ordinal);
        Assert.Null(await Drafts().FindAsync(DraftId(link), CancellationToken.None));
    }

    [Fact]
    public async Task A_wrong_pin_is_refused_and_five_lock_the_draft_for_fifteen_minutes()
    {
        var (pin, link, _) = await SaveDraftAsync();
        using var other = factory.CreateClient();
        var page = await HtmlPage.OpenAsync(other, new Uri(link).AbsolutePath);

        var wrong = await page.SubmitAsync(new Dictionary<string, string> { ["Pin"] = "00000000" == pin ? "11111111" : "00000000" });
        Assert.Contains("Die PIN ist falsch. Sie haben noch 4 Versuche", wrong.ErrorSummary.Single(), StringComparison.Ordinal);
        for (var i = 0; i < 4; i++)
        {
            wrong = await wrong.SubmitAsync(new Dictionary<string, string> { ["Pin"] = "99999999" == pin ? "88888888" : "99999999" });
        }

        Assert.Contains("Zu viele falsche Eingaben. Der Antrag ist für 15 Minuten gesperrt.", wrong.ErrorSummary.Single(), StringComparison.Ordinal);
        var locked = await wrong.SubmitAsync(new Dictionary<string, string> { ["Pin"] = pin });
        Assert.Contains("gesperrt", locked.ErrorSummary.Single(), StringComparison.Ordinal);

        factory.Time.Advance(TimeSpan.FromMinutes(15));
        var resumed = await locked.SubmitAsync(new Dictionary<string, string> { ["Pin"] = pin });
        Assert.EndsWith("/schritt/2", resumed.Path, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_pin_is_stored_only_as_a_slow_salted_hash()
    {
        var (pin, link, _) = await SaveDraftAsync();

        var draft = (await Drafts().FindAsync(DraftId(link), CancellationToken.None))!;

        Assert.StartsWith("pbkdf2-sha256$600000$", draft.PinHash, StringComparison.Ordinal);
        Assert.DoesNotContain(pin, draft.PinHash, StringComparison.Ordinal);
        Assert.Equal("{}", draft.DataJson);
    }

    [Fact]
    public async Task The_retention_job_deletes_a_draft_thirty_days_after_it_was_saved()
    {
        var (pin, link, _) = await SaveDraftAsync();
        await using var scope = factory.Services.CreateAsyncScope();
        var retention = scope.ServiceProvider.GetRequiredService<RetentionService>();

        factory.Time.Advance(TimeSpan.FromDays(30) - TimeSpan.FromMinutes(1));
        await retention.RunAsync(CancellationToken.None);
        Assert.NotNull(await Drafts().FindAsync(DraftId(link), CancellationToken.None));
        factory.Time.Advance(TimeSpan.FromMinutes(1));
        await retention.RunAsync(CancellationToken.None);

        Assert.Null(await Drafts().FindAsync(DraftId(link), CancellationToken.None));
        var blobs = scope.ServiceProvider.GetRequiredService<IBlobStore>();
        Assert.Empty(await blobs.ListKeysAsync($"drafts/{DraftId(link):N}/", CancellationToken.None).ToListAsync());
        using var other = factory.CreateClient();
        var page = await (await HtmlPage.OpenAsync(other, new Uri(link).AbsolutePath)).SubmitAsync(new Dictionary<string, string> { ["Pin"] = pin });
        Assert.Equal(HttpStatusCode.NotFound, page.Status);
    }

    [Fact]
    public async Task An_invalid_e_mail_address_is_refused_next_to_the_field()
    {
        var step1 = await (await HtmlPage.OpenAsync(factory.CreateClient(), Start)).SubmitAsync();
        var save = await step1.SubmitAsync(action: "speichern");

        var refused = await save.SubmitAsync(new Dictionary<string, string> { ["Email"] = "keine-adresse" });

        Assert.Contains("Bitte geben Sie eine E-Mail-Adresse an, zum Beispiel name@beispiel.de.", refused.ErrorSummary);
        Assert.Null(refused.Document.QuerySelector("#pin"));
    }

    [Fact]
    public async Task No_answer_pin_e_mail_address_or_draft_id_appears_in_the_log_of_a_form_with_a_draft()
    {
        var (pin, link, email) = await SaveDraftAsync();
        using var other = factory.CreateClient();
        var step = await (await HtmlPage.OpenAsync(other, new Uri(link).AbsolutePath)).SubmitAsync(new Dictionary<string, string> { ["Pin"] = "00000000" == pin ? "11111111" : "00000000" });
        step = await step.SubmitAsync(new Dictionary<string, string> { ["Pin"] = pin });
        var step3 = await step.SubmitAsync(new Dictionary<string, string> { ["hundename"] = "Wuffelbert", ["rasse"] = "dackel", ["haltungsbeginn"] = "01.10.2026", ["anzahlHunde"] = "1" });
        await (await step3.SubmitAsync(new Dictionary<string, string> { ["richtigkeit"] = "true" })).SubmitAsync();

        var lines = factory.Logs.Lines.ToList();
        Assert.Contains(lines, l => l.Contains("/fortsetzen/{draft}", StringComparison.Ordinal));
        foreach (var secret in new[] { "Quirinella", "Zwetschgenbaum", "Xylophonweiher", "Wuffelbert", email, DraftId(link).ToString("N") })
        {
            Assert.DoesNotContain(lines, l => l.Contains(secret, StringComparison.OrdinalIgnoreCase));
        }

        // Eight digits could occur by chance inside an id or a timestamp; the PIN would stand as a word of its own.
        Assert.DoesNotContain(lines, l => Regex.IsMatch(l, $@"(?<![0-9A-Za-z]){pin}(?![0-9A-Za-z])"));
    }

    public void Dispose() => factory.Dispose();

    private async Task<(string Pin, string Link, string Email)> SaveDraftAsync()
    {
        var email = $"buerger-{Guid.NewGuid():N}@example.org";
        var step1 = await (await HtmlPage.OpenAsync(factory.CreateClient(), Start)).SubmitAsync();
        var step2 = await step1.SubmitAsync(Owner);
        var save = await step2.SubmitAsync(action: "speichern");
        Assert.Contains("30 Tage nach dem Speichern unwiderruflich gelöscht", save.Text, StringComparison.Ordinal);

        var saved = await save.SubmitAsync(new Dictionary<string, string> { ["Email"] = email });

        var pin = saved.Document.QuerySelector("#pin")!.TextContent.Replace(" ", string.Empty, StringComparison.Ordinal);
        Assert.Matches("^[0-9]{8}$", pin);
        Assert.Contains("am 26.12.2026 unwiderruflich gelöscht", saved.Text, StringComparison.Ordinal);
        var mail = await SmtpTestServer.Shared.WaitForAsync(email);
        var link = ResumeLink().Match(mail.TextBody!).Value;
        return (pin, link, email);
    }

    private IDraftStore Drafts() => factory.Services.CreateScope().ServiceProvider.GetRequiredService<IDraftStore>();

    private static Guid DraftId(string link) => Guid.ParseExact(link[(link.LastIndexOf('/') + 1)..], "N");

    [GeneratedRegex(@"https?://\S+/fortsetzen/[0-9a-f]{32}")]
    private static partial Regex ResumeLink();
}
