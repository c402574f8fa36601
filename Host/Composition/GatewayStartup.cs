using EfaGateway.Host.Samples;
using EfaGateway.Host.Security;
using EfaGateway.Mappers.Pdf;
using EfaGateway.Persistence;
using Microsoft.Extensions.Options;

namespace EfaGateway.Host.Composition;

/// <summary>What happens once before the host serves: database, demo data, operator key, PDF warm-up.</summary>
public static partial class GatewayStartup
{
    public static async Task PrepareAsync(this WebApplication app, CancellationToken cancellationToken = default)
    {
        // Every ValidateOnStart option at once, before anything touches the database, so one start names every problem.
        app.Services.GetService<IStartupValidator>()?.Validate();
        var options = app.Services.GetRequiredService<IOptions<GatewayOptions>>().Value;
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("EfaGateway.Startup");
        Directory.CreateDirectory(options.ResolvedDataDirectory);

        await using var scope = app.Services.CreateAsyncScope();
        var migrator = scope.ServiceProvider.GetRequiredService<DatabaseMigrator>();
        if ((await migrator.GetUnknownAppliedMigrationsAsync(cancellationToken)) is { Count: > 0 } newer)
        {
            throw new InvalidOperationException(
                $"The database schema is newer than this version of EfaGateway (it has {string.Join(", ", newer)}). " +
                "Start the version that migrated it, or restore the backup taken before the upgrade.");
        }

        if (options.MigrateOnStart)
        {
            await migrator.MigrateAsync(cancellationToken);
        }
        else if ((await migrator.GetPendingMigrationsAsync(cancellationToken)) is { Count: > 0 } pending)
        {
            throw new InvalidOperationException(
                $"The database schema is not up to date ({pending.Count} migration(s) pending: {string.Join(", ", pending)}). " +
                "Run the 'migrate' verb first; hosts with Gateway:MigrateOnStart=false never migrate by themselves.");
        }

        if (options.LoadSamples)
        {
            await scope.ServiceProvider.GetRequiredService<SampleLoader>().LoadAsync(options.ResolvedSamplesDirectory, cancellationToken);
        }

        app.Services.GetRequiredService<OperatorKeyStore>().EnsureKey();
        PdfMapper.WarmUp();
        LogReady(logger, options.ResolvedDataDirectory);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Gateway prepared; data directory {DataDirectory}")]
    private static partial void LogReady(ILogger logger, string dataDirectory);
}
