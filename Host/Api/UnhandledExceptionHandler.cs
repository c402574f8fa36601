using Microsoft.AspNetCore.Diagnostics;

namespace EfaGateway.Host.Api;

/// <summary>
/// Answers an unexpected exception with a bare 500 ProblemDetails and logs it without its message: messages of
/// parser, database and framework exceptions may quote what a citizen typed, and no form value may reach a log.
/// The type and the stack trace (which holds code locations only) are enough to find the bug.
/// </summary>
internal sealed partial class UnhandledExceptionHandler(IProblemDetailsService problems, ILogger<UnhandledExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        LogUnhandled(logger, exception.GetType().FullName ?? exception.GetType().Name, httpContext.Request.Method,
            httpContext.Request.Path.Value ?? string.Empty, exception.StackTrace ?? string.Empty);
        httpContext.Response.StatusCode = StatusCodes.Status500InternalServerError;
        if (!httpContext.Request.Path.StartsWithSegments("/api"))
        {
            return false; // citizen pages: the exception handler re-executes the HTML error page
        }

        return await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = httpContext });
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Unhandled {ExceptionType} in {RequestMethod} {RequestPath}; stack: {StackTrace}")]
    private static partial void LogUnhandled(ILogger logger, string exceptionType, string requestMethod, string requestPath, string stackTrace);
}
