using Microsoft.AspNetCore.Diagnostics;

namespace EfaGateway.Host.Api;

/// <summary>
/// A request the server refuses while reading it (Kestrel's body limit, a body binding cannot read) surfaces as a
/// <see cref="BadHttpRequestException"/> with the status it stands for. In the API that status is answered as a
/// ProblemDetails (titles from <see cref="StatusProblems"/>), not as a 500; it is the caller's error, not a bug, so
/// it is not logged as one. Citizen pages keep their own handling (the error page with the status).
/// </summary>
internal sealed partial class BadRequestExceptionHandler(IProblemDetailsService problems, ILogger<BadRequestExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is not BadHttpRequestException bad || !httpContext.Request.Path.StartsWithSegments("/api"))
        {
            return false;
        }

        LogRefused(logger, bad.StatusCode, httpContext.Request.Method, httpContext.Request.Path.Value ?? string.Empty);
        httpContext.Response.StatusCode = bad.StatusCode;
        return await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = httpContext });
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Refused {StatusCode} while reading {RequestMethod} {RequestPath}")]
    private static partial void LogRefused(ILogger logger, int statusCode, string requestMethod, string requestPath);
}
