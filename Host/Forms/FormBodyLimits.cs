namespace EfaGateway.Host.Forms;

/// <summary>
/// Reads a page's form post up front, inside the form limits: a post beyond them is answered 413 with the error page,
/// before antiforgery or model binding would turn it into a vague 400 or a 500.
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
                http.Response.StatusCode = StatusCodes.Status413PayloadTooLarge;
                return;
            }
        }

        await next(http);
    });
}
