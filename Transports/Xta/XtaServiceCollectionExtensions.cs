using EfaGateway.Core.Ports;
using EfaGateway.Transports.Xta.Settings;
using Microsoft.Extensions.DependencyInjection;

namespace EfaGateway.Transports.Xta;

public static class XtaServiceCollectionExtensions
{
    /// <summary>The XTA 2 Version 3 transport (keyed "xta"), its transport-report receipts and its route settings check.</summary>
    public static IServiceCollection AddXtaTransport(this IServiceCollection services)
    {
        services.AddKeyedSingleton<ITransport, XtaTransport>(XtaTransport.TransportId);
        services.AddKeyedSingleton<IReceiptSource, XtaReceipts>(XtaTransport.TransportId);
        services.AddKeyedSingleton<ITransportSettings, XtaTransportSettings>(XtaTransport.TransportId);
        return services;
    }
}
