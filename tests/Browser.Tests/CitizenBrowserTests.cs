using System.Globalization;
using System.Text.Json.Nodes;
using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using EfaGateway.Core.Processes;
using EfaGateway.Core.Submissions;
using EfaGateway.Fim.CodeLists;
using EfaGateway.Fim.Import;
using EfaGateway.Fim.Xdf;
using EfaGateway.TestSupport;
using Microsoft.Playwright;
using static EfaGateway.Browser.Tests.BrowserKeyboard;

namespace EfaGateway.Browser.Tests;

/// <summary>Citizens in a real browser: keyboard only, without JavaScript, and every page type checked by axe (WCAG 2.1 A/AA).</summary>
public sealed class CitizenBrowserTests(BrowserHost host)
{
    private const string Demo = "/schoenwetter-am-berg/hundesteuer-anmeldung";

    [Fact]
    public async Task A_citizen_completes_the_demo_process_with_the_keyboard_only()
    {
        var page = await NewPageAsync(javaScript: true);
        await page.GotoAsync(host.BaseUrl + Demo);

        await PressOnAsync(page, "main button.kern-btn--primary", "Enter");
        await WaitForPathAsync(page, "**/schritt/1");
        await TypeAllAsync(page, new()
        {
            ["vorname"] = "Quirinella", ["familienname"] = "Zwetschgenbaum", ["geburtsdatum"] = "17.03.1984", ["strasse"] = "Am Xylophonweiher",
            ["hausnummer"] = "7a", ["postleitzahl"] = "99999", ["ort"] = "Schönwetter am Berg",
        });
        await PressOnAsync(page, "main button.kern-btn--primary", "Enter");
        await WaitForPathAsync(page, "**/schritt/2");
        await TypeAllAsync(page, new() { ["hundename"] = "Wuffelbert", ["haltungsbeginn"] = "01.10.2026", ["anzahlHunde"] = "1" });
        await EnterAsync(page, "rasse", "dackel");
        await PressOnAsync(page, "main button.kern-btn--primary", "Enter");
        await WaitForPathAsync(page, "**/schritt/3");
        await PressOnAsync(page, "[name='richtigkeit']", " ");
        await PressOnAsync(page, "main button.kern-btn--primary", "Enter");
        await WaitForPathAsync(page, "**/pruefen");
        Assert.Contains("Dackel", await page.InnerTextAsync("main"), StringComparison.Ordinal);
        await PressOnAsync(page, "#senden", "Enter");
        await WaitForPathAsync(page, "**/bestaetigung");

        Assert.True(Vorgangsnummer.IsWellFormed(await page.InnerTextAsync("#vorgangsnummer")));
    }

    [Fact]
    public async Task A_citizen_completes_the_demo_process_with_javascript_switched_off()
    {
        var page = await NewPageAsync(javaScript: false);
        await page.GotoAsync(host.BaseUrl + Demo);

        await page.ClickAsync("main button.kern-btn--primary");
        await page.ClickAsync("main button.kern-btn--primary");
        Assert.StartsWith("Fehler: ", await page.TitleAsync(), StringComparison.Ordinal);
        foreach (var (name, value) in new Dictionary<string, string>
        {
            ["vorname"] = "Quirinella", ["familienname"] = "Zwetschgenbaum", ["geburtsdatum"] = "17.03.1984", ["strasse"] = "Am Xylophonweiher",
            ["hausnummer"] = "7a", ["postleitzahl"] = "99999", ["ort"] = "Schönwetter am Berg",
        })
        {
            await page.FillAsync($"[name='{name}']", value);
        }

        await page.ClickAsync("main button.kern-btn--primary");
        await page.FillAsync("[name='hundename']", "Wuffelbert");
        await page.CheckAsync("[name='rasse'][value='dackel']");
        await page.FillAsync("[name='haltungsbeginn']", "01.10.2026");
        await page.FillAsync("[name='anzahlHunde']", "1");
        await page.SetInputFilesAsync("[name='nachweis']", new FilePayload { Name = "ausweis.pdf", MimeType = "application/pdf", Buffer = ValidDataGenerator.Pdf });
        await page.ClickAsync("main button.kern-btn--primary");
        await page.CheckAsync("[name='richtigkeit']");
        await page.ClickAsync("main button.kern-btn--primary");
        Assert.Contains("ausweis.pdf", await page.InnerTextAsync("main"), StringComparison.Ordinal);
        await page.ClickAsync("#senden");

        Assert.True(Vorgangsnummer.IsWellFormed(await page.InnerTextAsync("#vorgangsnummer")));
    }

    [Fact]
    public async Task A_citizen_completes_an_imported_FIM_process_with_the_keyboard_only()
    {
        var definition = ImportedDefinition();
        var (data, files) = ValidDataGenerator.For(definition);
        var values = FormFields.For(definition, data);
        var page = await NewPageAsync(javaScript: true);
        await page.GotoAsync($"{host.BaseUrl}/schoenwetter-am-berg/{definition.Id}");
        await PressOnAsync(page, "main button.kern-btn--primary", "Enter");
        await WaitForPathAsync(page, "**/schritt/*");

        var filled = new HashSet<string>(StringComparer.Ordinal);
        for (var round = 0; round < 40 && !page.Url.EndsWith("/pruefen", StringComparison.Ordinal); round++)
        {
            var names = await page.EvalOnSelectorAllAsync<string[]>("main form [name]", "els => els.filter(e => e.type !== 'hidden' && e.type !== 'submit').map(e => e.name)");
            foreach (var name in names.Distinct().Where(n => !filled.Contains(n)))
            {
                if (files.FirstOrDefault(f => f.FieldId == name) is { } file)
                {
                    await page.SetInputFilesAsync($"[name='{name}']", new FilePayload { Name = file.FileName, MimeType = file.MediaType, Buffer = file.Content.ToArray() });
                }
                else if (values.TryGetValue(name, out var value))
                {
                    await EnterAsync(page, name, value);
                }

                filled.Add(name);
            }

            // Mark this document; a new one (the next step, or this step again with errors) has no mark.
            await page.EvaluateAsync("() => { window.efagwOld = true; }");
            await PressOnAsync(page, "main button.kern-btn--primary", "Enter");
            try
            {
                await page.WaitForFunctionAsync("() => !window.efagwOld && document.readyState !== 'loading'", null, new PageWaitForFunctionOptions { Timeout = 60_000 });
            }
            catch (TimeoutException)
            {
                await File.WriteAllTextAsync("/tmp/fim-stuck.html", await page.ContentAsync(), TestContext.Current.CancellationToken);
                throw;
            }
        }

        Assert.EndsWith("/pruefen", page.Url, StringComparison.Ordinal);
        await PressOnAsync(page, "#senden", "Enter");
        await WaitForPathAsync(page, "**/bestaetigung");
        Assert.True(Vorgangsnummer.IsWellFormed(await page.InnerTextAsync("#vorgangsnummer")));
    }

    [Fact]
    public async Task Every_page_type_has_no_axe_violations_of_wcag_2_1_a_and_aa()
    {
        var page = await NewPageAsync(javaScript: true);
        var violations = new List<string>();
        async Task CheckAsync(string name)
        {
            var result = await page.RunAxe(new AxeRunOptions
            {
                RunOnly = new RunOnlyOptions { Type = "tag", Values = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] },
            });
            violations.AddRange(result.Violations.Select(v => $"{name}: {v.Id} ({string.Join(", ", v.Nodes.Select(n => n.Target.ToString()))})"));
        }

        await page.GotoAsync(host.BaseUrl + Demo);
        await CheckAsync("start");
        await page.ClickAsync("main button.kern-btn--primary");
        await CheckAsync("step");
        await page.ClickAsync("main button.kern-btn--primary");
        await CheckAsync("step with errors");
        foreach (var (name, value) in new Dictionary<string, string>
        {
            ["vorname"] = "Anna", ["familienname"] = "Muster", ["geburtsdatum"] = "01.01.1990", ["strasse"] = "Weg",
            ["hausnummer"] = "1", ["postleitzahl"] = "12345", ["ort"] = "Ort",
        })
        {
            await page.FillAsync($"[name='{name}']", value);
        }

        await page.ClickAsync("main button.kern-btn--primary");
        await CheckAsync("step with select and upload");
        await page.FillAsync("[name='hundename']", "Bello");
        await page.CheckAsync("[name='rasse'][value='dackel']");
        await page.FillAsync("[name='haltungsbeginn']", "01.10.2026");
        await page.FillAsync("[name='anzahlHunde']", "1");
        await page.ClickAsync("main button.kern-btn--primary");
        await page.CheckAsync("[name='richtigkeit']");
        await page.ClickAsync("main button.kern-btn--primary");
        await CheckAsync("check your answers");
        await page.ClickAsync("#senden");
        await CheckAsync("confirmation");
        await page.FillAsync("#f-email", "kein-at");
        await page.ClickAsync("main form button[type=submit]");
        await CheckAsync("confirmation with an e-mail error");
        await page.GotoAsync(host.BaseUrl + Demo);
        await page.ClickAsync("main button.kern-btn--primary");
        await page.ClickAsync("button[value='speichern']");
        await CheckAsync("save draft");
        await page.FillAsync("#f-email", "axe@example.org");
        await page.ClickAsync("main button.kern-btn--primary");
        await CheckAsync("draft saved with PIN");
        await page.GotoAsync(host.BaseUrl + Demo + "/fortsetzen/" + Guid.NewGuid().ToString("N"));
        await CheckAsync("resume");
        await page.FillAsync("#f-pin", "12345678");
        await page.ClickAsync("main button.kern-btn--primary");
        await CheckAsync("resume refused (unknown draft)");
        await page.GotoAsync(host.BaseUrl + Demo + "/barrierefreiheit");
        await CheckAsync("accessibility statement");
        await page.GotoAsync(host.BaseUrl + Demo + "/gibt-es-nicht/auch-nicht");
        await CheckAsync("not found");
        await page.GotoAsync(host.BaseUrl + Demo + "?lang=en");
        await CheckAsync("start in English");
        await page.GotoAsync($"{host.BaseUrl}/schoenwetter-am-berg/{ImportedDefinition().Id}?lang=de");
        await page.ClickAsync("main button.kern-btn--primary");
        await CheckAsync("FIM step with groups");

        Assert.Empty(violations);
    }

    [Fact]
    public async Task The_axe_check_itself_finds_a_known_violation()
    {
        var page = await NewPageAsync(javaScript: true);
        await page.SetContentAsync("<html lang='de'><head><title>t</title></head><body><main><input type='text'></main></body></html>");

        var result = await page.RunAxe(new AxeRunOptions { RunOnly = new RunOnlyOptions { Type = "tag", Values = ["wcag2a", "wcag2aa"] } });

        Assert.Contains(result.Violations, v => v.Id == "label");
    }

    [Fact]
    public async Task A_draft_is_saved_the_mail_is_read_and_the_draft_is_resumed_with_the_pin_after_a_wrong_one()
    {
        var page = await NewPageAsync(javaScript: true);
        await page.GotoAsync(host.BaseUrl + Demo);
        await page.ClickAsync("main button.kern-btn--primary");
        await page.FillAsync("[name='vorname']", "Quirinella");
        await page.FillAsync("[name='familienname']", "Zwetschgenbaum");
        await page.ClickAsync("button[value='speichern']");
        var email = $"entwurf-{Guid.NewGuid():N}@example.org";
        await page.FillAsync("#f-email", email);
        await page.ClickAsync("main button.kern-btn--primary");
        var pin = (await page.InnerTextAsync("#pin")).Replace(" ", string.Empty, StringComparison.Ordinal);
        var mail = await SmtpTestServer.Shared.WaitForAsync(email);
        var link = System.Text.RegularExpressions.Regex.Match(mail.TextBody!, @"http://\S+/fortsetzen/[0-9a-f]{32}").Value;

        var other = await NewPageAsync(javaScript: true); // a fresh browser: only link and PIN
        await other.GotoAsync(link);
        await other.FillAsync("#f-pin", pin == "00000000" ? "11111111" : "00000000");
        await other.ClickAsync("main button.kern-btn--primary");
        Assert.Contains("Die PIN ist falsch.", await other.InnerTextAsync("#fehlerliste"), StringComparison.Ordinal);
        await other.FillAsync("#f-pin", pin);
        await other.ClickAsync("main button.kern-btn--primary");

        await WaitForPathAsync(other, "**/schritt/1");
        Assert.Equal("Zwetschgenbaum", await other.InputValueAsync("[name='familienname']"));
    }

    private async Task<IPage> NewPageAsync(bool javaScript)
    {
        var context = await host.Browser.NewContextAsync(new BrowserNewContextOptions { JavaScriptEnabled = javaScript, Locale = "de-DE" });
        return await context.NewPageAsync();
    }

    private static async Task TypeAllAsync(IPage page, Dictionary<string, string> values)
    {
        foreach (var (name, value) in values)
        {
            await PressOnAsync(page, $"[name='{name}']");
            await page.Keyboard.TypeAsync(value);
        }
    }

    /// <summary>One answer by keyboard: typed into text, arrow keys through radios and selects, space for a check box.</summary>
    private static async Task EnterAsync(IPage page, string name, string value)
    {
        var selector = $"[name='{name}']";
        await PressOnAsync(page, selector);
        var kind = await page.EvaluateAsync<string>("() => document.activeElement.tagName + ':' + (document.activeElement.type || '')");
        switch (kind)
        {
            case "INPUT:radio":
                for (var i = 0; i < 50 && await page.EvaluateAsync<string>("() => document.activeElement.value") != value; i++)
                {
                    await page.Keyboard.PressAsync("ArrowDown");
                }

                await page.Keyboard.PressAsync(" ");
                break;
            case "INPUT:checkbox":
                if (value == "true")
                {
                    await page.Keyboard.PressAsync(" ");
                }

                break;
            case "SELECT:select-one":
                var index = await page.EvaluateAsync<int>("v => Array.from(document.activeElement.options).findIndex(o => o.value === v)", value);
                for (var i = 0; i < index; i++)
                {
                    await page.Keyboard.PressAsync("ArrowDown");
                }

                break;
            default:
                await page.Keyboard.TypeAsync(value);
                break;
        }
    }

    private static ProcessDefinition ImportedDefinition()
    {
        using var stream = File.OpenRead(Path.Combine(Fixtures.FimSamples, "xdf3", BrowserHost.ImportedSchema));
        return XdfImporter.Import(XdfReader.Read(stream), new ImportOptions { CodeLists = CodeListCatalog.FromDirectory(Fixtures.CodeLists) }).Definition;
    }
}
