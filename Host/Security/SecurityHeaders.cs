namespace EfaGateway.Host.Security;

/// <summary>
/// Strict headers on every answer: a Content-Security-Policy without inline script or style (pages use none),
/// no framing, no sniffing, no referrer beyond the origin, and no browser features the forms do not need.
/// </summary>
public static class SecurityHeaders
{
    public const string ContentSecurityPolicy =
        "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; connect-src 'self'; " +
        "form-action 'self'; frame-ancestors 'none'; base-uri 'none'; object-src 'none'";

    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app) => app.Use(async (http, next) =>
    {
        http.Response.OnStarting(() =>
        {
            var headers = http.Response.Headers;
            headers.ContentSecurityPolicy = ContentSecurityPolicy;
            headers.XContentTypeOptions = "nosniff";
            headers.XFrameOptions = "DENY";
            headers["Referrer-Policy"] = "same-origin";
            headers["Permissions-Policy"] = "camera=(), microphone=(), geolocation=(), payment=(), usb=()";
            headers["Cross-Origin-Opener-Policy"] = "same-origin";
            headers["Cross-Origin-Resource-Policy"] = "same-origin";
            if (!http.Request.Path.StartsWithSegments("/kern") && !http.Request.Path.StartsWithSegments("/assets"))
            {
                // Answers carry personal data; no shared or browser cache may keep them.
                headers.CacheControl = "no-store";
            }

            return Task.CompletedTask;
        });
        await next(http);
    });
}
