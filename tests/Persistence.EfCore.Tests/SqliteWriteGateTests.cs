using EfaGateway.Core.Ports;
using EfaGateway.TestSupport;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;

namespace EfaGateway.Persistence.Tests;

/// <summary>
/// The in-process queue in front of SQLite's single writer: many concurrent write transactions all commit, and a
/// transaction that fails, or is disposed without commit, hands the file on to the next writer.
/// </summary>
public sealed class SqliteWriteGateTests : IAsyncLifetime
{
    private TestDatabase database = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private string DatabaseFile => new SqliteConnectionStringBuilder(database.ConnectionString).DataSource;

    public async ValueTask InitializeAsync() => database = await TestDatabase.CreateSqliteAsync(Ct);

    public async ValueTask DisposeAsync() => await database.DisposeAsync();

    [Fact]
    public async Task Sixty_four_concurrent_submissions_on_one_SQLite_file_all_commit_and_leave_the_gate_free()
    {
        var submissions = Enumerable.Range(0, 64).Select(_ => TestData.Submission()).ToList();

        await Task.WhenAll(submissions.Select(s => Task.Run(async () =>
        {
            await using var scope = database.Services.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<ISubmissionStore>().AddAsync(s, [TestData.Delivery(s)], Ct);
        }, Ct)));

        await using var check = database.Services.CreateAsyncScope();
        var store = check.ServiceProvider.GetRequiredService<ISubmissionStore>();
        foreach (var submission in submissions)
        {
            Assert.NotNull(await store.FindAsync(submission.Id, Ct));
        }

        Assert.False(SqliteWriteGate.Instance.IsHeld(DatabaseFile));
    }

    [Fact]
    public async Task A_write_transaction_that_fails_hands_the_file_on_to_the_next_writer()
    {
        await using var scope = database.Services.CreateAsyncScope();
        var store = scope.ServiceProvider.GetRequiredService<ISubmissionStore>();
        var first = TestData.Submission();
        await store.AddAsync(first, [TestData.Delivery(first)], Ct);
        var clash = TestData.Submission(vorgangsnummer: first.Vorgangsnummer);

        await Assert.ThrowsAsync<DuplicateVorgangsnummerException>(() => store.AddAsync(clash, [TestData.Delivery(clash)], Ct));

        Assert.False(SqliteWriteGate.Instance.IsHeld(DatabaseFile));
        var next = TestData.Submission();
        await store.AddAsync(next, [TestData.Delivery(next)], Ct);
        Assert.NotNull(await store.FindAsync(next.Id, Ct));
    }

    [Fact]
    public async Task A_write_transaction_disposed_without_commit_releases_the_gate_and_stores_nothing()
    {
        var submission = TestData.Submission();
        await using (var db = await database.Services.GetRequiredService<Microsoft.EntityFrameworkCore.IDbContextFactory<GatewayDbContext>>()
                         .CreateDbContextAsync(Ct))
        {
            await using var transaction = await db.Database.BeginTransactionAsync(Ct);
            Assert.True(SqliteWriteGate.Instance.IsHeld(DatabaseFile));
            db.Submissions.Add(submission);
            await db.SaveChangesAsync(Ct);
        }

        Assert.False(SqliteWriteGate.Instance.IsHeld(DatabaseFile));
        await using var scope = database.Services.CreateAsyncScope();
        Assert.Null(await scope.ServiceProvider.GetRequiredService<ISubmissionStore>().FindAsync(submission.Id, Ct));
    }
}
