using System.Net.Sockets;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace EfaGateway.Host.Tests.FaultMatrix;

/// <summary>The writes the Postkorb transport makes for one application: to the database and to the blob store.</summary>
public enum StorageStep
{
    /// <summary>A file of the item goes to the blob store.</summary>
    StoreFile,

    /// <summary>The worker saves the item together with the outcome (Confirmed), in one transaction.</summary>
    RecordOutcome,
}

/// <summary>
/// Armed storage faults for the Postkorb matrix. The Postkorb's "remote end" is the gateway's own database and blob store,
/// so a fault is what those really throw: Npgsql's exceptions for the database (connection refused, command timeout,
/// connection reset) and IOException for a full or failing blob file system. Nothing here answers "malformed".
/// </summary>
public sealed class StorageFaultPlan
{
    /// <summary>A slow store: late, but there is no request timeout for the gateway's own storage.</summary>
    public static readonly TimeSpan SlowFor = TimeSpan.FromMilliseconds(300);

    private readonly Lock gate = new();
    private (StorageStep Step, MatrixFault Fault, int Remaining)? armed;

    public void Arm(StorageStep step, MatrixFault fault, int times = 1)
    {
        lock (gate)
        {
            armed = (step, fault, times);
        }
    }

    /// <summary>Called by the decorated stores at <paramref name="step"/>: throws or stalls if a fault is armed there.</summary>
    public async Task HitAsync(StorageStep step, CancellationToken cancellationToken)
    {
        MatrixFault fault;
        lock (gate)
        {
            if (armed is not { } current || current.Step != step || current.Remaining <= 0)
            {
                return;
            }

            armed = current with { Remaining = current.Remaining - 1 };
            fault = current.Fault;
        }

        if (fault == MatrixFault.Slow)
        {
            await Task.Delay(SlowFor, cancellationToken);
            return;
        }

        throw ExceptionFor(step, fault);
    }

    public static Exception ExceptionFor(StorageStep step, MatrixFault fault) => (step, fault) switch
    {
        (StorageStep.StoreFile, MatrixFault.ServerError) => new IOException("No space left on device"),
        (StorageStep.StoreFile, MatrixFault.ConnectionReset) =>
            new IOException("Connection reset by peer", new SocketException((int)SocketError.ConnectionReset)),
        (_, MatrixFault.ServerError) => new NpgsqlException("Failed to connect to 127.0.0.1:5432",
            new SocketException((int)SocketError.ConnectionRefused)),
        (_, MatrixFault.Timeout) => new NpgsqlException("Exception while reading from stream", new TimeoutException("Timeout during reading attempt")),
        (_, MatrixFault.ConnectionReset) => new NpgsqlException("Exception while reading from stream",
            new IOException("Connection reset by peer", new SocketException((int)SocketError.ConnectionReset))),
        _ => throw new ArgumentOutOfRangeException(nameof(fault), fault, "A store has no malformed answer."),
    };
}

internal static class ServiceDecoration
{
    /// <summary>Wraps the registered <typeparamref name="TService"/> (same lifetime) in <paramref name="decorate"/>.</summary>
    public static void Decorate<TService>(this IServiceCollection services, Func<IServiceProvider, TService, TService> decorate)
        where TService : class
    {
        var registered = services.Last(d => d.ServiceType == typeof(TService) && !d.IsKeyedService);
        services.Remove(registered);
        services.Add(new ServiceDescriptor(typeof(TService), sp =>
        {
            var inner = registered.ImplementationInstance
                ?? registered.ImplementationFactory?.Invoke(sp)
                ?? ActivatorUtilities.CreateInstance(sp, registered.ImplementationType!);
            return decorate(sp, (TService)inner);
        }, registered.Lifetime));
    }
}
