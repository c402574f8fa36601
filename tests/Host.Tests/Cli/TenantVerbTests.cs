using System.IO.Compression;
using System.Text.Json.Nodes;
using EfaGateway.Host.Tests.Support;

namespace EfaGateway.Host.Tests.Cli;

/// <summary>The tenant life cycle through the real binary: create, offer a process, show, export, delete.</summary>
public sealed class TenantVerbTests : IAsyncLifetime
{
    private readonly string dataDirectory = Directory.CreateTempSubdirectory("efagw-tenant-").FullName;

    public async ValueTask InitializeAsync()
    {
        Assert.Equal(0, (await RunAsync("migrate")).ExitCode);
        Assert.Equal(0, (await RunAsync("load-samples")).ExitCode);
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    [Fact]
    public async Task An_operator_brings_a_tenant_on_board_and_at_contract_end_exports_and_deletes_it()
    {
        var file = Write("musterstadt.json", new JsonObject { ["id"] = "musterstadt", ["name"] = "Musterstadt", ["ags"] = "09162000" });
        var export = Path.Combine(dataDirectory, "musterstadt.zip");

        var created = await RunAsync("tenant", "create", file);
        var enabled = await RunAsync("process", "enable", "musterstadt", "hundesteuer-anmeldung", "--retention-days", "30");
        var shown = await RunAsync("tenant", "show", "musterstadt");
        var listed = await RunAsync("tenant", "list");
        var exported = await RunAsync("tenant", "export", "musterstadt", export);
        var unconfirmed = await RunAsync("tenant", "delete", "musterstadt", "--confirm", "nachbarort");
        var deleted = await RunAsync("tenant", "delete", "musterstadt", "--confirm", "musterstadt");
        var after = await RunAsync("tenant", "list");

        Assert.True(created.ExitCode == 0, created.Output);
        Assert.True(enabled.ExitCode == 0, enabled.Output);
        Assert.Contains("retention 30 days", enabled.Output, StringComparison.Ordinal);
        Assert.Contains("\"entryLink\": \"http://127.0.0.1:5080/musterstadt/hundesteuer-anmeldung\"", shown.Output, StringComparison.Ordinal);
        Assert.Contains("musterstadt\tMusterstadt", listed.Output, StringComparison.Ordinal);
        Assert.True(exported.ExitCode == 0, exported.Output);
        using (var zip = ZipFile.OpenRead(export))
        {
            Assert.Contains(zip.Entries, e => e.FullName == "manifest.json");
            Assert.Contains(zip.Entries, e => e.FullName == "definitions/hundesteuer-anmeldung-1.0.0.json");
        }

        Assert.Equal(1, unconfirmed.ExitCode);
        Assert.True(deleted.ExitCode == 0, deleted.Output);
        Assert.DoesNotContain("musterstadt", after.Output, StringComparison.Ordinal);
        Assert.Contains(DemoApplication.Tenant, after.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Bad_tenant_files_and_unknown_tenants_are_refused_with_the_reason()
    {
        var badJson = Write("kaputt.json", "{ \"id\": ");
        var badAgs = Write("ags.json", new JsonObject { ["id"] = "musterstadt", ["name"] = "Musterstadt", ["ags"] = "123" });

        var notJson = await RunAsync("tenant", "create", badJson);
        var wrongAgs = await RunAsync("tenant", "create", badAgs);
        var missingFile = await RunAsync("tenant", "create", Path.Combine(dataDirectory, "gibt-es-nicht.json"));
        var unknown = await RunAsync("tenant", "export", "gibt-es-nicht", Path.Combine(dataDirectory, "x.zip"));
        var usage = await RunAsync("tenant", "rename");

        Assert.Equal(1, notJson.ExitCode);
        Assert.Contains("is not a tenant in JSON", notJson.Output, StringComparison.Ordinal);
        Assert.Equal(1, wrongAgs.ExitCode);
        Assert.Contains("ags: Der Amtliche Gemeindeschlüssel hat 8 Ziffern.", wrongAgs.Output, StringComparison.Ordinal);
        Assert.Equal(1, missingFile.ExitCode);
        Assert.Equal(1, unknown.ExitCode);
        Assert.False(File.Exists(Path.Combine(dataDirectory, "x.zip")));
        Assert.False(File.Exists(Path.Combine(dataDirectory, "x.zip.partial")));
        Assert.Equal(2, usage.ExitCode);
    }

    [Fact]
    public async Task Staff_are_invited_granted_listed_and_deactivated_from_the_command_line()
    {
        var member = Write("member.json", new JsonObject
        {
            ["login"] = "kschulz", ["firstName"] = "Karla", ["lastName"] = "Schulz", ["email"] = "kschulz@example.org",
            ["isAdministrator"] = false, ["processIds"] = new JsonArray(DemoApplication.Process),
        });

        var invited = await RunAsync("staff", "invite", DemoApplication.Tenant, member, "--Gateway:Smtp:Port=1");
        var granted = await RunAsync("staff", "grant", DemoApplication.Tenant, "kschulz", "bauantrag-vereinfacht");
        var deactivated = await RunAsync("staff", "deactivate", DemoApplication.Tenant, "kschulz");
        var listed = await RunAsync("staff", "list", DemoApplication.Tenant);
        var unknown = await RunAsync("staff", "grant", DemoApplication.Tenant, "niemand", DemoApplication.Process);

        Assert.True(invited.ExitCode == 0, invited.Output);
        Assert.Contains("pass this link on", invited.Output, StringComparison.Ordinal); // no SMTP relay on port 1
        Assert.Contains("/schoenwetter-am-berg/postkorb/passwort-setzen?token=", invited.Output, StringComparison.Ordinal);
        Assert.Equal(0, granted.ExitCode);
        Assert.Equal(0, deactivated.ExitCode);
        Assert.Contains("\"login\": \"kschulz\"", listed.Output, StringComparison.Ordinal);
        Assert.Contains("\"isActive\": false", listed.Output, StringComparison.Ordinal);
        Assert.Contains("bauantrag-vereinfacht", listed.Output, StringComparison.Ordinal);
        Assert.Equal(1, unknown.ExitCode);
        Assert.Contains("UnknownUser", unknown.Output, StringComparison.Ordinal);
    }

    private string Write(string name, JsonNode content) => Write(name, content.ToJsonString());

    private string Write(string name, string content)
    {
        var path = Path.Combine(dataDirectory, name);
        File.WriteAllText(path, content);
        return path;
    }

    private Task<(int ExitCode, string Output)> RunAsync(params string[] args) => HostProcess.RunAsync(dataDirectory, args);
}
