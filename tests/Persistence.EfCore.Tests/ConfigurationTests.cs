using System.Security.Cryptography;
using EfaGateway.Core.Ports;
using EfaGateway.Persistence.Blobs;
using EfaGateway.Persistence.Configuration;
using EfaGateway.TestSupport;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace EfaGateway.Persistence.Tests;

public sealed class ConfigurationTests : IDisposable
{
    private readonly string dataDirectory = Path.Combine(Path.GetTempPath(), "efagw-tests", Guid.NewGuid().ToString("N"));
    private readonly List<ServiceProvider> providers = [];

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public void Dispose()
    {
        foreach (var provider in providers)
        {
            provider.Dispose();
        }

        SqliteConnection.ClearAllPools();
        if (Directory.Exists(dataDirectory))
        {
            Directory.Delete(dataDirectory, recursive: true);
        }
    }

    [Fact]
    public void Defaults_put_database_blobs_and_keys_under_the_data_directory()
    {
        var services = Build();

        var database = services.GetRequiredService<IOptions<DatabaseOptions>>().Value;
        var blobs = services.GetRequiredService<IOptions<BlobStoreOptions>>().Value;

        Assert.Equal(DatabaseOptions.Sqlite, database.Provider);
        Assert.Equal(Path.Combine(dataDirectory, "efagateway.db"), new SqliteConnectionStringBuilder(database.ConnectionString).DataSource);
        Assert.Equal(BlobStoreOptions.FileSystem, blobs.Store);
        Assert.Equal(Path.Combine(dataDirectory, "blobs"), blobs.Directory);
        Assert.Equal(Path.Combine(dataDirectory, "keys", "blob-keys.json"), blobs.KeyFile);
        Assert.IsType<FileSystemBlobStore>(services.GetRequiredService<IBlobStore>());
        using var scope = services.CreateScope();
        Assert.IsType<SqliteGatewayDbContext>(scope.ServiceProvider.GetRequiredService<GatewayDbContext>());
        Assert.NotNull(scope.ServiceProvider.GetRequiredService<IDeliveryStore>());
    }

    [Fact]
    public void The_data_directory_placeholder_is_expanded_and_relative_paths_become_full_paths()
    {
        var services = Build(new()
        {
            ["Gateway:Database:ConnectionString"] = "Data Source={DataDirectory}/other.db",
            ["Gateway:Blobs:Directory"] = "{DataDirectory}/files",
        });

        Assert.Equal($"Data Source={dataDirectory}/other.db", services.GetRequiredService<IOptions<DatabaseOptions>>().Value.ConnectionString);
        Assert.Equal(Path.Combine(dataDirectory, "files"), services.GetRequiredService<IOptions<BlobStoreOptions>>().Value.Directory);
        Assert.Equal(Path.GetFullPath("data"), GatewayDataDirectory.Resolve(new ConfigurationBuilder().Build()));
    }

    [Fact]
    public void Every_configuration_problem_is_reported_at_once_without_quoting_secrets()
    {
        var services = Build(new()
        {
            ["Gateway:Database:Provider"] = "Oracle",
            ["Gateway:Blobs:Store"] = "Cloud",
            ["Gateway:Blobs:Keys:0:Id"] = "",
            ["Gateway:Blobs:Keys:0:Key"] = "c2VjcmV0LWJ1dC10b28tc2hvcnQ=",
            ["Gateway:Blobs:Keys:1:Id"] = "k1",
            ["Gateway:Blobs:Keys:1:Key"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)),
            ["Gateway:Blobs:Keys:2:Id"] = "k1",
            ["Gateway:Blobs:Keys:2:Key"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)),
        });

        var database = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<DatabaseOptions>>().Value);
        var blobs = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<BlobStoreOptions>>().Value);

        Assert.Contains(database.Failures, f => f.Contains("Provider 'Oracle' is unknown", StringComparison.Ordinal));
        Assert.Equal(4, blobs.Failures.Count());
        Assert.Contains(blobs.Failures, f => f.Contains("Store 'Cloud' is unknown", StringComparison.Ordinal));
        Assert.Contains(blobs.Failures, f => f.Contains("#0: the id must be", StringComparison.Ordinal));
        Assert.Contains(blobs.Failures, f => f.Contains("#0: the key must be 32 random bytes", StringComparison.Ordinal));
        Assert.Contains(blobs.Failures, f => f.Contains("'k1' is used twice", StringComparison.Ordinal));
        Assert.DoesNotContain("c2VjcmV0", blobs.Message, StringComparison.Ordinal);
        var atStart = Assert.Throws<AggregateException>(() => services.GetRequiredService<IStartupValidator>().Validate());
        Assert.Equal(2, atStart.InnerExceptions.Count);
    }

    [Fact]
    public void PostgreSql_needs_a_connection_string()
    {
        var services = Build(new() { ["Gateway:Database:Provider"] = "postgresql" });

        var error = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<DatabaseOptions>>().Value);

        Assert.Contains("ConnectionString is required for PostgreSql", Assert.Single(error.Failures), StringComparison.Ordinal);
        using var scope = services.CreateScope();
        Assert.Throws<OptionsValidationException>(() => scope.ServiceProvider.GetRequiredService<GatewayDbContext>());
    }

    [Fact]
    public async Task The_key_file_is_created_once_with_owner_only_access_and_reused()
    {
        var first = Build().GetRequiredService<IBlobStore>();
        await first.PutAsync("drafts/aa/data", "Entwurf"u8.ToArray(), Ct);
        var keyFile = Path.Combine(dataDirectory, "keys", "blob-keys.json");

        var second = Build().GetRequiredService<IBlobStore>();

        Assert.Equal("Entwurf"u8.ToArray(), await second.GetAsync("drafts/aa/data", Ct));
        Assert.True(File.Exists(keyFile));
        Assert.Single(BlobKeyFile.Load(keyFile).Keys);
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(keyFile));
        }
    }

    [Fact]
    public void A_key_added_to_the_key_file_seals_new_blobs_and_old_ones_stay_readable()
    {
        var time = new FakeTimeProvider(TestData.Now);
        var keyFile = Path.Combine(dataDirectory, "keys.json");
        var before = BlobKeyFile.LoadOrCreate(keyFile, time, out var created);
        var sealedBefore = new BlobCipher(before).Encrypt("postkorb/aa/0", "alt"u8);

        var newId = BlobKeyFile.AddNewKey(keyFile, time);

        var after = BlobKeyFile.LoadOrCreate(keyFile, time, out var createdAgain);
        Assert.True(created);
        Assert.False(createdAgain);
        Assert.Equal(newId, after.Current.Id);
        Assert.NotEqual(before.Current.Id, newId);
        Assert.Equal("alt"u8.ToArray(), new BlobCipher(after).Decrypt("postkorb/aa/0", sealedBefore));
    }

    [Fact]
    public async Task Configured_keys_are_used_instead_of_a_key_file()
    {
        var key = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
        var values = new Dictionary<string, string?> { ["Gateway:Blobs:Keys:0:Id"] = "vault-1", ["Gateway:Blobs:Keys:0:Key"] = key };
        await Build(values).GetRequiredService<IBlobStore>().PutAsync("drafts/aa/data", "x"u8.ToArray(), Ct);

        Assert.Equal("vault-1", Build(values).GetRequiredService<BlobKeyRing>().Current.Id);
        Assert.Equal("x"u8.ToArray(), await Build(values).GetRequiredService<IBlobStore>().GetAsync("drafts/aa/data", Ct));
        Assert.False(File.Exists(Path.Combine(dataDirectory, "keys", "blob-keys.json")));
    }

    [Fact]
    public async Task The_database_blob_store_is_chosen_by_configuration()
    {
        await using var database = await TestDatabase.CreateSqliteAsync(Ct);
        var services = database.BuildServiceProvider(extraConfiguration: [new("Gateway:Blobs:Store", "database")]);

        var store = services.GetRequiredService<IBlobStore>();
        await store.PutAsync("submissions/aa/artifacts/pdf", "%PDF"u8.ToArray(), Ct);

        Assert.IsType<DatabaseBlobStore>(store);
        Assert.Equal("%PDF"u8.ToArray(), await store.GetAsync("submissions/aa/artifacts/pdf", Ct));
        Assert.False(Directory.Exists(Path.Combine(database.DataDirectory, "blobs")));
    }

    private ServiceProvider Build(Dictionary<string, string?>? values = null)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { [GatewayDataDirectory.ConfigurationKey] = dataDirectory })
            .AddInMemoryCollection(values ?? [])
            .Build();
        var services = new ServiceCollection().AddGatewayPersistence(configuration).BuildServiceProvider();
        providers.Add(services);
        return services;
    }
}
