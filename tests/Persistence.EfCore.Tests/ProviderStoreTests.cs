using EfaGateway.TestSupport;

namespace EfaGateway.Persistence.Tests;

public sealed class SqliteStoreTests : StoreTests
{
    protected override Task<TestDatabase> CreateDatabaseAsync() => TestDatabase.CreateSqliteAsync(Ct);
}

public sealed class PostgresStoreTests : StoreTests
{
    protected override Task<TestDatabase> CreateDatabaseAsync() => TestDatabase.CreatePostgresAsync(Ct);
}
