using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;

namespace EfaGateway.Host.Forms;

/// <summary>Per-client limits on sending applications and on PIN entry, so neither can be hammered.</summary>
public static class RateLimits
{
    public const string Submit = "submit";
    public const string Pin = "pin";

    public static IServiceCollection AddGatewayRateLimits(this IServiceCollection services, IConfiguration configuration) =>
        services.AddRateLimiter(options =>
        {
            options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            options.AddPolicy(Submit, http => Window(http, configuration.GetValue("Gateway:RateLimits:SubmitPerMinute", 20)));
            options.AddPolicy(Pin, http => Window(http, configuration.GetValue("Gateway:RateLimits:PinPerMinute", 10)));
        });

    private static RateLimitPartition<string> Window(HttpContext http, int permits) =>
        RateLimitPartition.GetFixedWindowLimiter(http.Connection.RemoteIpAddress?.ToString() ?? "unknown", _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = permits,
            Window = TimeSpan.FromMinutes(1),
            QueueLimit = 0,
        });
}
