using EfaGateway.Persistence;
using EfaGateway.Persistence.Configuration;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Xunit;

namespace EfaGateway.TestSupport;

/// <summary>
/// A migrated database of its own for one test (or one test class), on SQLite (a temporary file) or PostgreSQL
/// (a uniquely named database on the server in <c>EFAGW_TEST_POSTGRES</c>, dropped again on dispose).
/// Without that variable PostgreSQL tests are skipped, except in CI (<c>CI=true</c>), where they fail.
/// </summary>
public sealed class TestDatabase : IAsyncDisposable
{
    public const string PostgresVariable = "EFAGW_TEST_POSTGRES";
    public const string Sqlite = DatabaseOptions.Sqlite;
    public const string PostgreSql = DatabaseOptions.PostgreSql;

    private readonly List<ServiceProvider> providers = [];
    private readonly Func<Task> drop;

    private TestDatabase(string provider, string connectionString, string dataDirectory, Func<Task> drop)
    {
        Provider = provider;
        ConnectionString = connectionString;
        DataDirectory = dataDirectory;
        this.drop = drop;
        ConfigurationValues = new Dictionary<string, string?>
        {
            [GatewayDataDirectory.ConfigurationKey] = dataDirectory,
            [$"{DatabaseOptions.SectionName}:Provider"] = provider,
            [$"{DatabaseOptions.SectionName}:ConnectionString"] = connectionString,
        };
        Services = BuildServiceProvider();
    }

    /// <summary><see cref="Sqlite"/> or <see cref="PostgreSql"/>.</summary>
    public string Provider { get; }

    public string ConnectionString { get; }

    /// <summary>A temporary directory (Gateway:DataDirectory): blobs and the blob key file end up here.</summary>
    public string DataDirectory { get; }

    /// <summary>
    /// Gateway:DataDirectory, Gateway:Database:Provider and Gateway:Database:ConnectionString, ready for
    /// <c>AddInMemoryCollection</c> in a host under test.
    /// </summary>
    public IReadOnlyDictionary<string, string?> ConfigurationValues { get; }

    /// <summary>AddGatewayPersistence over <see cref="ConfigurationValues"/>; disposed with this object.</summary>
    public IServiceProvider Services { get; }

    public static Task<TestDatabase> CreateAsync(string provider, CancellationToken cancellationToken = default) =>
        provider == PostgreSql ? CreatePostgresAsync(cancellationToken) : CreateSqliteAsync(cancellationToken);

    public static async Task<TestDatabase> CreateSqliteAsync(CancellationToken cancellationToken = default)
    {
        var directory = Path.Combine(Path.GetTempPath(), "efagw-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(directory);
        var connectionString = new SqliteConnectionStringBuilder { DataSource = Path.Combine(directory, "efagateway.db") }.ToString();
        var database = new TestDatabase(Sqlite, connectionString, directory, () =>
        {
            // Pooled connections keep the file open; the pool key is the connection string the context really uses.
            SqliteConnection.ClearPool(new SqliteConnection(SqliteGatewayDbContext.PrepareConnectionString(connectionString)));
            return Task.CompletedTask;
        });
        return await database.MigrateAsync(cancellationToken);
    }

    public static async Task<TestDatabase> CreatePostgresAsync(CancellationToken cancellationToken = default)
    {
        var server = Environment.GetEnvironmentVariable(PostgresVariable);
        if (string.IsNullOrWhiteSpace(server))
        {
            var message = $"PostgreSQL tests need a server: set {PostgresVariable} to the connection string of a role that may " +
                "create databases, e.g. 'Host=127.0.0.1;Port=5432;Username=efagw;Password=efagw;Database=postgres'.";
            if (string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase))
            {
                Assert.Fail($"{message} CI=true, so these tests must run: start PostgreSQL in .ci/run and set the variable.");
            }

            Assert.Skip(message);
        }

        var name = $"efagw_test_{Guid.NewGuid():N}";
        await ExecuteOnServerAsync(server, $"CREATE DATABASE \"{name}\"", cancellationToken);
        var connectionString = new NpgsqlConnectionStringBuilder(server) { Database = name }.ConnectionString;
        var directory = Path.Combine(Path.GetTempPath(), "efagw-tests", name);
        Directory.CreateDirectory(directory);
        var database = new TestDatabase(PostgreSql, connectionString, directory, async () =>
        {
            using (var connection = new NpgsqlConnection(connectionString))
            {
                NpgsqlConnection.ClearPool(connection);
            }

            await ExecuteOnServerAsync(server, $"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)", CancellationToken.None);
        });
        return await database.MigrateAsync(cancellationToken);
    }

    /// <summary>The configuration a host under test would see: <see cref="ConfigurationValues"/> plus any extra values.</summary>
    public IConfiguration BuildConfiguration(IEnumerable<KeyValuePair<string, string?>>? extraValues = null) =>
        new ConfigurationBuilder()
            .AddInMemoryCollection(ConfigurationValues)
            .AddInMemoryCollection(extraValues ?? [])
            .Build();

    /// <summary>
    /// Another service provider over the same database (e.g. a second "host", or other blob settings).
    /// <paramref name="configure"/> runs after AddGatewayPersistence, so it can replace registrations (a FakeTimeProvider).
    /// Disposed with this object.
    /// </summary>
    public ServiceProvider BuildServiceProvider(Action<IServiceCollection>? configure = null,
        IEnumerable<KeyValuePair<string, string?>>? extraConfiguration = null)
    {
        var services = new ServiceCollection();
        services.AddGatewayPersistence(BuildConfiguration(extraConfiguration));
        configure?.Invoke(services);
        var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true, ValidateOnBuild = true });
        providers.Add(provider);
        return provider;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var provider in providers)
        {
            await provider.DisposeAsync();
        }

        await drop();
        try
        {
            Directory.Delete(DataDirectory, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temporary directory is not worth failing a test for.
        }
    }

    private static async Task ExecuteOnServerAsync(string connectionString, string sql, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private async Task<TestDatabase> MigrateAsync(CancellationToken cancellationToken)
    {
        try
        {
            await Services.GetRequiredService<DatabaseMigrator>().MigrateAsync(cancellationToken);
            return this;
        }
        catch
        {
            await DisposeAsync();
            throw;
        }
    }
}
