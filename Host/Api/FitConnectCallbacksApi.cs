using EfaGateway.Core.Pipeline;
using EfaGateway.Core.Ports;
using EfaGateway.Transports.FitConnect;
using EfaGateway.Transports.FitConnect.Callbacks;
using Microsoft.AspNetCore.Http.HttpResults;

namespace EfaGateway.Host.Api;

/// <summary>
/// The Zustelldienst's callbacks for a FIT-Connect delivery (the URL given when it was announced). An authentic,
/// fresh callback triggers an immediate receipt check; the callback itself is only a hint, the event log decides.
/// Anything else — unknown delivery, missing or wrong HMAC, stale timestamp — is answered 401 alike and ignored.
/// </summary>
public static partial class FitConnectCallbacksApi
{
    /// <summary>Callbacks are small JSON notes; anything larger is not one.</summary>
    private const int MaxBodyBytes = 64 * 1024;

    public static RouteGroupBuilder MapFitConnectCallbacks(this RouteGroupBuilder api)
    {
        api.MapPost("/callbacks/fit-connect/{deliveryId:guid}", ReceiveAsync)
            .WithTags("FIT-Connect")
            .WithSummary("Callback of the FIT-Connect Zustelldienst (HMAC-SHA512 authenticated) for one delivery.")
            .AllowAnonymous()
            .DisableAntiforgery();
        return api;
    }

    internal static async Task<Results<Accepted, ProblemHttpResult>> ReceiveAsync(Guid deliveryId, HttpRequest request, IDeliveryStore deliveries,
        ICatalogStore catalog, ReceiptPoller receipts, TimeProvider time, ILoggerFactory loggers, CancellationToken cancellationToken)
    {
        var logger = loggers.CreateLogger(typeof(FitConnectCallbacksApi));
        var body = await LimitedReadStream.ReadAllAsync(request.Body, MaxBodyBytes, cancellationToken);
        if (body is null)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status413PayloadTooLarge, title: "Der Callback ist zu groß. (The callback is too large.)");
        }

        var delivery = await deliveries.FindAsync(deliveryId, cancellationToken);
        var binding = delivery is { TransportId: FitConnectTransport.TransportId }
            ? await catalog.FindTenantProcessAsync(delivery.TenantId, delivery.ProcessId, cancellationToken)
            : null;
        var route = binding?.Routes.FirstOrDefault(r => r.TransportId == FitConnectTransport.TransportId);
        var (settings, _) = FitConnectTransport.ReadSettings(route?.Settings);
        var problem = settings?.CallbackSecret is { } secret
            ? CallbackSignature.Verify(secret, request.Headers["callback-timestamp"], request.Headers["callback-authentication"], body, time.GetUtcNow())
            : "no FIT-Connect delivery with a callback secret has this id";
        if (problem is not null)
        {
            LogRefused(logger, deliveryId, problem);
            return TypedResults.Problem(statusCode: StatusCodes.Status401Unauthorized,
                title: "Callback nicht authentisch. (Callback not authentic.)",
                detail: "Der Callback wurde ignoriert. (The callback was ignored.)");
        }

        await receipts.CheckNowAsync(deliveryId, cancellationToken);
        return TypedResults.Accepted((string?)null);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "FIT-Connect callback for delivery {DeliveryId} ignored: {Problem}")]
    private static partial void LogRefused(ILogger logger, Guid deliveryId, string problem);
}
