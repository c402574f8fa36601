namespace EfaGateway.Host.Forms;

/// <summary>
/// Reads a page's form post up front, inside the form limits: a post beyond them is answered 413 with the error page,
/// a malformed one 400, before antiforgery or model binding would turn it into a vague 400 or a 500.
/// </summary>
public static class FormBodyLimits
{
    public static IApplicationBuilder UseFormBodyLimits(this IApplicationBuilder app) => app.Use(async (http, next) =>
    {
        var reExecuted = http.Features.Get<Microsoft.AspNetCore.Diagnostics.IStatusCodeReExecuteFeature>() is not null;
        if (!reExecuted && HttpMethods.IsPost(http.Request.Method) && http.Request.HasFormContentType && !http.Request.Path.StartsWithSegments("/api"))
        {
            try
            {
                await http.Request.ReadFormAsync(http.RequestAborted);
            }
            catch (Exception ex) when (ex is InvalidDataException or BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge })
            {
                http.Response.StatusCode = IsBeyondLimit(ex) ? StatusCodes.Status413PayloadTooLarge : StatusCodes.Status400BadRequest;
                return;
            }
        }

        await next(http);
    });

    /// <summary>
    /// The form reader reports both a limit ("Form value count limit 4096 exceeded.") and a malformed body (a %00 in a
    /// value: "The form value contains invalid characters.") as InvalidDataException; only the first is "too large".
    /// </summary>
    public static bool IsBeyondLimit(Exception exception) =>
        exception is BadHttpRequestException || exception.Message.Contains("limit", StringComparison.OrdinalIgnoreCase);
}
