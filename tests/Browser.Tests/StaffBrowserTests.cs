using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using EfaGateway.TestSupport;
using Microsoft.Playwright;
using static EfaGateway.Browser.Tests.BrowserKeyboard;

namespace EfaGateway.Browser.Tests;

/// <summary>
/// Staff in a real browser (issue 6 point 1: the same checks as the citizen pages): the Postkorb sign-in, landing, inbox
/// and item pages checked by axe (WCAG 2.1 A/AA), and a member who signs in, finds a new application and downloads it
/// with the keyboard only.
/// </summary>
public sealed class StaffBrowserTests(BrowserHost host)
{
    private const string Tenant = "schoenwetter-am-berg";
    private const string Process = "hundesteuer-anmeldung";
    private const string Password = "Kirschblüte-Dezember-42";

    /// <summary>Whether the focused element shows where the focus is: an outline, a shadow or a thick underline.</summary>
    private const string FocusIsVisible = """
        () => {
            const s = getComputedStyle(document.activeElement);
            return (s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0) || s.boxShadow !== 'none'
                || (s.textDecorationLine.includes('underline') && parseFloat(s.textDecorationThickness) >= 2);
        }
        """;

    [Fact]
    public async Task Every_staff_page_has_no_axe_violations_of_wcag_2_1_a_and_aa()
    {
        var vorgangsnummer = await SubmitAsync();
        var page = await NewPageAsync();
        var violations = new List<string>();
        async Task CheckAsync(string name)
        {
            var result = await page.RunAxe(new AxeRunOptions
            {
                RunOnly = new RunOnlyOptions { Type = "tag", Values = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] },
            });
            violations.AddRange(result.Violations.Select(v => $"{name}: {v.Id} ({string.Join(", ", v.Nodes.Select(n => n.Target.ToString()))})"));
        }

        var link = await host.InviteStaffAsync("axe-staff", [Process], administrator: true);
        await page.GotoAsync(link.ToString());
        await CheckAsync("set password");
        await page.FillAsync("#f-NewPassword", "kurz");
        await page.ClickAsync("main button.kern-btn--primary");
        await CheckAsync("set password with errors");
        await page.FillAsync("#f-NewPassword", Password);
        await page.FillAsync("#f-Repeat", Password);
        await page.ClickAsync("main button.kern-btn--primary");
        await CheckAsync("password set");

        await page.GotoAsync($"{host.BaseUrl}/{Tenant}/postkorb");
        await CheckAsync("sign-in");
        await page.FillAsync("#f-UserId", "axe-staff");
        await page.FillAsync("#f-Password", "Falsch-Passwort-1");
        await page.ClickAsync("main button.kern-btn--primary");
        await CheckAsync("sign-in with an error");
        await page.FillAsync("#f-UserId", "axe-staff");
        await page.FillAsync("#f-Password", Password);
        await page.ClickAsync("main button.kern-btn--primary");
        await page.WaitForSelectorAsync("#verfahren");
        await CheckAsync("landing");

        var itemLink = await WaitForItemAsync(page, vorgangsnummer);
        await CheckAsync("inbox");
        await page.GotoAsync($"{host.BaseUrl}/{Tenant}/postkorb/eingang?status=neu");
        await CheckAsync("inbox filtered");
        await page.GotoAsync(host.BaseUrl + itemLink);
        await CheckAsync("item");
        await page.GotoAsync($"{host.BaseUrl}/{Tenant}/postkorb/eingang?lang=en");
        await CheckAsync("inbox in English");
        await page.GotoAsync(host.BaseUrl + itemLink);
        await CheckAsync("item in English");
        await page.GotoAsync($"{host.BaseUrl}/{Tenant}/postkorb/eintrag/{Guid.NewGuid()}?lang=de");
        await CheckAsync("unknown item");
        await page.GotoAsync($"{host.BaseUrl}/{Tenant}/postkorb/verwaltung/protokoll");
        Assert.True(await page.Locator("#protokoll").CountAsync() == 1, "audit: " + await page.Locator("main").InnerTextAsync());
        await CheckAsync("audit log");
        await page.GotoAsync($"{host.BaseUrl}/{Tenant}/postkorb/zweiter-faktor");
        Assert.True(await page.Locator("form").CountAsync() >= 1, "2fa: " + await page.Locator("main").InnerTextAsync());
        await CheckAsync("second factor");
        await page.GotoAsync($"{host.BaseUrl}/{Tenant}/postkorb/passwort");
        Assert.True(await page.Locator("#f-NewPassword").CountAsync() == 1, "password: " + await page.Locator("main").InnerTextAsync());
        await CheckAsync("change password");
        await page.ClickAsync("main button.kern-btn--primary");
        await CheckAsync("change password with errors");

        Assert.Empty(violations);
    }

    [Fact]
    public async Task A_member_signs_in_finds_the_new_application_and_downloads_it_with_the_keyboard_only()
    {
        var vorgangsnummer = await SubmitAsync();
        await AccountAsync("tastatur");
        var page = await NewPageAsync();
        await page.GotoAsync($"{host.BaseUrl}/{Tenant}/postkorb");

        await PressOnAsync(page, "#f-UserId");
        await page.Keyboard.TypeAsync("tastatur");
        await PressOnAsync(page, "#f-Password");
        await page.Keyboard.TypeAsync(Password);
        await page.Keyboard.PressAsync("Enter");
        await page.WaitForSelectorAsync("#verfahren");
        await PressOnAsync(page, "#eingang");
        Assert.True(await page.EvaluateAsync<bool>(FocusIsVisible), "The focused inbox link shows no focus.");
        await page.Keyboard.PressAsync("Enter");
        await WaitForPathAsync(page, "**/postkorb/eingang");

        var itemLink = await WaitForItemAsync(page, vorgangsnummer);
        await PressOnAsync(page, $"a[href='{itemLink}']");
        Assert.True(await page.EvaluateAsync<bool>(FocusIsVisible), "The focused item link shows no focus.");
        await page.Keyboard.PressAsync("Enter");
        await WaitForPathAsync(page, "**/eintrag/*");
        Assert.Equal(vorgangsnummer, (await page.InnerTextAsync("#vorgangsnummer")).Trim());
        Assert.StartsWith("neu", (await page.InnerTextAsync("#status")).Trim(), StringComparison.Ordinal);

        await PressOnAsync(page, "#dateien a[href$='/datei/0']");
        Assert.True(await page.EvaluateAsync<bool>(FocusIsVisible), "The focused download link shows no focus.");
        var pdf = await page.RunAndWaitForDownloadAsync(() => page.Keyboard.PressAsync("Enter"));
        Assert.EndsWith(".pdf", pdf.SuggestedFilename, StringComparison.Ordinal);
        await PressOnAsync(page, "#zip");
        var zip = await page.RunAndWaitForDownloadAsync(() => page.Keyboard.PressAsync("Enter"));
        Assert.Equal(vorgangsnummer + ".zip", zip.SuggestedFilename);

        await page.ReloadAsync();
        Assert.StartsWith("abgerufen am", (await page.InnerTextAsync("#status")).Trim(), StringComparison.Ordinal);
        Assert.EndsWith("von tastatur", (await page.InnerTextAsync("#status")).Trim(), StringComparison.Ordinal);
    }

    private async Task<IPage> NewPageAsync()
    {
        var context = await host.Browser.NewContextAsync(new BrowserNewContextOptions { JavaScriptEnabled = true, Locale = "de-DE", AcceptDownloads = true });
        return await context.NewPageAsync();
    }

    /// <summary>A ready account: invited, its password set through the real page.</summary>
    private async Task AccountAsync(string login)
    {
        var link = await host.InviteStaffAsync(login, [Process]);
        var page = await NewPageAsync();
        await page.GotoAsync(link.ToString());
        await page.FillAsync("#f-NewPassword", Password);
        await page.FillAsync("#f-Repeat", Password);
        await page.ClickAsync("main button.kern-btn--primary");
        await page.WaitForSelectorAsync("#gesetzt");
        await page.Context.CloseAsync();
    }

    /// <summary>The demo request over the API; the host's own workers deliver it to the Postkorb.</summary>
    private async Task<string> SubmitAsync()
    {
        using var client = new HttpClient();
        var request = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(Fixtures.Repository, "samples", "requests", "hundesteuer-anmeldung.json")))!;
        using var response = await client.PostAsJsonAsync($"{host.BaseUrl}/api/v1/tenants/{Tenant}/processes/{Process}/submissions", request);
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("vorgangsnummer").GetString()!;
    }

    /// <summary>Opens the inbox until the item is there (delivery runs in the background); returns its item page's path.</summary>
    private async Task<string> WaitForItemAsync(IPage page, string vorgangsnummer)
    {
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (true)
        {
            var href = await page.EvaluateAsync<string?>(
                "v => { const a = Array.from(document.querySelectorAll('tr[data-item] a')).find(a => a.textContent.trim() === v); return a ? a.getAttribute('href') : null; }",
                vorgangsnummer);
            if (href is not null)
            {
                return href;
            }

            Assert.True(waited.Elapsed < TimeSpan.FromSeconds(60), $"Item {vorgangsnummer} never reached the inbox.");
            await Task.Delay(250);
            await page.GotoAsync($"{host.BaseUrl}/{Tenant}/postkorb/eingang");
        }
    }
}
