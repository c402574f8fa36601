using EfaGateway.Core.Ports;
using EfaGateway.Mappers.CanonicalXml;
using EfaGateway.XoevSchemas;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace EfaGateway.Mappers.Xoev;

public static class XoevServiceCollectionExtensions
{
    /// <summary>
    /// Registers one keyed <see cref="IMapper"/> per XÖV standard (<see cref="XoevStandards.All"/>, e.g. "xbau-2.6") and
    /// binds <see cref="XoevOptions"/> to <c>Gateway:Xoev</c>, checked at start-up.
    /// </summary>
    public static IServiceCollection AddXoevMappers(this IServiceCollection services)
    {
        services.AddSchemaCatalog();
        services.AddOptions<XoevOptions>().BindConfiguration(XoevOptions.SectionName).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<XoevOptions>, XoevOptionsValidator>());
        services.TryAddSingleton(_ => new XoevSchemaSets());
        foreach (var standard in XoevStandards.All)
        {
            services.AddKeyedSingleton<IMapper>(standard.MapperId, (provider, _) => new XoevMapper(
                standard,
                new CanonicalXmlMapper(provider.GetRequiredService<SchemaCatalog>()),
                provider.GetRequiredService<XoevSchemaSets>(),
                provider.GetRequiredService<IOptions<XoevOptions>>()));
        }

        return services;
    }
}
