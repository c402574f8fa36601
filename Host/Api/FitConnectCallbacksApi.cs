using System.Text.Json;
using System.Text.Unicode;
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
        ICatalogStore catalog, IServiceScopeFactory scopes, TimeProvider time, ILoggerFactory loggers, CancellationToken cancellationToken)
    {
        var logger = loggers.CreateLogger(typeof(FitConnectCallbacksApi));
        var body = await LimitedReadStream.ReadAllAsync(request.Body, MaxBodyBytes, cancellationToken);
        if (body is null)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status413PayloadTooLarge, title: "Der Callback ist zu groß. (The callback is too large.)",
                detail: "Ein Callback ist höchstens 64 KB groß. (A callback is at most 64 KB.)");
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

        // Authentic, but still only worth acting on if it is what the Zustelldienst sends: a JSON object. Anything else is
        // refused (and not acted on), so a broken sender sees its error instead of a 202 for nonsense.
        if (!request.HasJsonContentType())
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status415UnsupportedMediaType,
                title: "Nicht unterstützter Inhaltstyp. (Unsupported media type.)",
                detail: "Ein Callback ist application/json. (A callback is application/json.)");
        }

        if (!IsJsonObject(body))
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest,
                title: "Die Anfrage ist fehlerhaft. (Malformed request.)",
                detail: "Der Callback ist kein JSON-Objekt in UTF-8. (The callback is not a JSON object in UTF-8.)");
        }

        // Answered at once; the check (remote calls, key checks) runs on its own, so a slow event log never makes the
        // Zustelldienst time out and call again. If it fails, the regular poll finds the verdict.
        _ = Task.Run(() => CheckReceiptAsync(scopes, deliveryId, logger), CancellationToken.None);
        return TypedResults.Accepted((string?)null);
    }

    private static bool IsJsonObject(byte[] body)
    {
        if (!Utf8.IsValid(body))
        {
            return false;
        }

        try
        {
            using var document = JsonDocument.Parse(body, new JsonDocumentOptions { MaxDepth = 16, AllowDuplicateProperties = false });
            return document.RootElement.ValueKind == JsonValueKind.Object;
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException)
        {
            return false; // InvalidOperationException: a member name with an escaped lone surrogate, met by the duplicate check
        }
    }

    private static async Task CheckReceiptAsync(IServiceScopeFactory scopes, Guid deliveryId, ILogger logger)
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<ReceiptPoller>().CheckNowAsync(deliveryId, CancellationToken.None);
        }
        catch (Exception ex)
        {
            LogCheckFailed(logger, ex.GetType().Name, deliveryId);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Receipt check after a FIT-Connect callback for delivery {DeliveryId} failed with {ExceptionType}; the regular poll will try")]
    private static partial void LogCheckFailed(ILogger logger, string exceptionType, Guid deliveryId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "FIT-Connect callback for delivery {DeliveryId} ignored: {Problem}")]
    private static partial void LogRefused(ILogger logger, Guid deliveryId, string problem);
}
