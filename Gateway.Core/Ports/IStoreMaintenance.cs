namespace EfaGateway.Core.Ports;

/// <summary>
/// Housekeeping after deletions, so deleted personal data also leaves the storage files (e.g. SQLite: truncate the
/// write-ahead log, whose old frames still hold deleted rows). Called at the end of every retention run.
/// </summary>
public interface IStoreMaintenance
{
    Task AfterDeletionAsync(CancellationToken cancellationToken);
}
