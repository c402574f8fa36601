using EfaGateway.Host.Tests.Support;
using Microsoft.Data.Sqlite;

namespace EfaGateway.Host.Tests.Cli;

/// <summary>
/// Production hosts (<c>Gateway:MigrateOnStart=false</c>) never migrate by themselves: they refuse to start on a schema
/// behind the binary, naming the pending migrations, and any host refuses a schema migrated by a newer version.
/// </summary>
public sealed class SchemaGuardTests
{
    private readonly string dataDirectory = Directory.CreateTempSubdirectory("efagw-schema-").FullName;

    [Fact]
    public async Task A_production_host_on_an_unmigrated_database_refuses_to_start_and_names_the_migrate_verb()
    {
        var started = await HostProcess.RunAsync(dataDirectory, "--Gateway:MigrateOnStart=false", "--Urls=http://127.0.0.1:0");

        Assert.NotEqual(0, started.ExitCode);
        Assert.Contains("migration(s) pending", started.Output, StringComparison.Ordinal);
        Assert.Contains("Run the 'migrate' verb first", started.Output, StringComparison.Ordinal);
        Assert.Contains("_Initial", started.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_database_migrated_by_a_newer_version_is_refused_even_where_hosts_migrate_on_start()
    {
        Assert.Equal(0, (await HostProcess.RunAsync(dataDirectory, "migrate")).ExitCode);
        await using (var connection = new SqliteConnection($"Data Source={Path.Combine(dataDirectory, "efagateway.db")};Pooling=False"))
        {
            await connection.OpenAsync(TestContext.Current.CancellationToken);
            await using var command = connection.CreateCommand();
            command.CommandText = "INSERT INTO \"__EFMigrationsHistory\" (\"MigrationId\", \"ProductVersion\") VALUES ('29991231000000_FromTheFuture', '99.0.0')";
            await command.ExecuteNonQueryAsync(TestContext.Current.CancellationToken);
        }

        var started = await HostProcess.RunAsync(dataDirectory, "--Urls=http://127.0.0.1:0");

        Assert.NotEqual(0, started.ExitCode);
        Assert.Contains("newer than this version", started.Output, StringComparison.Ordinal);
        Assert.Contains("29991231000000_FromTheFuture", started.Output, StringComparison.Ordinal);
    }
}
