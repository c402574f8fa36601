using EfaGateway.Core.Ports;
using EfaGateway.XoevSchemas;
using Microsoft.Extensions.DependencyInjection;

namespace EfaGateway.Mappers.CanonicalXml;

public static class CanonicalXmlServiceCollectionExtensions
{
    /// <summary>Registers <see cref="CanonicalXmlMapper"/> as the keyed <see cref="IMapper"/> "canonical-xml".</summary>
    public static IServiceCollection AddCanonicalXmlMapper(this IServiceCollection services)
    {
        services.AddSchemaCatalog();
        services.AddKeyedSingleton<IMapper>(
            CanonicalXmlMapper.MapperId,
            (provider, _) => new CanonicalXmlMapper(provider.GetRequiredService<SchemaCatalog>()));
        return services;
    }
}
