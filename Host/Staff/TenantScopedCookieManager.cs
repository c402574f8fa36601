using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Diagnostics;

namespace EfaGateway.Host.Staff;

/// <summary>
/// Staff cookies are issued for <c>/{tenant}/postkorb</c> only, taken from the request that sets them, so a browser
/// never sends tenant A's session to tenant B's pages (the tenant claim is checked on every request as well).
/// Also applies on renewal and deletion, which the cookie handler does outside its sign-in events.
/// </summary>
public sealed class TenantScopedCookieManager : ICookieManager
{
    private readonly ChunkingCookieManager inner = new();

    public string? GetRequestCookie(HttpContext context, string key) => inner.GetRequestCookie(context, key);

    public void AppendResponseCookie(HttpContext context, string key, string? value, CookieOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Path = ScopeOf(context);
        inner.AppendResponseCookie(context, key, value, options);
    }

    public void DeleteCookie(HttpContext context, string key, CookieOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Path = ScopeOf(context);
        inner.DeleteCookie(context, key, options);
    }

    /// <summary>
    /// <c>/{tenant}/postkorb</c> of the request path. A staff page's 404 or 500 is answered by the error page re-executed
    /// at <c>/fehler/…</c>, while the session cookie is renewed as the response starts: the path asked for counts then.
    /// </summary>
    public static string ScopeOf(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var (pathBase, path) = context.Features.Get<IStatusCodeReExecuteFeature>() is { } reExecuted
            ? (reExecuted.OriginalPathBase, reExecuted.OriginalPath)
            : context.Features.Get<IExceptionHandlerPathFeature>() is { } failed
                ? (context.Request.PathBase.Value, failed.Path)
                : (context.Request.PathBase.Value, context.Request.Path.Value);
        var segments = path?.Split('/', StringSplitOptions.RemoveEmptyEntries) ?? [];
        return segments.Length >= 2 && segments[1] == StaffRoutes.Postkorb
            ? $"{pathBase}/{segments[0]}/{StaffRoutes.Postkorb}"
            : throw new InvalidOperationException("A staff cookie is only issued on a Postkorb page.");
    }
}

/// <summary>The staff pages' addresses.</summary>
public static class StaffRoutes
{
    public const string Postkorb = "postkorb";

    public static string Home(string tenant) => $"/{tenant}/{Postkorb}";

    public static string SetPassword(string tenant) => $"/{tenant}/{Postkorb}/passwort-setzen";

    public static string Inbox(string tenant) => $"/{tenant}/{Postkorb}/eingang";

    public static string Item(string tenant, Guid itemId) => $"/{tenant}/{Postkorb}/eintrag/{itemId:D}";
}
