using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace EfaGateway.XoevSchemas;

public static class XoevSchemasServiceCollectionExtensions
{
    /// <summary>
    /// Registers the process-wide <see cref="SchemaCatalog"/> with the project's own schemas, unless one is registered
    /// already (a host that adds XÖV schemas registers its own catalogue first).
    /// </summary>
    public static IServiceCollection AddSchemaCatalog(this IServiceCollection services)
    {
        services.TryAddSingleton(_ => SchemaCatalog.CreateDefault());
        return services;
    }
}
