using System.Net.Http.Json;
using System.Text.Json;
using EfaGateway.Host.Tests.Support;
using EfaGateway.TestSupport;
using Npgsql;

namespace EfaGateway.Host.Tests.Operations;

/// <summary>
/// The backup and restore of the operators' guide, done with the commands it names (sqlite3 .backup while the host
/// runs; pg_dump -Fc / pg_restore), restored into a fresh place: what was delivered can still be read, and what was
/// still pending is delivered from the restored copy.
/// </summary>
public sealed class BackupRestoreTests
{
    [Fact]
    public async Task A_sqlite_backup_taken_while_the_host_runs_restores_items_blobs_and_pending_deliveries()
    {
        var backup = Directory.CreateTempSubdirectory("efagw-backup-").FullName;
        var restoredDirectory = Directory.CreateTempSubdirectory("efagw-restored-").FullName;
        try
        {
            SubmissionAccepted delivered, pending;
            using (var original = new GatewayFactory())
            {
                (delivered, pending) = await DeliverOneAndQueueOneAsync(original);

                // The guide's order: the database first (consistent while the host runs), then blobs, then keys apart.
                await RunAsync("sqlite3", "-cmd", ".timeout 10000", Path.Combine(original.DataDirectory, "efagateway.db"), $".backup '{Path.Combine(backup, "efagateway.db")}'");
                CopyDirectory(Path.Combine(original.DataDirectory, "blobs"), Path.Combine(backup, "blobs"));
                CopyDirectory(Path.Combine(original.DataDirectory, "keys"), Path.Combine(backup, "keys"));
            }

            File.Copy(Path.Combine(backup, "efagateway.db"), Path.Combine(restoredDirectory, "efagateway.db"));
            CopyDirectory(Path.Combine(backup, "blobs"), Path.Combine(restoredDirectory, "blobs"));
            CopyDirectory(Path.Combine(backup, "keys"), Path.Combine(restoredDirectory, "keys"));
            using var restored = new GatewayFactory(new Dictionary<string, string?> { ["Gateway:DataDirectory"] = restoredDirectory });
            await AssertRestoredAsync(restored, delivered, pending);
        }
        finally
        {
            Directory.Delete(backup, recursive: true);
            Directory.Delete(restoredDirectory, recursive: true);
        }
    }

    [Fact]
    public async Task A_pg_dump_with_blobs_in_the_database_restores_into_a_new_database_with_the_key_folder()
    {
        var cancellation = TestContext.Current.CancellationToken;
        await using var database = await TestDatabase.CreatePostgresAsync(cancellation);
        var dump = Path.Combine(Path.GetTempPath(), $"efagw-{Guid.NewGuid():N}.dump");
        var keysBackup = Directory.CreateTempSubdirectory("efagw-keys-").FullName;
        var restoredDirectory = Directory.CreateTempSubdirectory("efagw-restored-").FullName;
        var server = new NpgsqlConnectionStringBuilder(database.ConnectionString);
        var restoredName = $"efagw_restored_{Guid.NewGuid():N}";
        var restoredConnection = new NpgsqlConnectionStringBuilder(database.ConnectionString) { Database = restoredName }.ConnectionString;
        try
        {
            SubmissionAccepted delivered, pending;
            var settings = new Dictionary<string, string?>(database.ConfigurationValues) { ["Gateway:Blobs:Store"] = "Database" };
            using (var original = new GatewayFactory(settings))
            {
                (delivered, pending) = await DeliverOneAndQueueOneAsync(original);
                await RunPostgresToolAsync(server, "pg_dump", "-Fc", "-f", dump, server.Database!);
                CopyDirectory(Path.Combine(database.DataDirectory, "keys"), keysBackup);
            }

            await ExecuteAsync(server, $"CREATE DATABASE \"{restoredName}\"", cancellation);
            await RunPostgresToolAsync(server, "pg_restore", "--no-owner", "-d", restoredName, dump);
            CopyDirectory(keysBackup, Path.Combine(restoredDirectory, "keys"));
            var restoredSettings = new Dictionary<string, string?>
            {
                ["Gateway:DataDirectory"] = restoredDirectory,
                ["Gateway:Database:Provider"] = "PostgreSql",
                ["Gateway:Database:ConnectionString"] = restoredConnection,
                ["Gateway:Blobs:Store"] = "Database",
            };
            using (var restored = new GatewayFactory(restoredSettings))
            {
                await AssertRestoredAsync(restored, delivered, pending);
            }
        }
        finally
        {
            using (var connection = new NpgsqlConnection(restoredConnection))
            {
                NpgsqlConnection.ClearPool(connection);
            }

            await ExecuteAsync(server, $"DROP DATABASE IF EXISTS \"{restoredName}\" WITH (FORCE)", CancellationToken.None);
            File.Delete(dump);
            Directory.Delete(keysBackup, recursive: true);
            Directory.Delete(restoredDirectory, recursive: true);
        }
    }

    /// <summary>One application delivered to the Postkorb, a second one accepted and left waiting for a worker.</summary>
    private static async Task<(SubmissionAccepted Delivered, SubmissionAccepted Pending)> DeliverOneAndQueueOneAsync(GatewayFactory factory)
    {
        using var client = factory.CreateClient();
        var delivered = await DemoApplication.SubmitAsync(client);
        Assert.Equal(1, await factory.DeliverDueAsync());
        var pending = await DemoApplication.SubmitAsync(client);
        return (delivered, pending);
    }

    private static async Task AssertRestoredAsync(GatewayFactory restored, SubmissionAccepted delivered, SubmissionAccepted pending)
    {
        using var client = restored.CreateClient();
        Assert.Equal("Confirmed", await DeliveryStateAsync(client, delivered));
        Assert.Equal("Pending", await DeliveryStateAsync(client, pending));

        // The delivered item's files decrypt with the restored key folder.
        using var staff = restored.CreateOperatorClient();
        var item = Assert.Single((await staff.GetFromJsonAsync<JsonElement>($"/api/v1/tenants/{DemoApplication.Tenant}/postkorb")).EnumerateArray());
        Assert.Equal(delivered.Vorgangsnummer, item.GetProperty("vorgangsnummer").GetString());
        foreach (var file in item.GetProperty("files").EnumerateArray())
        {
            var content = await staff.GetByteArrayAsync(file.GetProperty("href").GetString());
            Assert.NotEmpty(content);
        }

        // The pending one is delivered from the restored copy, its upload read from the restored blobs.
        Assert.Equal(1, await restored.DeliverDueAsync());
        Assert.Equal("Confirmed", await DeliveryStateAsync(client, pending));
        var items = (await staff.GetFromJsonAsync<JsonElement>($"/api/v1/tenants/{DemoApplication.Tenant}/postkorb")).EnumerateArray().ToList();
        Assert.Equal(2, items.Count);
    }

    private static async Task<string?> DeliveryStateAsync(HttpClient client, SubmissionAccepted accepted)
    {
        var status = await client.GetFromJsonAsync<JsonElement>(accepted.Status);
        return Assert.Single(status.GetProperty("deliveries").EnumerateArray()).GetProperty("state").GetString();
    }

    private static Task RunPostgresToolAsync(NpgsqlConnectionStringBuilder server, string tool, params string[] args) =>
        RunAsync(tool, ["-h", server.Host!, "-p", server.Port.ToString(System.Globalization.CultureInfo.InvariantCulture), "-U", server.Username!, .. args],
            new Dictionary<string, string> { ["PGPASSWORD"] = server.Password ?? string.Empty });

    private static Task RunAsync(string tool, params string[] args) => RunAsync(tool, args, new Dictionary<string, string>());

    private static async Task RunAsync(string tool, string[] args, IReadOnlyDictionary<string, string> environment)
    {
        var start = new System.Diagnostics.ProcessStartInfo(tool) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        using var process = System.Diagnostics.Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await process.WaitForExitAsync(timeout.Token);
        Assert.True(process.ExitCode == 0, $"{tool} exited with {process.ExitCode}: {await output}{await error}");
    }

    private static async Task ExecuteAsync(NpgsqlConnectionStringBuilder server, string sql, CancellationToken cancellationToken)
    {
        var maintenance = new NpgsqlConnectionStringBuilder(server.ConnectionString) { Database = "postgres", Pooling = false };
        await using var connection = new NpgsqlConnection(maintenance.ConnectionString);
        await connection.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static void CopyDirectory(string source, string target)
    {
        Directory.CreateDirectory(target);
        foreach (var file in Directory.EnumerateFiles(source, "*", SearchOption.AllDirectories))
        {
            var destination = Path.Combine(target, Path.GetRelativePath(source, file));
            Directory.CreateDirectory(Path.GetDirectoryName(destination)!);
            File.Copy(file, destination);
        }
    }
}
