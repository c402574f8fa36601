using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json.Nodes;
using EfaGateway.Host.Tests.Support;
using Microsoft.Data.Sqlite;

namespace EfaGateway.Host.Tests.Cli;

/// <summary><c>route set</c> and <c>route show</c> through the real binary: checked, secrets encrypted at rest and masked.</summary>
public sealed class RouteVerbTests : IAsyncLifetime
{
    private const string ClientSecret = "sehr-geheimes-client-secret-4711";
    private const string CallbackSecret = "callback-geheimnis-0123456789-abcdefghijkl";
    private readonly string dataDirectory = Directory.CreateTempSubdirectory("efagw-route-").FullName;

    public async ValueTask InitializeAsync()
    {
        Assert.Equal(0, (await RunAsync("migrate")).ExitCode);
        Assert.Equal(0, (await RunAsync("load-samples")).ExitCode);
    }

    [Fact]
    public async Task Route_set_stores_a_FIT_Connect_route_encrypted_and_route_show_masks_its_secrets()
    {
        var file = Write("routes.json", Routes(ValidSettings()));

        var set = await RunAsync("route", "set", DemoApplication.Tenant, DemoApplication.Process, file);
        var show = await RunAsync("route", "show", DemoApplication.Tenant, DemoApplication.Process);

        Assert.True(set.ExitCode == 0, set.Output);
        Assert.Equal(0, show.ExitCode);
        foreach (var output in new[] { set.Output, show.Output })
        {
            Assert.Contains("\"transport\": \"fit-connect\"", output, StringComparison.Ordinal);
            Assert.Contains("\"fallback\": \"postkorb\"", output, StringComparison.Ordinal);
            Assert.Contains("\"clientSecret\": \"********\"", output, StringComparison.Ordinal);
            Assert.Contains("\"callbackSecret\": \"********\"", output, StringComparison.Ordinal);
            Assert.Contains("\"clientId\": \"gateway-client\"", output, StringComparison.Ordinal);
            Assert.DoesNotContain(ClientSecret, output, StringComparison.Ordinal);
            Assert.DoesNotContain(CallbackSecret, output, StringComparison.Ordinal);
        }

        var stored = await StoredRoutesAsync();
        Assert.Contains("sealedSettings", stored, StringComparison.Ordinal);
        Assert.DoesNotContain(ClientSecret, stored, StringComparison.Ordinal);
        Assert.DoesNotContain("gateway-client", stored, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Route_set_refuses_a_bad_file_naming_every_problem_and_changes_nothing()
    {
        var settings = ValidSettings();
        settings["clientSecret"] = "";
        settings["checkRevocation"] = false;
        var routes = Routes(settings);
        routes["routes"]![0]!["mappers"] = new JsonArray("fim-json", "gibt-es-nicht");
        routes["routes"]!.AsArray().Add(new JsonObject { ["transport"] = "brieftaube", ["mappers"] = new JsonArray("pdf") });
        var file = Write("bad.json", routes);

        var set = await RunAsync("route", "set", DemoApplication.Tenant, DemoApplication.Process, file);
        var show = await RunAsync("route", "show", DemoApplication.Tenant, DemoApplication.Process);

        Assert.Equal(1, set.ExitCode);
        Assert.Contains("routes[0].mappers: 'gibt-es-nicht' is not a mapper of this gateway.", set.Output, StringComparison.Ordinal);
        Assert.Contains("routes[0].settings: clientSecret is required.", set.Output, StringComparison.Ordinal);
        Assert.Contains("routes[0].settings: checkRevocation can be switched off only in a test route", set.Output, StringComparison.Ordinal);
        Assert.Contains("routes[1].transport 'brieftaube' is not a transport of this gateway.", set.Output, StringComparison.Ordinal);
        Assert.Contains("\"transport\": \"postkorb\"", show.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("fit-connect", show.Output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{\"routes\": [")]
    [InlineData("{\"routes\": []}")]
    [InlineData("{\"wege\": []}")]
    public async Task Route_set_refuses_a_file_that_is_not_a_routes_document(string content)
    {
        var set = await RunAsync("route", "set", DemoApplication.Tenant, DemoApplication.Process, Write("broken.json", content));

        Assert.Equal(1, set.ExitCode);
    }

    [Fact]
    public async Task Route_show_of_a_process_the_tenant_has_not_enabled_fails()
    {
        var show = await RunAsync("route", "show", DemoApplication.Tenant, "gibt-es-nicht");

        Assert.Equal(1, show.ExitCode);
        Assert.Contains("is not enabled for tenant", show.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Route_without_its_arguments_is_wrong_usage() =>
        Assert.Equal(2, (await RunAsync("route", "set", DemoApplication.Tenant)).ExitCode);

    public ValueTask DisposeAsync()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(dataDirectory, recursive: true);
        return ValueTask.CompletedTask;
    }

    private static JsonObject ValidSettings()
    {
        using var key = RSA.Create(2048);
        using var root = new CertificateRequest("CN=Test Root", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1)
            .CreateSelfSigned(TimeProvider.System.GetUtcNow().AddDays(-1), TimeProvider.System.GetUtcNow().AddDays(30));
        return new JsonObject
        {
            ["environment"] = "prod",
            ["tokenUrl"] = "https://auth-testing.fit-connect.fitko.dev/token",
            ["submissionApiUrl"] = "https://submission-api-testing.fit-connect.fitko.dev",
            ["clientId"] = "gateway-client",
            ["clientSecret"] = ClientSecret,
            ["destinationId"] = "2b1a8c3e-6a0e-4c76-9f3f-1a2b3c4d5e6f",
            ["trustAnchors"] = new JsonArray(root.ExportCertificatePem()),
            ["leikaKey"] = "99108008000000",
            ["callbackUrl"] = "https://gateway.example/api/v1/callbacks/fit-connect",
            ["callbackSecret"] = CallbackSecret,
        };
    }

    private static JsonObject Routes(JsonObject settings) => new()
    {
        ["routes"] = new JsonArray(new JsonObject
        {
            ["transport"] = "fit-connect",
            ["mappers"] = new JsonArray("fim-json", "pdf"),
            ["fallback"] = "postkorb",
            ["settings"] = settings,
        }),
    };

    private string Write(string name, JsonNode content) => Write(name, content.ToJsonString());

    private string Write(string name, string content)
    {
        var path = Path.Combine(dataDirectory, name);
        File.WriteAllText(path, content);
        return path;
    }

    private async Task<string> StoredRoutesAsync()
    {
        await using var connection = new SqliteConnection($"Data Source={Path.Combine(dataDirectory, "efagateway.db")}");
        await connection.OpenAsync(TestContext.Current.CancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT RoutesJson FROM TenantProcesses WHERE ProcessId = 'hundesteuer-anmeldung'";
        return (string)(await command.ExecuteScalarAsync(TestContext.Current.CancellationToken))!;
    }

    private Task<(int ExitCode, string Output)> RunAsync(params string[] args) => HostProcess.RunAsync(dataDirectory, args);
}
