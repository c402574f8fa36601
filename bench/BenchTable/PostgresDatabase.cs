using Npgsql;

namespace EfaGateway.Bench.BenchTable;

/// <summary>A fresh database on the PostgreSQL server for one part of the run, dropped again at the end.</summary>
internal sealed class PostgresDatabase : IAsyncDisposable
{
    private readonly string adminConnectionString;
    private readonly string name;

    private PostgresDatabase(string adminConnectionString, string name, string connectionString)
    {
        this.adminConnectionString = adminConnectionString;
        this.name = name;
        ConnectionString = connectionString;
    }

    public string ConnectionString { get; }

    /// <summary>The server from EFAGW_TEST_POSTGRES, else the one the issue names (127.0.0.1:5432, efagw/efagw).</summary>
    public static string AdminConnectionString =>
        Environment.GetEnvironmentVariable("EFAGW_TEST_POSTGRES") is { Length: > 0 } configured
            ? configured
            : "Host=127.0.0.1;Port=5432;Username=efagw;Password=efagw;Database=postgres";

    public static async Task<PostgresDatabase> CreateAsync(string purpose)
    {
        var name = $"efagw_bench_{purpose}_{Guid.NewGuid():N}"[..40];
        await using (var connection = new NpgsqlConnection(AdminConnectionString))
        {
            await connection.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
            await create.ExecuteNonQueryAsync();
        }

        var builder = new NpgsqlConnectionStringBuilder(AdminConnectionString) { Database = name };
        return new PostgresDatabase(AdminConnectionString, name, builder.ConnectionString);
    }

    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        await using var connection = new NpgsqlConnection(adminConnectionString);
        await connection.OpenAsync();
        await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)", connection);
        await drop.ExecuteNonQueryAsync();
    }
}
