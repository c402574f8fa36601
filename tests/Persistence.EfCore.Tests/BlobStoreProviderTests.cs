using EfaGateway.Core.Ports;
using EfaGateway.Persistence.Blobs;
using EfaGateway.Persistence.Model;
using EfaGateway.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace EfaGateway.Persistence.Tests;

public abstract class DatabaseBlobStoreTests : BlobStoreTests
{
    private TestDatabase? database;

    private TestDatabase Database => database ?? throw new InvalidOperationException("Not initialised.");

    public override async ValueTask InitializeAsync() => database = await CreateDatabaseAsync();

    public override async ValueTask DisposeAsync()
    {
        if (database is not null)
        {
            await database.DisposeAsync();
        }

        await base.DisposeAsync();
    }

    protected abstract Task<TestDatabase> CreateDatabaseAsync();

    protected override IBlobStore CreateStore(BlobKeyRing keyRing) =>
        new DatabaseBlobStore(Factory, new BlobCipher(keyRing), TimeProvider.System);

    protected override async Task<byte[]?> ReadRawAsync(string key)
    {
        await using var db = await Factory.CreateDbContextAsync(Ct);
        return await db.Blobs.Where(b => b.Key == key).Select(b => b.Content).SingleOrDefaultAsync(Ct);
    }

    protected override async Task WriteRawAsync(string key, byte[] content)
    {
        await using var db = await Factory.CreateDbContextAsync(Ct);
        await db.Blobs.Where(b => b.Key == key).ExecuteDeleteAsync(Ct);
        db.Blobs.Add(new BlobRecord { Key = key, Content = content, CreatedAt = DateTimeOffset.UnixEpoch });
        await db.SaveChangesAsync(Ct);
    }

    protected override async Task AssertNoLeftoverPartsAsync(string key)
    {
        await using var db = await Factory.CreateDbContextAsync(Ct);
        Assert.Equal([key], await db.Blobs.Where(b => b.Key.StartsWith(key)).Select(b => b.Key).ToListAsync(Ct));
    }

    private IDbContextFactory<GatewayDbContext> Factory => Database.Services.GetRequiredService<IDbContextFactory<GatewayDbContext>>();
}

public sealed class SqliteDatabaseBlobStoreTests : DatabaseBlobStoreTests
{
    protected override Task<TestDatabase> CreateDatabaseAsync() => TestDatabase.CreateSqliteAsync(Ct);
}

public sealed class PostgresDatabaseBlobStoreTests : DatabaseBlobStoreTests
{
    protected override Task<TestDatabase> CreateDatabaseAsync() => TestDatabase.CreatePostgresAsync(Ct);
}

public sealed class FileSystemBlobStoreTests : BlobStoreTests
{
    private readonly string root = Path.Combine(Path.GetTempPath(), "efagw-tests", Guid.NewGuid().ToString("N"), "blobs");

    public override async ValueTask DisposeAsync()
    {
        if (Directory.Exists(Path.GetDirectoryName(root)))
        {
            Directory.Delete(Path.GetDirectoryName(root)!, recursive: true);
        }

        await base.DisposeAsync();
    }

    [Theory]
    [InlineData("../outside")]
    [InlineData("submissions/../../etc/passwd")]
    [InlineData("submissions/a..b")]
    [InlineData("/etc/passwd")]
    [InlineData("submissions\\aa\\1")]
    [InlineData("C:/windows/win.ini")]
    [InlineData("submissions//aa")]
    [InlineData("submissions/./aa")]
    [InlineData("submissions/aa/")]
    [InlineData("")]
    [InlineData("submissions/aa/1.blob")]
    public async Task Unsafe_keys_are_rejected(string key)
    {
        var store = CreateStore(Ring("k1"));

        await Assert.ThrowsAnyAsync<ArgumentException>(() => store.PutAsync(key, "x"u8.ToArray(), Ct));
        await Assert.ThrowsAnyAsync<ArgumentException>(() => store.GetAsync(key, Ct));
        Assert.DoesNotContain(Directory.EnumerateFileSystemEntries(Path.GetDirectoryName(root)!, "*", SearchOption.AllDirectories),
            path => !path.StartsWith(root, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("../")]
    [InlineData("/")]
    [InlineData("/etc/")]
    [InlineData("submissions\\")]
    public async Task Unsafe_prefixes_are_rejected(string prefix)
    {
        var store = CreateStore(Ring("k1"));

        await Assert.ThrowsAnyAsync<ArgumentException>(() => store.DeleteByPrefixAsync(prefix, Ct));
        await Assert.ThrowsAnyAsync<ArgumentException>(async () => await store.ListKeysAsync(prefix, Ct).ToListAsync(Ct));
    }

    [Fact]
    public async Task Blobs_are_files_readable_by_the_owner_only_and_no_temporary_file_stays_behind()
    {
        var store = CreateStore(Ring("k1"));

        await store.PutAsync("submissions/aa/attachments/1", "x"u8.ToArray(), Ct);
        await store.PutAsync("submissions/aa/attachments/1", "y"u8.ToArray(), Ct);

        var file = Assert.Single(Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories));
        Assert.Equal(Path.Combine(root, "submissions", "aa", "attachments", "1.blob"), file);
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(file));
        }
    }

    [Fact]
    public async Task Deleting_a_prefix_removes_the_directories_it_emptied()
    {
        var store = CreateStore(Ring("k1"));
        await store.PutAsync("submissions/aa/attachments/1", "x"u8.ToArray(), Ct);
        await store.PutAsync("submissions/bb/attachments/1", "x"u8.ToArray(), Ct);

        await store.DeleteByPrefixAsync("submissions/aa/", Ct);

        Assert.False(Directory.Exists(Path.Combine(root, "submissions", "aa")));
        Assert.True(Directory.Exists(Path.Combine(root, "submissions", "bb")));
    }

    protected override IBlobStore CreateStore(BlobKeyRing keyRing) => new FileSystemBlobStore(new BlobCipher(keyRing), root);

    protected override async Task<byte[]?> ReadRawAsync(string key)
    {
        var path = PathOf(key);
        return File.Exists(path) ? await File.ReadAllBytesAsync(path, Ct) : null;
    }

    protected override async Task WriteRawAsync(string key, byte[] content)
    {
        var path = PathOf(key);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        await File.WriteAllBytesAsync(path, content, Ct);
    }

    private string PathOf(string key) => Path.Combine([root, .. key.Split('/')]) + ".blob";
}
