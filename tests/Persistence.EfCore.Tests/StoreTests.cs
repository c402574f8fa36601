using EfaGateway.Core.Ports;
using EfaGateway.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace EfaGateway.Persistence.Tests;

/// <summary>
/// The store contract, written once and run against every provider by a tiny subclass each. Every test gets a fresh,
/// migrated database. Stores are resolved from their own DI scope, as a host's worker or request would.
/// </summary>
public abstract partial class StoreTests : IAsyncLifetime
{
    private readonly List<AsyncServiceScope> scopes = [];
    private TestDatabase? database;

    protected static CancellationToken Ct => TestContext.Current.CancellationToken;

    protected TestDatabase Database => database ?? throw new InvalidOperationException("Not initialised.");

    public async ValueTask InitializeAsync() => database = await CreateDatabaseAsync();

    public async ValueTask DisposeAsync()
    {
        foreach (var scope in scopes)
        {
            await scope.DisposeAsync();
        }

        if (database is not null)
        {
            await database.DisposeAsync();
        }

        GC.SuppressFinalize(this);
    }

    protected abstract Task<TestDatabase> CreateDatabaseAsync();

    /// <summary>A service from a new scope of its own (like a separate request or worker).</summary>
    protected T InNewScope<T>()
        where T : notnull
    {
        var scope = Database.Services.CreateAsyncScope();
        scopes.Add(scope);
        return scope.ServiceProvider.GetRequiredService<T>();
    }

    protected ISubmissionStore Submissions => InNewScope<ISubmissionStore>();

    protected IDeliveryStore Deliveries => InNewScope<IDeliveryStore>();

    protected IPostkorbStore Postkorb => InNewScope<IPostkorbStore>();

    protected IDraftStore Drafts => InNewScope<IDraftStore>();

    protected ICatalogStore Catalog => InNewScope<ICatalogStore>();

    [Fact]
    public void The_model_has_no_changes_missing_from_the_migrations()
    {
        var db = InNewScope<GatewayDbContext>();

        Assert.False(db.Database.HasPendingModelChanges(), "Run 'dotnet ef migrations add' for this provider.");
    }

    [Fact]
    public async Task A_migrated_database_has_no_pending_migrations()
    {
        var pending = await Database.Services.GetRequiredService<DatabaseMigrator>().GetPendingMigrationsAsync(Ct);

        Assert.Empty(pending);
    }

    [Fact]
    public void The_configured_provider_is_the_one_in_use()
    {
        var db = InNewScope<GatewayDbContext>();

        Assert.Equal(Database.Provider == TestDatabase.PostgreSql, db.Database.IsNpgsql());
        Assert.Equal(Database.Provider == TestDatabase.Sqlite, db.Database.IsSqlite());
    }
}
