using System.Data.Common;
using EfaGateway.Core.Deliveries;
using EfaGateway.Persistence.Model;
using EfaGateway.TestSupport;
using Microsoft.EntityFrameworkCore;

namespace EfaGateway.Persistence.Tests;

public abstract partial class StoreTests
{
    [Fact]
    public async Task A_claim_reads_the_queue_in_due_order_through_the_due_index_instead_of_sorting_the_backlog()
    {
        var db = InNewScope<GatewayDbContext>();
        var plan = await ExplainClaimAsync(db);

        Assert.Contains(DeliveryConfiguration.DueIndexName, plan, StringComparison.Ordinal);
        // SQLite names a sort "USE TEMP B-TREE FOR ORDER BY", PostgreSQL a "Sort" node: neither may appear.
        Assert.DoesNotContain("TEMP B-TREE", plan, StringComparison.Ordinal);
        Assert.DoesNotContain("Sort", plan, StringComparison.Ordinal);
    }

    [Fact]
    public void The_due_index_names_the_states_as_the_database_stores_them()
    {
        // The filter is SQL text: if a state were renamed, the index would silently hold the wrong rows.
        Assert.Equal(DeliveryConfiguration.DueFilter, $"\"State\" IN ('{DeliveryState.Pending}', '{DeliveryState.Retrying}')");
    }

    /// <summary>The provider's plan for the claim query as text, with a due time as its one parameter.</summary>
    private async Task<string> ExplainClaimAsync(GatewayDbContext db)
    {
        var sqlite = Database.Provider == TestDatabase.Sqlite;
        var connection = db.Database.GetDbConnection();
        await connection.OpenAsync(Ct);
        if (!sqlite)
        {
            // A fresh table is tiny, so PostgreSQL would rightly scan it whole; with sequential scans priced out it
            // shows whether the partial index can serve the query at all (its predicate must be provable).
            await ExecuteAsync(connection, "SET enable_seqscan = off");
        }

        await using var command = connection.CreateCommand();
        command.CommandText = (sqlite ? "EXPLAIN QUERY PLAN " + SqliteGatewayDbContext.ClaimSql : "EXPLAIN " + NpgsqlGatewayDbContext.ClaimSql)
            .Replace("{0}", "@now", StringComparison.Ordinal);
        var parameter = command.CreateParameter();
        parameter.ParameterName = "now";
        parameter.Value = sqlite ? TestData.Now.UtcTicks : TestData.Now;
        command.Parameters.Add(parameter);
        var lines = new List<string>();
        await using var reader = await command.ExecuteReaderAsync(Ct);
        while (await reader.ReadAsync(Ct))
        {
            // SQLite: id, parent, notused, detail; PostgreSQL: one column of text.
            lines.Add(reader.GetString(reader.FieldCount - 1));
        }

        return string.Join('\n', lines);
    }

    private static async Task ExecuteAsync(DbConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync(Ct);
    }
}
