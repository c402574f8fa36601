using System.Text.Json;
using Npgsql;

namespace EfaGateway.Host.Tests.Crash;

/// <summary>One delivery row as the crash test reads it straight from the cluster's database.</summary>
public sealed record DeliveryRow(Guid Id, Guid SubmissionId, string TransportId, string State, int AttemptCount, string? LastError,
    IReadOnlyDictionary<string, string> ExternalIds)
{
    public bool IsTerminal => State is "Confirmed" or "DeadLettered";
}

/// <summary>One submission row: which application, and whether its personal data has been purged.</summary>
public sealed record SubmissionRow(Guid Id, string Vorgangsnummer, string ProcessId, bool Purged);

/// <summary>
/// The cluster's database as the crash test sees it from outside: submissions, deliveries, Postkorb items and blobs,
/// read with plain SQL (the hosts write them; the test only reads, except where it stands in for time passing).
/// </summary>
public sealed class DeliveryLedger(string connectionString)
{
    public async Task<IReadOnlyList<DeliveryRow>> DeliveriesAsync(CancellationToken cancellationToken)
    {
        var rows = new List<DeliveryRow>();
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand(
            """SELECT "Id", "SubmissionId", "TransportId", "State", "AttemptCount", "LastError", "ExternalIds" FROM "Deliveries" """, connection);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            rows.Add(new DeliveryRow(reader.GetGuid(0), reader.GetGuid(1), reader.GetString(2), reader.GetString(3), reader.GetInt32(4),
                reader.IsDBNull(5) ? null : reader.GetString(5),
                JsonSerializer.Deserialize<Dictionary<string, string>>(reader.GetString(6)) ?? []));
        }

        return rows;
    }

    /// <summary>Every stored submission, by id.</summary>
    public async Task<IReadOnlyDictionary<Guid, SubmissionRow>> SubmissionsAsync(CancellationToken cancellationToken)
    {
        var rows = new Dictionary<Guid, SubmissionRow>();
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand(
            """SELECT "Id", "Vorgangsnummer", "ProcessId", "PersonalDataPurgedAt" IS NOT NULL FROM "Submissions" """, connection);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            rows[reader.GetGuid(0)] = new SubmissionRow(reader.GetGuid(0), reader.GetString(1), reader.GetString(2), reader.GetBoolean(3));
        }

        return rows;
    }

    /// <summary>The submission of every Postkorb item (one per delivered Postkorb application, if nothing went twice).</summary>
    public async Task<IReadOnlyList<Guid>> PostkorbSubmissionsAsync(CancellationToken cancellationToken)
    {
        var rows = new List<Guid>();
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand("""SELECT "SubmissionId" FROM "PostkorbItems" """, connection);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            rows.Add(reader.GetGuid(0));
        }

        return rows;
    }

    public async Task<IReadOnlyList<string>> BlobKeysAsync(CancellationToken cancellationToken)
    {
        var keys = new List<string>();
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand("""SELECT "Key" FROM "Blobs" """, connection);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            keys.Add(reader.GetString(0));
        }

        return keys;
    }

    /// <summary>
    /// Stands in for the retention period passing (at least one day by the rules; time cannot be moved forward in
    /// three other processes): every Postkorb item's deletion date becomes a minute ago.
    /// </summary>
    public Task MakePostkorbItemsDueAsync(CancellationToken cancellationToken) =>
        ScalarAsync("""UPDATE "PostkorbItems" SET "DeleteAt" = now() - interval '1 minute' """, cancellationToken);

    private async Task<object?> ScalarAsync(string sql, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand(sql, connection);
        return await command.ExecuteScalarAsync(cancellationToken);
    }

    private async Task<NpgsqlConnection> OpenAsync(CancellationToken cancellationToken)
    {
        var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        return connection;
    }
}
