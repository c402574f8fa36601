using EfaGateway.Host.Security;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace EfaGateway.Host.Observability;

/// <summary>
/// <c>GET /api/v1/admin/stuck</c>: what is stuck and why, per tenant (operator key), for scripts and monitoring; people
/// read the same report on the operator page <c>/betrieb</c> (Pages/Operator).
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
        api.MapGet("/admin/health", async (HealthCheckService health, CancellationToken cancellationToken) =>
            {
                // /health/ready answers load balancers with one word; operators need to know which check and why.
                var report = await health.CheckHealthAsync(check => check.Tags.Contains("ready"), cancellationToken);
                return TypedResults.Ok(new
                {
                    status = report.Status.ToString(),
                    checks = report.Entries.Select(e => new { name = e.Key, status = e.Value.Status.ToString(), description = e.Value.Description }),
                });
            })
            .WithTags("Administration")
            .RequireAuthorization(OperatorApiKeyAuthentication.Policy)
            .WithSummary("The readiness checks one by one, with what each found.");
        return api;
    }
}
