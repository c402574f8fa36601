using System.Collections.Concurrent;
using System.Data.Common;
using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace EfaGateway.Persistence;

/// <summary>
/// Lets one write transaction at a time per SQLite file into the database, queueing the others in the process.
/// SQLite has one writer; without the gate concurrent transactions find the file locked and wait in SQLite's busy
/// handler, which sleeps (1, 2, 5 … 100 ms) and polls: under load most of a submit's time went there (bench/README.md:
/// ~80 % of the submit path, p99 in the hundreds of milliseconds). An awaited queue hands the lock on the moment it is
/// free. Durability is unchanged: every transaction still commits on its own before the caller continues.
/// The gate is released when the transaction commits, rolls back or fails, and at the latest when the connection
/// closes (a transaction disposed without either); if it cannot be had within the connection's timeout, the
/// transaction goes ahead ungated and SQLite's busy handling decides, as without the gate.
/// </summary>
internal sealed class SqliteWriteGate : DbTransactionInterceptor, IDbConnectionInterceptor
{
    public static readonly SqliteWriteGate Instance = new();

    private readonly ConcurrentDictionary<string, SemaphoreSlim> gates = new(StringComparer.Ordinal);
    private readonly ConditionalWeakTable<DbConnection, SemaphoreSlim> held = [];

    // After Commit an ADO.NET transaction no longer knows its connection, so the started ones are remembered.
    private readonly ConditionalWeakTable<DbTransaction, DbConnection> connections = [];

    public override InterceptionResult<DbTransaction> TransactionStarting(DbConnection connection, TransactionStartingEventData eventData,
        InterceptionResult<DbTransaction> result)
    {
        if (GateFor(connection) is { } gate && gate.Wait(Timeout(connection)))
        {
            held.AddOrUpdate(connection, gate);
        }

        return result;
    }

    public override async ValueTask<InterceptionResult<DbTransaction>> TransactionStartingAsync(DbConnection connection,
        TransactionStartingEventData eventData, InterceptionResult<DbTransaction> result, CancellationToken cancellationToken = default)
    {
        if (GateFor(connection) is { } gate && await gate.WaitAsync(Timeout(connection), cancellationToken))
        {
            held.AddOrUpdate(connection, gate);
        }

        return result;
    }

    public override DbTransaction TransactionStarted(DbConnection connection, TransactionEndEventData eventData, DbTransaction result)
    {
        connections.AddOrUpdate(result, connection);
        return result;
    }

    public override ValueTask<DbTransaction> TransactionStartedAsync(DbConnection connection, TransactionEndEventData eventData,
        DbTransaction result, CancellationToken cancellationToken = default)
    {
        connections.AddOrUpdate(result, connection);
        return ValueTask.FromResult(result);
    }

    public override void TransactionCommitted(DbTransaction transaction, TransactionEndEventData eventData) => Release(transaction);

    public override Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Release(transaction);
        return Task.CompletedTask;
    }

    public override void TransactionRolledBack(DbTransaction transaction, TransactionEndEventData eventData) => Release(transaction);

    public override Task TransactionRolledBackAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Release(transaction);
        return Task.CompletedTask;
    }

    public override void TransactionFailed(DbTransaction transaction, TransactionErrorEventData eventData) => Release(transaction);

    public override Task TransactionFailedAsync(DbTransaction transaction, TransactionErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        Release(transaction);
        return Task.CompletedTask;
    }

    public InterceptionResult ConnectionClosing(DbConnection connection, ConnectionEventData eventData, InterceptionResult result)
    {
        Release(connection);
        return result;
    }

    public ValueTask<InterceptionResult> ConnectionClosingAsync(DbConnection connection, ConnectionEventData eventData, InterceptionResult result)
    {
        Release(connection);
        return ValueTask.FromResult(result);
    }

    public InterceptionResult ConnectionDisposing(DbConnection connection, ConnectionEventData eventData, InterceptionResult result)
    {
        Release(connection);
        return result;
    }

    public ValueTask<InterceptionResult> ConnectionDisposingAsync(DbConnection connection, ConnectionEventData eventData, InterceptionResult result)
    {
        Release(connection);
        return ValueTask.FromResult(result);
    }

    /// <summary>Whether a write transaction of this process holds the file now (for tests).</summary>
    internal bool IsHeld(string databaseFile) =>
        gates.TryGetValue(Path.GetFullPath(databaseFile), out var gate) && gate.CurrentCount == 0;

    /// <summary>One gate per database file; in-memory databases (one connection each) need none.</summary>
    private SemaphoreSlim? GateFor(DbConnection connection) =>
        connection is SqliteConnection { DataSource: { Length: > 0 } file } && file != ":memory:"
            ? gates.GetOrAdd(Path.GetFullPath(file), _ => new SemaphoreSlim(1, 1))
            : null;

    private static TimeSpan Timeout(DbConnection connection) =>
        TimeSpan.FromSeconds(connection is SqliteConnection { DefaultTimeout: > 0 } sqlite ? sqlite.DefaultTimeout : 30);

    private void Release(DbTransaction transaction)
    {
        if (connections.TryGetValue(transaction, out var connection))
        {
            connections.Remove(transaction);
            Release(connection);
        }
    }

    private void Release(DbConnection connection)
    {
        if (held.TryGetValue(connection, out var gate) && held.Remove(connection))
        {
            gate.Release();
        }
    }
}
