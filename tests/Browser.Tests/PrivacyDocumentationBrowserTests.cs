using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using EfaGateway.Core.Processes;
using EfaGateway.Host.Privacy;
using EfaGateway.TestSupport;
using Microsoft.Playwright;

namespace EfaGateway.Browser.Tests;

/// <summary>The data-protection documentation as the municipality opens it: a local HTML file, checked by axe (WCAG 2.1 A/AA).</summary>
public sealed class PrivacyDocumentationBrowserTests(BrowserHost host)
{
    [Theory]
    [InlineData("hundesteuer-anmeldung")]
    [InlineData("bauantrag-vereinfacht")]
    public async Task The_privacy_documentation_has_no_axe_violations_of_wcag_2_1_a_and_aa(string processId)
    {
        var json = await File.ReadAllTextAsync(Path.Combine(Fixtures.Repository, "samples", "processes", processId + ".json"), TestContext.Current.CancellationToken);
        var tenantProcess = new TenantProcess
        {
            TenantId = "schoenwetter-am-berg",
            TenantName = "Schönwetter am Berg",
            Process = ProcessDefinitionJson.Parse(json),
            Routes = [new RouteDefinition { TransportId = "postkorb", MapperIds = ["pdf", "canonical-xml"], FallbackTransportId = null }],
        };
        var html = PrivacyHtmlWriter.Write(PrivacyDocumentBuilder.Build(tenantProcess, new ResolvedPrivacy(), new DateOnly(2026, 11, 26)));
        // axe runs as script in the page; the document itself has none, as the structural tests in Host.Tests check.
        var context = await host.Browser.NewContextAsync(new BrowserNewContextOptions { JavaScriptEnabled = true, Locale = "de-DE" });
        var page = await context.NewPageAsync();

        await page.SetContentAsync(html);
        var result = await page.RunAxe(new AxeRunOptions
        {
            RunOnly = new RunOnlyOptions { Type = "tag", Values = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] },
        });

        Assert.Empty(result.Violations.Select(v => $"{v.Id} ({string.Join(", ", v.Nodes.Select(n => n.Target.ToString()))})"));
        Assert.NotEmpty(result.Passes);
        Assert.Equal("Datenschutzdokumentation: " + tenantProcess.Process.Title.De, await page.InnerTextAsync("h1"));
        await context.CloseAsync();
    }
}
