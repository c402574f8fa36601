using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using EfaGateway.Core.Ports;
using EfaGateway.Host.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace EfaGateway.Host.Tests.Api;

/// <summary>Every bad input gets a clear ProblemDetails answer, and nothing is stored.</summary>
public sealed class SubmissionBadInputTests : IDisposable
{
    private readonly GatewayFactory factory = new(new Dictionary<string, string?> { ["Gateway:Api:MaxSubmissionBytes"] = "200000" });

    [Fact]
    public async Task Invalid_field_values_are_listed_per_field_in_german()
    {
        var data = DemoApplication.Data();
        data["postleitzahl"] = "1234";
        data["rasse"] = "wolf";
        data.Remove("familienname");
        data["unbekannt"] = "x";

        var problem = await PostExpectingAsync(DemoApplication.Request(data), HttpStatusCode.BadRequest);

        var errors = problem.GetProperty("errors");
        Assert.Equal("Bitte prüfen Sie die Schreibweise von „Postleitzahl“.", errors.GetProperty("postleitzahl")[0].GetString());
        Assert.Equal("Bitte wählen Sie für „Rasse“ einen der angebotenen Einträge.", errors.GetProperty("rasse")[0].GetString());
        Assert.Equal("Bitte füllen Sie „Familienname“ aus.", errors.GetProperty("familienname")[0].GetString());
        Assert.Equal("„unbekannt“ gehört nicht zu diesem Antrag.", errors.GetProperty("unbekannt")[0].GetString());
        await AssertNothingStoredAsync();
    }

    [Fact]
    public async Task Field_errors_come_in_english_when_the_client_prefers_it()
    {
        var data = DemoApplication.Data();
        data.Remove("familienname");
        using var client = factory.CreateClient();
        client.DefaultRequestHeaders.AcceptLanguage.ParseAdd("en-GB,en;q=0.9,de;q=0.5");

        using var response = await client.PostAsJsonAsync(DemoApplication.SubmitPath, DemoApplication.Request(data));

        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("Please fill in “Family name”.", problem.GetProperty("errors").GetProperty("familienname")[0].GetString());
    }

    [Theory]
    [InlineData("{\"data\": {", "kein gültiges JSON")]
    [InlineData("[1,2,3]", "\\\"data\\\"")]
    [InlineData("{\"attachments\": []}", "\\\"data\\\"")]
    [InlineData("{\"data\": {}, \"attachments\": {}}", "muss eine Liste sein")]
    public async Task Malformed_bodies_are_refused_with_a_reason(string body, string expectedDetail)
    {
        var problem = await PostRawExpectingAsync(new StringContent(body, Encoding.UTF8, "application/json"), HttpStatusCode.BadRequest);

        Assert.Contains(expectedDetail.Replace("\\\"", "\"", StringComparison.Ordinal), problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        await AssertNothingStoredAsync();
    }

    [Fact]
    public async Task Invalid_utf8_is_refused()
    {
        var bytes = Encoding.UTF8.GetBytes("{\"data\": {\"vorname\": \"X\"}}");
        bytes[22] = 0xC3;
        bytes[23] = 0x28;
        var content = new ByteArrayContent(bytes);
        content.Headers.ContentType = new("application/json");

        await PostRawExpectingAsync(content, HttpStatusCode.BadRequest);
        await AssertNothingStoredAsync();
    }

    [Theory]
    [InlineData("{\"data\": {\"familienname\": \"M\\ud800ller\"}}", "familienname")]
    [InlineData("{\"data\": {\"familienname\": \"M\\uffffller\"}}", "familienname")]
    [InlineData("{\"data\": {}, \"attachments\": [{\"field\": \"x\", \"fileName\": \"\\ud800.pdf\", \"mediaType\": \"application/pdf\", \"content\": \"JVBERi0=\"}]}", "attachments[0]")]
    public async Task Text_that_no_document_could_carry_is_a_field_error_not_a_server_error(string body, string field)
    {
        var problem = await PostRawExpectingAsync(new StringContent(body, Encoding.UTF8, "application/json"), HttpStatusCode.BadRequest);

        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), problem.ToString());
        await AssertNothingStoredAsync();
    }

    [Theory]
    [InlineData("{\"data\": {\"\\udc00\": \"x\"}}")]
    [InlineData("{\"\\ud800\": 1, \"data\": {}}")]
    [InlineData("{\"data\": {}, \"attachments\": [{\"\\ud800\": 1}]}")]
    public async Task A_member_name_that_is_not_valid_text_is_refused_as_malformed(string body)
    {
        var problem = await PostRawExpectingAsync(new StringContent(body, Encoding.UTF8, "application/json"), HttpStatusCode.BadRequest);

        Assert.Contains("kein gültiger Text", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        await AssertNothingStoredAsync();
    }

    [Fact]
    public async Task A_body_that_is_not_json_is_refused_as_unsupported_media_type()
    {
        var problem = await PostRawExpectingAsync(new StringContent("<antrag/>", Encoding.UTF8, "application/xml"), HttpStatusCode.UnsupportedMediaType);

        Assert.Contains("application/json", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_oversized_body_is_refused_with_413()
    {
        var request = DemoApplication.Request();
        request["attachments"]![0]!["content"] = Convert.ToBase64String(new byte[300_000]);

        await PostExpectingAsync(request, HttpStatusCode.RequestEntityTooLarge);
        await AssertNothingStoredAsync();
    }

    [Fact]
    public async Task An_attachment_with_broken_base64_or_a_traversal_name_is_refused()
    {
        var broken = DemoApplication.Request();
        broken["attachments"]![0]!["content"] = "not base64!";
        var traversal = DemoApplication.Request();
        traversal["attachments"]![0]!["fileName"] = "../../etc/passwd";

        var brokenProblem = await PostExpectingAsync(broken, HttpStatusCode.BadRequest);
        var traversalProblem = await PostExpectingAsync(traversal, HttpStatusCode.BadRequest);

        Assert.True(brokenProblem.GetProperty("errors").TryGetProperty("attachments[0]", out _));
        Assert.Equal("Der Dateiname für „Nachweis (z. B. Heimtierausweis)“ ist ungültig.",
            traversalProblem.GetProperty("errors").GetProperty("nachweis")[0].GetString());
        await AssertNothingStoredAsync();
    }

    [Theory]
    [InlineData("unknown-town", DemoApplication.Process)]
    [InlineData(DemoApplication.Tenant, "unknown-process")]
    public async Task An_unknown_tenant_or_process_is_a_404_problem(string tenant, string process)
    {
        using var client = factory.CreateClient();

        using var response = await client.PostAsJsonAsync($"/api/v1/tenants/{tenant}/processes/{process}/submissions", DemoApplication.Request());

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        await AssertNothingStoredAsync();
    }

    private async Task<JsonElement> PostExpectingAsync(JsonObject request, HttpStatusCode expected) =>
        await PostRawExpectingAsync(JsonContent.Create(request), expected);

    private async Task<JsonElement> PostRawExpectingAsync(HttpContent content, HttpStatusCode expected)
    {
        using var client = factory.CreateClient();
        using var response = await client.PostAsync(DemoApplication.SubmitPath, content);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"{response.StatusCode}: {body}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    private async Task AssertNothingStoredAsync()
    {
        await using var scope = factory.Services.CreateAsyncScope();
        Assert.Empty(await scope.ServiceProvider.GetRequiredService<ISubmissionStore>().ListUnpurgedAsync(100, CancellationToken.None));
        var keys = new List<string>();
        await foreach (var key in scope.ServiceProvider.GetRequiredService<IBlobStore>().ListKeysAsync("submissions/", CancellationToken.None))
        {
            keys.Add(key);
        }

        Assert.Empty(keys);
    }

    public void Dispose() => factory.Dispose();
}
