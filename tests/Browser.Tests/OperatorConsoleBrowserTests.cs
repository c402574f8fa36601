using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace EfaGateway.Browser.Tests;

/// <summary>The operator console (<c>/betrieb</c>) in a real browser: axe finds nothing on its sign-in form and page.</summary>
public sealed class OperatorConsoleBrowserTests(BrowserHost host)
{
    [Fact]
    public async Task The_operator_sign_in_and_stuck_page_have_no_axe_violations_of_wcag_2_1_a_and_aa()
    {
        var context = await host.Browser.NewContextAsync(new BrowserNewContextOptions { JavaScriptEnabled = true, Locale = "de-DE" });
        var page = await context.NewPageAsync();
        var violations = new List<string>();
        async Task CheckAsync(string name)
        {
            var result = await page.RunAxe(new AxeRunOptions
            {
                RunOnly = new RunOnlyOptions { Type = "tag", Values = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] },
            });
            violations.AddRange(result.Violations.Select(v => $"{name}: {v.Id} ({string.Join(", ", v.Nodes.Select(n => n.Target.ToString()))})"));
        }

        await page.GotoAsync($"{host.BaseUrl}/betrieb");
        Assert.EndsWith("/betrieb/anmelden", page.Url, StringComparison.Ordinal);
        await CheckAsync("sign-in");
        await page.FillAsync("#f-Key", "falsch");
        await page.ClickAsync("main button.kern-btn--primary");
        await page.WaitForSelectorAsync("#f-Key-error");
        await CheckAsync("sign-in with an error");
        await page.FillAsync("#f-Key", host.OperatorKey);
        await page.ClickAsync("main button.kern-btn--primary");
        await page.WaitForSelectorAsync("#pruefungen");
        await CheckAsync("checks and stuck deliveries");
        await page.GotoAsync($"{host.BaseUrl}/betrieb?lang=en");
        await page.WaitForSelectorAsync("#pruefungen");
        await CheckAsync("in English");
        await page.ClickAsync("main button.kern-btn--secondary");
        await page.WaitForSelectorAsync("#f-Key");
        await context.CloseAsync();

        Assert.Empty(violations);
    }
}
