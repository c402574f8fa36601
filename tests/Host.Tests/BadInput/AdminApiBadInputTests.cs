using System.Net;
using System.Net.Http.Headers;
using System.Text;
using EfaGateway.Host.Tests.Support;
using static EfaGateway.Host.Tests.BadInput.BadInputKit;

namespace EfaGateway.Host.Tests.BadInput;

/// <summary>One in-memory host for the administration API sweep.</summary>
public sealed class AdminApiHost : IAsyncLifetime
{
    public GatewayFactory Factory { get; } = new();

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public async ValueTask DisposeAsync() => await Factory.DisposeAsync();
}

/// <summary>
/// Representative bodies the operator APIs read (tenant, process definition, staff invitation, logo), fed with broken
/// JSON, wrong types, invalid UTF-8 and the wrong content type: a ProblemDetails that says so, and nothing changed.
/// </summary>
public sealed class AdminApiBadInputTests(AdminApiHost host) : IClassFixture<AdminApiHost>
{
    private const string Tenants = "/api/v1/admin/tenants";
    private const string Processes = "/api/v1/admin/processes";
    private const string Staff = $"/api/v1/admin/tenants/{DemoApplication.Tenant}/staff";

    private GatewayFactory Factory => host.Factory;

    public static TheoryData<string, string, string?, string> BadBodies => new()
    {
        { "POST", Tenants, "application/json", "{\"id\": \"neu\", \"name\": " },
        { "POST", Tenants, "application/json", "{\"id\": 5, \"name\": [\"Neustadt\"]}" },
        { "POST", Tenants, "application/json", "{\"id\": \"neu\", \"id\": \"anders\", \"name\": \"Neustadt\"}" },
        { "POST", Tenants, "application/json", "HEX:7B 22 69 64 22 3A 22 6E C3 28 22 7D" },
        { "POST", Tenants, "application/json", "{\"\\ud800\": 1, \"id\": \"neu\", \"name\": \"Neustadt\"}" },
        { "POST", Tenants, "application/json", "{\"id\": \"neu\", \"name\": \"Neu\\ud800stadt\"}" },
        { "POST", Tenants, "text/plain", "{\"id\": \"neu\", \"name\": \"Neustadt\"}" },
        { "POST", Tenants, null, "{\"id\": \"neu\", \"name\": \"Neustadt\"}" },
        { "PUT", $"{Tenants}/{DemoApplication.Tenant}", "application/json", "[]" },
        { "PUT", $"{Tenants}/{DemoApplication.Tenant}/processes/{DemoApplication.Process}", "application/json", "{\"postkorbRetentionDays\": \"neunzig\"}" },
        { "POST", Processes, "application/json", "{\"id\": \"neu\", " },
        { "POST", Processes, "application/json", "HEX:7B 22 69 64 22 3A 22 6E C3 28 22 7D" },
        { "POST", Processes, "application/json", "{\"id\": \"neu\", \"id\": \"anders\"}" },
        { "POST", Processes, "application/xml", "<process/>" },
        { "POST", Staff, "application/json", "{\"login\": \"neu\"" },
        { "POST", Staff, "application/json", "{\"login\": 1, \"firstName\": true}" },
        { "POST", Staff, "application/x-www-form-urlencoded", "login=neu" },
        { "PUT", $"{Tenants}/{DemoApplication.Tenant}/logo", "image/png", "kein Bild" },
    };

    [Theory]
    [MemberData(nameof(BadBodies))]
    public async Task A_bad_body_is_refused_with_a_problem_that_says_so_and_nothing_changes(string method, string path, string? contentType, string body)
    {
        var before = await CatalogAsync();
        using var client = Factory.CreateOperatorClient();
        var bytes = body.StartsWith("HEX:", StringComparison.Ordinal)
            ? Convert.FromHexString(body[4..].Replace(" ", string.Empty, StringComparison.Ordinal))
            : Encoding.UTF8.GetBytes(body);
        using var request = new HttpRequestMessage(new HttpMethod(method), path) { Content = new ByteArrayContent(bytes) };
        if (contentType is not null)
        {
            request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        }

        using var response = await client.SendAsync(request);

        var status = (int)response.StatusCode;
        Assert.True(status is 400 or 415, $"{method} {path}: {status} {await response.Content.ReadAsStringAsync()}");
        var problem = await ProblemAsync(response, response.StatusCode);
        Assert.DoesNotContain("Bad Request", problem.GetProperty("title").GetString(), StringComparison.Ordinal);
        Assert.Equal(before, await CatalogAsync());
    }

    [Fact]
    public async Task A_logo_beyond_its_limit_is_refused_with_413()
    {
        var before = await CatalogAsync();
        using var client = Factory.CreateOperatorClient();
        var logo = new byte[300 * 1024];
        new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A }.CopyTo(logo, 0);
        using var content = new ByteArrayContent(logo);
        content.Headers.ContentType = new MediaTypeHeaderValue("image/png");

        using var response = await client.PutAsync($"{Tenants}/{DemoApplication.Tenant}/logo", content);

        await ProblemAsync(response, HttpStatusCode.RequestEntityTooLarge);
        Assert.Equal(before, await CatalogAsync());
        await AssertHealthyAsync(Factory);
    }

    /// <summary>Tenants, process definitions and the demo tenant's staff and overview as the API shows them.</summary>
    private async Task<string> CatalogAsync()
    {
        using var client = Factory.CreateOperatorClient();
        var parts = new List<string>();
        foreach (var path in new[] { Tenants, Processes, Staff, $"{Tenants}/{DemoApplication.Tenant}" })
        {
            using var response = await client.GetAsync(path);
            parts.Add($"{(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        }

        return string.Join('\n', parts);
    }
}
