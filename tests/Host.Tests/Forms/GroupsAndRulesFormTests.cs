using EfaGateway.Core.Ports;
using EfaGateway.Core.Processes;
using EfaGateway.Host.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace EfaGateway.Host.Tests.Forms;

/// <summary>Repeating groups and conditional questions on the citizen pages, without JavaScript.</summary>
public sealed class GroupsAndRulesFormTests : IDisposable
{
    private const string Start = $"/{DemoApplication.Tenant}/verein";

    private const string Definition = """
        { "id": "verein", "version": "1.0.0", "title": { "de": "Verein anmelden", "en": "Register a club" }, "sections": [
          { "id": "s1", "title": { "de": "Vorstand", "en": "Board" }, "fields": [
            { "id": "vorstand", "label": { "de": "Vorstandsmitglied", "en": "Board member" }, "type": "group", "minOccurs": 1, "maxOccurs": 3, "fields": [
              { "id": "name", "label": { "de": "Name", "en": "Name" }, "type": "text", "required": true, "maxLength": 100 } ] },
            { "id": "gemeinnuetzig", "label": { "de": "Ist der Verein gemeinnützig?", "en": "Is the club non-profit?" }, "type": "bool", "boolInput": "yes_no", "required": true },
            { "id": "bescheid", "label": { "de": "Freistellungsbescheid", "en": "Exemption notice" }, "type": "group", "minOccurs": 0,
              "visibleIf": { "field": "gemeinnuetzig", "equals": "true" }, "requiredIf": { "field": "gemeinnuetzig", "equals": "true" }, "fields": [
              { "id": "datum", "label": { "de": "Datum des Bescheids", "en": "Date of the notice" }, "type": "date", "required": true } ] } ] } ] }
        """;

    private readonly GatewayFactory factory = new();

    [Fact]
    public async Task Instances_of_a_repeating_group_are_added_and_removed_with_buttons()
    {
        var page = await BeginAsync();
        Assert.Single(page.Document.QuerySelectorAll("fieldset.instance"));

        page = await page.SubmitAsync(new Dictionary<string, string> { ["vorstand[0]/name"] = "Anna" }, action: "hinzufuegen:vorstand");
        page = await page.SubmitAsync(new Dictionary<string, string> { ["vorstand[1]/name"] = "Bert" }, action: "hinzufuegen:vorstand");

        Assert.Equal(3, page.Document.QuerySelectorAll("fieldset.instance").Length);
        Assert.Null(page.Document.QuerySelector("button[value='hinzufuegen:vorstand']"));
        Assert.Equal("Bert", page.Document.QuerySelector("#f-vorstand-1-name")!.GetAttribute("value"));

        page = await page.SubmitAsync(action: "entfernen:vorstand[0]");

        Assert.Equal(2, page.Document.QuerySelectorAll("fieldset.instance").Length);
        Assert.Equal("Bert", page.Document.QuerySelector("#f-vorstand-0-name")!.GetAttribute("value"));
    }

    [Fact]
    public async Task An_answer_that_reveals_questions_shows_them_first_without_errors()
    {
        var page = await BeginAsync();

        var revealed = await page.SubmitAsync(new Dictionary<string, string> { ["vorstand[0]/name"] = "Anna", ["gemeinnuetzig"] = "true" });

        Assert.EndsWith("/schritt/1", revealed.Path, StringComparison.Ordinal);
        Assert.Contains("Aufgrund Ihrer Angaben sind weitere Fragen hinzugekommen.", revealed.Text, StringComparison.Ordinal);
        Assert.Empty(revealed.ErrorSummary);
        Assert.NotNull(revealed.Document.QuerySelector("#f-bescheid-datum"));

        var errors = await revealed.SubmitAsync();
        Assert.Contains("Bitte füllen Sie „Datum des Bescheids“ aus.", errors.ErrorSummary);

        var check = await errors.SubmitAsync(new Dictionary<string, string> { ["bescheid/datum"] = "02.01.2026" });
        Assert.EndsWith("/pruefen", check.Path, StringComparison.Ordinal);
        Assert.Contains("02.01.2026", check.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_hidden_answer_is_dropped_when_the_question_disappears()
    {
        var page = await BeginAsync();
        page = await page.SubmitAsync(new Dictionary<string, string> { ["vorstand[0]/name"] = "Anna", ["gemeinnuetzig"] = "true" });
        page = await page.SubmitAsync(new Dictionary<string, string> { ["bescheid/datum"] = "02.01.2026" });

        page = await HtmlPage.OpenAsync(page.Client, $"{Start}/schritt/1");
        var check = await page.SubmitAsync(new Dictionary<string, string> { ["gemeinnuetzig"] = "false" });

        Assert.EndsWith("/pruefen", check.Path, StringComparison.Ordinal);
        Assert.DoesNotContain("02.01.2026", check.Text, StringComparison.Ordinal);
        var done = await check.SubmitAsync();
        Assert.EndsWith("/bestaetigung", done.Path, StringComparison.Ordinal);
    }

    public void Dispose() => factory.Dispose();

    private async Task<HtmlPage> BeginAsync()
    {
        var client = factory.CreateClient();
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            var catalog = scope.ServiceProvider.GetRequiredService<ICatalogStore>();
            if (await catalog.FindProcessDefinitionAsync("verein", "1.0.0", CancellationToken.None) is null)
            {
                await catalog.AddProcessDefinitionAsync(ProcessDefinitionJson.Parse(Definition), Definition, CancellationToken.None);
                await catalog.EnableProcessAsync(DemoApplication.Tenant, "verein", "1.0.0",
                    [new RouteDefinition { TransportId = "postkorb", MapperIds = ["canonical-xml", "pdf"] }], 90, CancellationToken.None);
            }
        }

        return await (await HtmlPage.OpenAsync(client, Start)).SubmitAsync();
    }
}
