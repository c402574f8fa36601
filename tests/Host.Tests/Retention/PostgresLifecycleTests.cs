using System.Net.Http.Json;
using System.Text.Json;
using EfaGateway.Core.Retention;
using EfaGateway.Host.Tests.Support;
using EfaGateway.TestSupport;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace EfaGateway.Host.Tests.Retention;

/// <summary>
/// The whole life of an application on the production set-up — PostgreSQL with blobs in the database — ending with
/// a scan of every row of every table for the applicant's values.
/// </summary>
public sealed class PostgresLifecycleTests : IAsyncLifetime
{
    private static readonly string[] ApplicantValues = ["Quirinella", "Zwetschgenbaum", "Xylophonweiher", "Wuffelbert"];

    private TestDatabase? database;
    private GatewayFactory? factory;

    public async ValueTask InitializeAsync()
    {
        database = await TestDatabase.CreatePostgresAsync(TestContext.Current.CancellationToken);
        var settings = new Dictionary<string, string?>(database.ConfigurationValues) { ["Gateway:Blobs:Store"] = "Database" };
        factory = new GatewayFactory(settings);
    }

    [Fact]
    public async Task An_application_is_delivered_fetched_and_leaves_no_trace_in_postgresql_after_90_days()
    {
        using var client = factory!.CreateClient();
        var accepted = await DemoApplication.SubmitAsync(client);
        Assert.Equal(1, await factory.DeliverDueAsync());
        using var staff = factory.CreateOperatorClient();
        var item = Assert.Single((await staff.GetFromJsonAsync<JsonElement>($"/api/v1/tenants/{DemoApplication.Tenant}/postkorb")).EnumerateArray());
        var pdf = await staff.GetByteArrayAsync(item.GetProperty("files")[0].GetProperty("href").GetString());
        Assert.StartsWith("%PDF-", System.Text.Encoding.ASCII.GetString(pdf, 0, 5), StringComparison.Ordinal);
        Assert.NotEmpty(await RowsMentioningApplicantAsync());

        factory.Time.Advance(TimeSpan.FromDays(90));
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            var report = await scope.ServiceProvider.GetRequiredService<RetentionService>().RunAsync(CancellationToken.None);
            Assert.Equal(1, report.PostkorbItemsDeleted);
            Assert.Equal(1, report.SubmissionsPurged);
        }

        Assert.Empty(await RowsMentioningApplicantAsync());
        Assert.Equal(0L, await ScalarAsync("SELECT count(*) FROM \"Blobs\""));
        var status = await client.GetFromJsonAsync<JsonElement>(accepted.Status);
        Assert.Equal(JsonValueKind.String, status.GetProperty("personalDataDeletedAt").ValueKind);
    }

    /// <summary>Every row of every table in the schema, as JSON text, searched for the applicant's values.</summary>
    private async Task<List<string>> RowsMentioningApplicantAsync()
    {
        await using var connection = new NpgsqlConnection(database!.ConnectionString);
        await connection.OpenAsync();
        var tables = new List<string>();
        await using (var list = new NpgsqlCommand("SELECT tablename FROM pg_tables WHERE schemaname = 'public'", connection))
        await using (var reader = await list.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                tables.Add(reader.GetString(0));
            }
        }

        Assert.Contains("Submissions", tables);
        var hits = new List<string>();
        foreach (var table in tables)
        {
            await using var select = new NpgsqlCommand($"SELECT row_to_json(t)::text FROM \"{table}\" t", connection);
            await using var reader = await select.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                var row = reader.GetString(0);
                hits.AddRange(ApplicantValues
                    .Where(value => row.Contains(value, StringComparison.Ordinal))
                    .Select(value => $"{table}: {value}"));
            }
        }

        return hits;
    }

    private async Task<long> ScalarAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(database!.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    public async ValueTask DisposeAsync()
    {
        factory?.Dispose();
        if (database is not null)
        {
            await database.DisposeAsync();
        }
    }
}
