using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using EfaGateway.Host.Tests.Support;

namespace EfaGateway.Host.Tests.Admin;

/// <summary>The operator's API: tenants with profile and logo, process definitions, offering a process, routes, deliveries.</summary>
public sealed class AdminApiTests : IDisposable
{
    private readonly GatewayFactory factory = new(new Dictionary<string, string?> { ["Gateway:PublicBaseUrl"] = "https://antrag.example.de" });

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public void Dispose() => factory.Dispose();

    [Fact]
    public async Task An_operator_creates_a_tenant_with_its_profile_offers_a_process_and_gets_the_entry_link()
    {
        using var client = factory.CreateOperatorClient();

        using var created = await client.PostAsJsonAsync("/api/v1/admin/tenants", Musterstadt(), Ct);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal("/api/v1/admin/tenants/musterstadt", created.Headers.Location?.ToString());
        using var enabled = await client.PutAsJsonAsync("/api/v1/admin/tenants/musterstadt/processes/hundesteuer-anmeldung",
            new { postkorbRetentionDays = 60 }, Ct);
        Assert.Equal(HttpStatusCode.OK, enabled.StatusCode);

        var shown = await client.GetFromJsonAsync<JsonObject>("/api/v1/admin/tenants/musterstadt", Ct);
        Assert.Equal("09162000", shown!["tenant"]!["ags"]!.GetValue<string>());
        Assert.Equal("buergerbuero@musterstadt.example", shown["tenant"]!["contactEmail"]!.GetValue<string>());
        var process = Assert.Single(shown["processes"]!.AsArray())!;
        Assert.Equal("hundesteuer-anmeldung", process["process"]!.GetValue<string>());
        Assert.Equal(60, process["postkorbRetentionDays"]!.GetValue<int>());
        Assert.Equal("postkorb", process["routes"]![0]!["transport"]!.GetValue<string>());
        Assert.Equal("https://antrag.example.de/musterstadt/hundesteuer-anmeldung", process["entryLink"]!.GetValue<string>());
        using var form = factory.CreateClient();
        Assert.Equal(HttpStatusCode.OK, (await form.GetAsync("/musterstadt/hundesteuer-anmeldung", Ct)).StatusCode);
        var tenants = await client.GetFromJsonAsync<JsonArray>("/api/v1/admin/tenants", Ct);
        Assert.Contains(tenants!, t => t!["id"]!.GetValue<string>() == "musterstadt");
    }

    [Fact]
    public async Task Bad_tenant_input_is_refused_field_by_field_and_nothing_is_created()
    {
        using var client = factory.CreateOperatorClient();
        var bad = Musterstadt();
        bad["id"] = "Muster Stadt";
        bad["ags"] = "0916200";
        bad["ars"] = "091620000001";
        bad["contactEmail"] = "kein-mail";
        bad["mailSenderName"] = "Rathaus";
        bad.Remove("mailSenderAddress");

        using var response = await client.PostAsJsonAsync("/api/v1/admin/tenants", bad, Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = (await response.Content.ReadFromJsonAsync<JsonObject>(Ct))!;
        var errors = problem["errors"]!.AsObject();
        Assert.Equal(["ags", "contactEmail", "id", "mailSenderName"], errors.Select(e => e.Key).Order(StringComparer.Ordinal));
        Assert.Contains("8 Ziffern", errors["ags"]![0]!.GetValue<string>(), StringComparison.Ordinal);
        var tenants = await client.GetFromJsonAsync<JsonArray>("/api/v1/admin/tenants", Ct);
        Assert.Single(tenants!);
    }

    [Fact]
    public async Task An_ARS_of_another_municipality_than_the_AGS_is_refused()
    {
        using var client = factory.CreateOperatorClient();
        var mismatch = Musterstadt();
        mismatch["ars"] = "091620000999";

        using var response = await client.PostAsJsonAsync("/api/v1/admin/tenants", mismatch, Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("09162999", await response.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_second_tenant_with_the_same_id_is_a_conflict_and_an_update_cannot_change_the_id()
    {
        using var client = factory.CreateOperatorClient();
        (await client.PostAsJsonAsync("/api/v1/admin/tenants", Musterstadt(), Ct)).EnsureSuccessStatusCode();

        using var again = await client.PostAsJsonAsync("/api/v1/admin/tenants", Musterstadt(), Ct);
        var renamed = Musterstadt();
        renamed["name"] = "Stadt Musterstadt";
        using var updated = await client.PutAsJsonAsync("/api/v1/admin/tenants/musterstadt", renamed, Ct);
        renamed["id"] = "andere-stadt";
        using var moved = await client.PutAsJsonAsync("/api/v1/admin/tenants/musterstadt", renamed, Ct);
        using var missing = await client.PutAsJsonAsync("/api/v1/admin/tenants/gibt-es-nicht", Musterstadt(), Ct);

        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Equal(HttpStatusCode.OK, updated.StatusCode);
        Assert.Equal("Stadt Musterstadt", (await updated.Content.ReadFromJsonAsync<JsonObject>(Ct))!["name"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.BadRequest, moved.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, missing.StatusCode); // the body names another id than the path
    }

    [Fact]
    public async Task A_PNG_logo_is_kept_and_an_SVG_or_oversized_logo_is_refused()
    {
        using var client = factory.CreateOperatorClient();
        byte[] png = [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0];

        using var stored = await client.PutAsync($"/api/v1/admin/tenants/{DemoApplication.Tenant}/logo", new ByteArrayContent(png), Ct);
        using var svg = await client.PutAsync($"/api/v1/admin/tenants/{DemoApplication.Tenant}/logo",
            new StringContent("<svg xmlns=\"http://www.w3.org/2000/svg\"><script>alert(1)</script></svg>", Encoding.UTF8, "image/svg+xml"), Ct);
        using var huge = await client.PutAsync($"/api/v1/admin/tenants/{DemoApplication.Tenant}/logo",
            new ByteArrayContent([.. png, .. new byte[300 * 1024]]), Ct);

        Assert.Equal(HttpStatusCode.OK, stored.StatusCode);
        Assert.True((await stored.Content.ReadFromJsonAsync<JsonObject>(Ct))!["hasLogo"]!.GetValue<bool>());
        Assert.Equal(HttpStatusCode.BadRequest, svg.StatusCode);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, huge.StatusCode);
    }

    [Fact]
    public async Task A_process_definition_is_stored_once_per_version_and_a_broken_one_is_refused()
    {
        using var client = factory.CreateOperatorClient();
        var definition = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(RepositoryRoot.Path, "samples", "processes", "hundesteuer-anmeldung.json"), Ct))!;
        definition["version"] = "1.1.0";

        using var added = await client.PostAsync("/api/v1/admin/processes", Json(definition), Ct);
        using var twice = await client.PostAsync("/api/v1/admin/processes", Json(definition), Ct);
        using var broken = await client.PostAsync("/api/v1/admin/processes", new StringContent("{\"id\": \"x\"}", Encoding.UTF8, "application/json"), Ct);
        using var notJson = await client.PostAsync("/api/v1/admin/processes", new StringContent("id: x", Encoding.UTF8, "text/yaml"), Ct);
        using var enabled = await client.PutAsJsonAsync($"/api/v1/admin/tenants/{DemoApplication.Tenant}/processes/hundesteuer-anmeldung", new { }, Ct);
        using var unknown = await client.PutAsJsonAsync($"/api/v1/admin/tenants/{DemoApplication.Tenant}/processes/gibt-es-nicht", new { }, Ct);
        using var tooLong = await client.PutAsJsonAsync($"/api/v1/admin/tenants/{DemoApplication.Tenant}/processes/hundesteuer-anmeldung",
            new { postkorbRetentionDays = 91 }, Ct);

        Assert.Equal(HttpStatusCode.Created, added.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, twice.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, broken.StatusCode);
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, notJson.StatusCode);
        var process = (await enabled.Content.ReadFromJsonAsync<JsonObject>(Ct))!["processes"]!.AsArray()
            .Single(p => p!["process"]!.GetValue<string>() == "hundesteuer-anmeldung")!;
        Assert.Equal("1.1.0", process["version"]!.GetValue<string>()); // the newest stored version
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, tooLong.StatusCode);
        var versions = await client.GetFromJsonAsync<JsonArray>("/api/v1/admin/processes", Ct);
        Assert.Contains(versions!, v => v!["processId"]!.GetValue<string>() == "hundesteuer-anmeldung" && v["version"]!.GetValue<string>() == "1.1.0");
    }

    [Fact]
    public async Task A_FIM_schema_uploaded_to_the_admin_API_becomes_a_process_of_the_tenant_and_a_broken_one_changes_nothing()
    {
        using var client = factory.CreateOperatorClient();
        var xdf = await File.ReadAllBytesAsync(Path.Combine(EfaGateway.TestSupport.Fixtures.FimSamples, "xdf3", "S00000000371_1.0.0_xdf3.xml"), Ct);
        var path = $"/api/v1/admin/tenants/{DemoApplication.Tenant}/processes/import-xdf?processId=kindertagespflege&missingCodeListsAsText=true";

        using var imported = await client.PostAsync(path, new ByteArrayContent(xdf), Ct);
        using var broken = await client.PostAsync(path, new StringContent("<xdf:kaputt", Encoding.UTF8, "application/xml"), Ct);
        using var noTenant = await client.PostAsync("/api/v1/admin/tenants/gibt-es-nicht/processes/import-xdf", new ByteArrayContent(xdf), Ct);

        Assert.True(imported.StatusCode == HttpStatusCode.OK, await imported.Content.ReadAsStringAsync(Ct));
        var result = (await imported.Content.ReadFromJsonAsync<JsonObject>(Ct))!;
        Assert.Equal("kindertagespflege", result["process"]!.GetValue<string>());
        Assert.False(string.IsNullOrWhiteSpace(result["report"]!.GetValue<string>()));
        Assert.Equal(HttpStatusCode.BadRequest, broken.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, noTenant.StatusCode);
        var shown = await client.GetFromJsonAsync<JsonObject>($"/api/v1/admin/tenants/{DemoApplication.Tenant}", Ct);
        Assert.Equal(3, shown!["processes"]!.AsArray().Count);
        using var form = factory.CreateClient();
        Assert.Equal(HttpStatusCode.OK, (await form.GetAsync($"/{DemoApplication.Tenant}/kindertagespflege", Ct)).StatusCode);
    }

    [Theory]
    [InlineData("<?xml version=\"1.0\"?><!DOCTYPE x [<!ENTITY a \"aaaaaaaaaa\"><!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;\"><!ENTITY c \"&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;\">]><x>&c;</x>")]
    [InlineData("<?xml version=\"1.0\"?><!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]><x>&e;</x>")]
    [InlineData("\u00ff\u00fe<xdf:stammdatenschema")]
    public async Task A_hostile_or_broken_XDF_upload_is_refused_and_stores_nothing(string xdf)
    {
        using var client = factory.CreateOperatorClient();
        var before = await client.GetStringAsync("/api/v1/admin/processes", Ct);

        using var response = await client.PostAsync($"/api/v1/admin/tenants/{DemoApplication.Tenant}/processes/import-xdf",
            new StringContent(xdf, Encoding.UTF8, "application/xml"), Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.DoesNotContain("root:", await response.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        Assert.Equal(before, await client.GetStringAsync("/api/v1/admin/processes", Ct));
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/live", Ct)).StatusCode);
    }

    [Fact]
    public async Task Routes_are_shown_and_set_through_the_admin_API_and_a_bad_route_changes_nothing()
    {
        using var client = factory.CreateOperatorClient();
        var path = $"/api/v1/admin/tenants/{DemoApplication.Tenant}/processes/{DemoApplication.Process}/routes";

        using var bad = await client.PutAsync(path, new StringContent("{\"routes\":[{\"transport\":\"brieftaube\",\"mappers\":[\"pdf\"]}]}", Encoding.UTF8, "application/json"), Ct);
        var shown = await client.GetStringAsync(path, Ct);
        using var good = await client.PutAsync(path, new StringContent("{\"routes\":[{\"transport\":\"postkorb\",\"mappers\":[\"pdf\"]}]}", Encoding.UTF8, "application/json"), Ct);
        using var none = await client.GetAsync($"/api/v1/admin/tenants/{DemoApplication.Tenant}/processes/gibt-es-nicht/routes", Ct);

        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("brieftaube", await bad.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        Assert.Contains("canonical-xml", shown, StringComparison.Ordinal); // unchanged from the sample
        Assert.Equal(HttpStatusCode.OK, good.StatusCode);
        Assert.DoesNotContain("canonical-xml", await client.GetStringAsync(path, Ct), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, none.StatusCode);
    }

    [Fact]
    public async Task Deliveries_are_listed_by_state_and_an_unknown_state_or_tenant_is_refused()
    {
        using var client = factory.CreateOperatorClient();
        using var citizen = factory.CreateClient();
        await DemoApplication.SubmitAsync(citizen);

        var pending = await client.GetFromJsonAsync<JsonArray>($"/api/v1/admin/tenants/{DemoApplication.Tenant}/deliveries?state=pending", Ct);
        var confirmed = await client.GetFromJsonAsync<JsonArray>($"/api/v1/admin/tenants/{DemoApplication.Tenant}/deliveries?state=Confirmed", Ct);
        using var badState = await client.GetAsync($"/api/v1/admin/tenants/{DemoApplication.Tenant}/deliveries?state=verloren", Ct);
        using var noTenant = await client.GetAsync("/api/v1/admin/tenants/gibt-es-nicht/deliveries", Ct);

        Assert.Single(pending!);
        Assert.Empty(confirmed!);
        Assert.Equal(HttpStatusCode.BadRequest, badState.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, noTenant.StatusCode);
    }

    [Fact]
    public async Task The_delivery_list_comes_a_page_at_a_time_with_a_link_to_the_next_page()
    {
        using var client = factory.CreateOperatorClient();
        using var citizen = factory.CreateClient();
        for (var i = 0; i < 3; i++)
        {
            await DemoApplication.SubmitAsync(citizen);
        }

        var list = $"/api/v1/admin/tenants/{DemoApplication.Tenant}/deliveries";
        using var first = await client.GetAsync($"{list}?state=Pending&limit=2", Ct);
        var next = Assert.Single(first.Headers.GetValues("Link"));
        Assert.Matches($"^<{list}\\?state=Pending&after=[0-9a-f-]{{36}}&limit=2>; rel=\"next\"$", next);
        using var second = await client.GetAsync(next[1..next.IndexOf('>', StringComparison.Ordinal)], Ct);
        var future = await client.GetFromJsonAsync<JsonArray>($"{list}?since={Uri.EscapeDataString(factory.Time.GetUtcNow().AddMinutes(1).ToString("O"))}", Ct);
        var past = await client.GetFromJsonAsync<JsonArray>($"{list}?since=2026-01-01T00:00:00Z", Ct);

        var ids = (await first.Content.ReadFromJsonAsync<JsonArray>(Ct))!.Concat((await second.Content.ReadFromJsonAsync<JsonArray>(Ct))!)
            .Select(d => d!["id"]!.GetValue<Guid>()).ToList();
        Assert.Equal(3, ids.Distinct().Count());
        Assert.False(second.Headers.Contains("Link")); // a page that is not full is the last
        Assert.Empty(future!);
        Assert.Equal(3, past!.Count);
    }

    [Theory]
    [InlineData("limit=0", "limit")]
    [InlineData("limit=1001", "limit")]
    [InlineData("limit=zehn", "limit")]
    [InlineData("limit=-1", "limit")]
    [InlineData("since=2026-11-27", "since")]
    [InlineData("since=2026-11-27T10:00:00", "since")]
    [InlineData("since=gestern", "since")]
    [InlineData("after=42", "after")]
    [InlineData("state=3", "Zustand")]
    [InlineData("state=Pending,Confirmed", "Zustand")]
    public async Task A_delivery_list_query_with_a_bad_parameter_is_refused_naming_it(string query, string named)
    {
        using var client = factory.CreateOperatorClient();

        using var response = await client.GetAsync($"/api/v1/admin/tenants/{DemoApplication.Tenant}/deliveries?{query}", Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonObject>(Ct);
        Assert.Contains(named, problem!["detail"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("GET", "/api/v1/admin/tenants")]
    [InlineData("POST", "/api/v1/admin/tenants")]
    [InlineData("GET", "/api/v1/admin/tenants/schoenwetter-am-berg/export")]
    [InlineData("DELETE", "/api/v1/admin/tenants/schoenwetter-am-berg?confirm=schoenwetter-am-berg")]
    public async Task Without_an_operator_key_the_admin_API_answers_401(string method, string path)
    {
        using var client = factory.CreateClient();
        using var request = new HttpRequestMessage(new HttpMethod(method), path) { Content = Json(Musterstadt()) };
        client.DefaultRequestHeaders.Add("X-Api-Key", "wrong-key-0123456789abcdefghijklmnopqrstuv");

        using var response = await client.SendAsync(request, Ct);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        using var operatorClient = factory.CreateOperatorClient();
        Assert.Single((await operatorClient.GetFromJsonAsync<JsonArray>("/api/v1/admin/tenants", Ct))!);
    }

    private static JsonObject Musterstadt() => new()
    {
        ["id"] = "musterstadt",
        ["name"] = "Musterstadt",
        ["ags"] = "09162000",
        ["ars"] = "091620000000",
        ["contactName"] = "Bürgerbüro",
        ["contactEmail"] = "buergerbuero@musterstadt.example",
        ["contactPhone"] = "+49 89 1234-0",
        ["mailSenderAddress"] = "antrag@musterstadt.example",
        ["mailSenderName"] = "Musterstadt Online-Anträge",
    };

    private static StringContent Json(JsonNode node) => new(node.ToJsonString(), Encoding.UTF8, "application/json");
}
