using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace EfaGateway.Mappers.Xdomea;

public static class XdomeaServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="XdomeaExporter"/> (scoped, like the stores it reads) and binds <see cref="XdomeaOptions"/>
    /// to <c>Gateway:Xdomea</c>, checked at start-up. Needs <see cref="Core.Ports.IPostkorbStore"/>,
    /// <see cref="Core.Ports.IBlobStore"/> and <see cref="Core.Ports.ICatalogStore"/> from the persistence adapter.
    /// </summary>
    public static IServiceCollection AddXdomeaExport(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<XdomeaOptions>().Bind(configuration.GetSection(XdomeaOptions.SectionName)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<XdomeaOptions>, XdomeaOptionsValidator>());
        services.TryAddSingleton(_ => new XdomeaSchemas());
        services.TryAddSingleton<IXdomeaIdGenerator, RandomXdomeaIdGenerator>();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddScoped<XdomeaExporter>();
        return services;
    }
}
