using EfaGateway.Host.Security;

namespace EfaGateway.Host.Observability;

/// <summary>
/// <c>GET /api/v1/admin/stuck</c>: what is stuck and why, per tenant (operator key). JSON only: a browser page would need
/// the operator key in a cookie or the URL, which the gateway deliberately does not offer; <c>curl | jq</c> reads it.
/// </summary>
public static class StuckApi
{
    public static RouteGroupBuilder MapStuckApi(this RouteGroupBuilder api)
    {
        api.MapGet("/admin/stuck", async (StuckReport report, CancellationToken cancellationToken) =>
                TypedResults.Ok(await report.BuildAsync(cancellationToken)))
            .WithTags("Administration")
            .RequireAuthorization(OperatorApiKeyAuthentication.Policy)
            .WithSummary("What is stuck and why, per tenant: dead letters without fallback, long retries, missing receipts, open mailbox messages, oldest pending age.");
        return api;
    }
}
