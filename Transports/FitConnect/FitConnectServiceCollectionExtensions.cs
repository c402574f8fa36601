using EfaGateway.Core.Ports;
using EfaGateway.Transports.FitConnect.Api;
using EfaGateway.Transports.FitConnect.Destinations;
using EfaGateway.Transports.FitConnect.Events;
using EfaGateway.Transports.FitConnect.Keys;
using EfaGateway.Transports.FitConnect.Settings;
using Microsoft.Extensions.DependencyInjection;

namespace EfaGateway.Transports.FitConnect;

public static class FitConnectServiceCollectionExtensions
{
    /// <summary>The FIT-Connect transport (keyed "fit-connect"), its receipts and its route settings check.</summary>
    public static IServiceCollection AddFitConnectTransport(this IServiceCollection services)
    {
        services.AddHttpClient(ApiCall.HttpClientName, client =>
        {
            // Each request has the route's own deadline (requestTimeoutSeconds), set per call.
            client.Timeout = Timeout.InfiniteTimeSpan;
            // The Routing API refuses requests without a User-Agent; the Submission API gets the same courtesy.
            client.DefaultRequestHeaders.UserAgent.ParseAdd("EfaGateway/1.0");
        });
        services.AddSingleton<AccessTokens>();
        services.AddSingleton<SubmissionApi>();
        services.AddSingleton<KeyValidation>();
        services.AddSingleton<DestinationDirectory>();
        services.AddSingleton<EventLogReader>();
        services.AddKeyedSingleton<ITransport, FitConnectTransport>(FitConnectTransport.TransportId);
        services.AddKeyedSingleton<IReceiptSource, FitConnectReceipts>(FitConnectTransport.TransportId);
        services.AddKeyedSingleton<ITransportSettings, FitConnectTransportSettings>(FitConnectTransport.TransportId);
        return services;
    }
}
