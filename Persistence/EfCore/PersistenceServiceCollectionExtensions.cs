using EfaGateway.Core.Ports;
using EfaGateway.Persistence.Blobs;
using EfaGateway.Persistence.Configuration;
using EfaGateway.Persistence.Stores;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace EfaGateway.Persistence;

public static class PersistenceServiceCollectionExtensions
{
    /// <summary>
    /// The stores (scoped) as the Core ports, the blob store (singleton), the database context for the configured
    /// provider (also as <see cref="GatewayDbContext"/>, e.g. for <c>AddDbContextCheck&lt;GatewayDbContext&gt;()</c>),
    /// and <see cref="DatabaseMigrator"/>. Options are validated at start-up, every problem reported at once.
    /// </summary>
    public static IServiceCollection AddGatewayPersistence(this IServiceCollection services, IConfiguration configuration)
    {
        var dataDirectory = GatewayDataDirectory.Resolve(configuration);
        services.TryAddSingleton(TimeProvider.System);

        services.AddOptions<DatabaseOptions>()
            .Bind(configuration.GetSection(DatabaseOptions.SectionName))
            .PostConfigure(options => options.ApplyDefaults(dataDirectory))
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<DatabaseOptions>, DatabaseOptionsValidator>());
        services.AddOptions<BlobStoreOptions>()
            .Bind(configuration.GetSection(BlobStoreOptions.SectionName))
            .PostConfigure(options => options.ApplyDefaults(dataDirectory))
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<BlobStoreOptions>, BlobStoreOptionsValidator>());

        // The context type must be known while registering; an unknown provider falls through to SQLite here and is
        // then reported by the options validation at start-up.
        var provider = DatabaseOptions.NormalizeProvider(configuration[$"{DatabaseOptions.SectionName}:{nameof(DatabaseOptions.Provider)}"]);
        if (provider == DatabaseOptions.PostgreSql)
        {
            AddContext<NpgsqlGatewayDbContext>(services, NpgsqlGatewayDbContext.Configure);
        }
        else
        {
            AddContext<SqliteGatewayDbContext>(services, SqliteGatewayDbContext.Configure);
        }

        services.AddSingleton<DatabaseMigrator>();
        services.AddSingleton<ProcessDefinitionCache>();
        services.AddScoped<ICatalogStore, CatalogStore>();
        services.AddSingleton<StoredRoutes>();
        services.AddScoped<ISubmissionStore, SubmissionStore>();
        services.AddScoped<IDeliveryStore, DeliveryStore>();
        services.AddScoped<IPostkorbStore, PostkorbStore>();
        services.AddScoped<IDraftStore, DraftStore>();
        services.AddScoped<IStoreMaintenance, StoreMaintenance>();
        services.AddScoped<ITenantDataStore, TenantDataStore>();
        services.AddScoped<IAuditLog, Staff.AuditLogStore>();

        services.AddSingleton(CreateKeyRing);
        services.AddSingleton<BlobCipher>();
        services.AddSingleton<IBlobStore>(sp =>
        {
            var options = sp.GetRequiredService<IOptions<BlobStoreOptions>>().Value;
            return options.Store == BlobStoreOptions.Database
                ? ActivatorUtilities.CreateInstance<DatabaseBlobStore>(sp)
                : new FileSystemBlobStore(sp.GetRequiredService<BlobCipher>(), options.Directory!);
        });
        return services;
    }

    private static void AddContext<TContext>(IServiceCollection services, Func<DbContextOptionsBuilder, string, DbContextOptionsBuilder> configure)
        where TContext : GatewayDbContext
    {
        // Pooled: the stores create a context per operation, and a new one looks up its internal services by comparing
        // options each time (a visible share of a submit's CPU in bench/README.md); a pooled one is reset and reused.
        // A failed save is not EF's to report: the stores turn expected clashes (a taken Vorgangsnummer, a concurrent
        // retry with the same Idempotency-Key) into outcomes, and whatever else propagates is logged where it ends.
        // At EF's default (Error, with the whole exception) every such race would read like an outage.
        services.AddPooledDbContextFactory<TContext>((sp, builder) =>
            configure(builder, sp.GetRequiredService<IOptions<DatabaseOptions>>().Value.ConnectionString!)
                .ConfigureWarnings(warnings => warnings.Log((CoreEventId.SaveChangesFailed, LogLevel.Debug))));
        services.AddSingleton<IDbContextFactory<GatewayDbContext>>(sp =>
            new GatewayDbContextFactory<TContext>(sp.GetRequiredService<IDbContextFactory<TContext>>()));

        // Scoped and disposed with the scope: for health checks and for Host code that wants a context of its own.
        services.AddScoped<GatewayDbContext>(sp => sp.GetRequiredService<IDbContextFactory<TContext>>().CreateDbContext());
    }

    private static BlobKeyRing CreateKeyRing(IServiceProvider services)
    {
        var options = services.GetRequiredService<IOptions<BlobStoreOptions>>().Value;
        if (options.Keys.Count > 0)
        {
            return new BlobKeyRing(options.Keys.Select(k => BlobKey.FromBase64(k.Id!, k.Key!)));
        }

        var ring = BlobKeyFile.LoadOrCreate(options.KeyFile!, services.GetRequiredService<TimeProvider>(), out var created);
        if (created)
        {
            var logger = services.GetService<ILoggerFactory>()?.CreateLogger(typeof(BlobKeyFile)) ?? NullLogger.Instance;
            logger.LogWarning("Created a new blob encryption key file at {KeyFile}. Back it up: stored files cannot be read without it", options.KeyFile);
        }

        return ring;
    }

    /// <summary>Hands out the provider's context as the provider-neutral base type the stores work with.</summary>
    private sealed class GatewayDbContextFactory<TContext>(IDbContextFactory<TContext> inner) : IDbContextFactory<GatewayDbContext>
        where TContext : GatewayDbContext
    {
        public GatewayDbContext CreateDbContext() => inner.CreateDbContext();

        public async Task<GatewayDbContext> CreateDbContextAsync(CancellationToken cancellationToken = default) =>
            await inner.CreateDbContextAsync(cancellationToken);
    }
}
