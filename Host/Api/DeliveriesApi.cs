using EfaGateway.Core.Pipeline;
using EfaGateway.Core.Ports;
using EfaGateway.Host.Security;
using Microsoft.AspNetCore.Http.HttpResults;

namespace EfaGateway.Host.Api;

/// <summary>Operators: dead letters of a tenant, and "retry now".</summary>
public static class DeliveriesApi
{
    public static RouteGroupBuilder MapDeliveriesApi(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/tenants/{tenant}/deliveries").WithTags("Deliveries").RequireAuthorization(OperatorApiKeyAuthentication.Policy);
        group.MapGet("/dead-letters", ListDeadLettersAsync).WithSummary("Dead-lettered deliveries of the tenant, with their reasons.");
        group.MapPost("/{id:guid}/retry", RetryNowAsync).WithSummary("Retry now: due at once, attempt counter reset.");
        return api;
    }

    internal static async Task<Ok<List<DeliveryDto>>> ListDeadLettersAsync(string tenant, IDeliveryStore deliveries, CancellationToken cancellationToken) =>
        TypedResults.Ok((await deliveries.ListDeadLetteredAsync(tenant, cancellationToken)).Select(DeliveryDto.From).ToList());

    internal static async Task<Results<Accepted<DeliveryDto>, ProblemHttpResult>> RetryNowAsync(
        string tenant, Guid id, IDeliveryStore deliveries, DeliveryOperations operations, CancellationToken cancellationToken)
    {
        var existing = await deliveries.FindAsync(id, cancellationToken);
        if (existing is null || existing.TenantId != tenant)
        {
            return Problems.NotFound("Diese Zustellung gibt es nicht. (There is no such delivery.)");
        }

        var result = await operations.RetryNowAsync(id, cancellationToken);
        return result.Status switch
        {
            RetryNowStatus.Scheduled => TypedResults.Accepted($"/api/v1/tenants/{tenant}/submissions/{result.Delivery!.SubmissionId}", DeliveryDto.From(result.Delivery)),
            RetryNowStatus.NotFound => Problems.NotFound("Diese Zustellung gibt es nicht. (There is no such delivery.)"),
            RetryNowStatus.Conflict => Problems.Conflict("Die Zustellung wurde gerade an anderer Stelle geändert; bitte laden Sie sie neu. " +
                "(The delivery was changed concurrently; reload it and try again.)"),
            _ => Problems.Conflict($"Die Zustellung ist im Zustand {result.Delivery!.State} und kann nicht neu angestoßen werden. " +
                $"(The delivery is {result.Delivery.State} and cannot be retried now.)"),
        };
    }
}
