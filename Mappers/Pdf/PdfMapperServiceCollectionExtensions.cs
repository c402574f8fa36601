using EfaGateway.Core.Ports;
using Microsoft.Extensions.DependencyInjection;

namespace EfaGateway.Mappers.Pdf;

public static class PdfMapperServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="PdfMapper"/> as the keyed <see cref="IMapper"/> "pdf". Call <see cref="PdfMapper.WarmUp"/>
    /// at start-up so the first application does not pay PDFsharp's start-up cost.
    /// </summary>
    public static IServiceCollection AddPdfMapper(this IServiceCollection services)
    {
        services.AddKeyedSingleton<IMapper, PdfMapper>(PdfMapper.MapperId);
        return services;
    }
}
