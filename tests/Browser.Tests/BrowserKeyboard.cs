using Microsoft.Playwright;

namespace EfaGateway.Browser.Tests;

/// <summary>Keyboard-only navigation and waiting for pages, shared by the citizen and the staff browser tests.</summary>
internal static class BrowserKeyboard
{
    /// <summary>
    /// Waits until the address matches ("**/schritt/*" style: * one path segment) and the document is parsed. Polls
    /// the address instead of waiting for a navigation event, which may already have passed.
    /// </summary>
    public static async Task WaitForPathAsync(IPage page, string pattern)
    {
        var regex = new System.Text.RegularExpressions.Regex(
            "^" + System.Text.RegularExpressions.Regex.Escape(pattern).Replace(@"\*\*", ".*", StringComparison.Ordinal).Replace(@"\*", "[^/]*", StringComparison.Ordinal) + "$");
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (!regex.IsMatch(page.Url) || !await IsParsedAsync(page))
        {
            if (waited.Elapsed > TimeSpan.FromSeconds(60))
            {
                throw new TimeoutException($"The page stayed at {page.Url}, expected {pattern}.");
            }

            await Task.Delay(50);
        }
    }

    /// <summary>Whether the current document is parsed; asked directly, as load-state events may already have passed.</summary>
    private static async Task<bool> IsParsedAsync(IPage page)
    {
        try
        {
            return await page.EvaluateAsync<string>("() => document.readyState") != "loading";
        }
        catch (PlaywrightException)
        {
            return false; // the document changed while asking
        }
    }

    /// <summary>Moves the focus with Tab (never the mouse) until the element matches, then presses the keys.</summary>
    public static async Task PressOnAsync(IPage page, string selector, params string[] keys)
    {
        for (var i = 0; i < 400; i++)
        {
            if (await page.EvaluateAsync<bool>("s => !!document.activeElement && document.activeElement.matches(s)", selector))
            {
                foreach (var key in keys)
                {
                    await page.Keyboard.PressAsync(key);
                }

                return;
            }

            await page.Keyboard.PressAsync("Tab");
        }

        throw new InvalidOperationException($"Tab never reached {selector} on {page.Url}.");
    }
}
