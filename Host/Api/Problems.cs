using Microsoft.AspNetCore.Http.HttpResults;

namespace EfaGateway.Host.Api;

/// <summary>The API's ProblemDetails, German first, English in brackets.</summary>
internal static class Problems
{
    public const string ValidationTitle = "Die Angaben sind unvollständig oder fehlerhaft. (The application has errors.)";

    public static ProblemHttpResult UnsupportedMediaType() => TypedResults.Problem(
        statusCode: StatusCodes.Status415UnsupportedMediaType,
        title: "Nicht unterstützter Inhaltstyp. (Unsupported media type.)",
        detail: "Senden Sie den Antrag als application/json. (Send the application as application/json.)");

    public static ProblemHttpResult TooLarge() => TypedResults.Problem(
        statusCode: StatusCodes.Status413PayloadTooLarge,
        title: "Der Antrag ist zu groß. (The request is too large.)",
        detail: "Verkleinern Sie die Anlagen. (Make the attachments smaller.)");

    public static ProblemHttpResult Malformed(string detail) => TypedResults.Problem(
        statusCode: StatusCodes.Status400BadRequest,
        title: "Die Anfrage ist fehlerhaft. (Malformed request.)",
        detail: detail);

    public static ProblemHttpResult ProcessNotFound(string tenant, string process) => TypedResults.Problem(
        statusCode: StatusCodes.Status404NotFound,
        title: "Leistung nicht gefunden. (Process not found.)",
        detail: $"Der Mandant '{tenant}' bietet die Leistung '{process}' nicht an. (Tenant '{tenant}' does not offer process '{process}'.)");

    public static ProblemHttpResult ScannerUnavailable() => TypedResults.Problem(
        statusCode: StatusCodes.Status503ServiceUnavailable,
        title: "Virenprüfung nicht möglich (Malware scan unavailable)",
        detail: "Die Dateien können gerade nicht auf Schadsoftware geprüft werden; es wurde nichts gespeichert. Bitte später erneut senden. (The files cannot be scanned for malware right now; nothing was stored. Please send again later.)");

    /// <summary>draft-ietf-httpapi-idempotency-key-header §2.7: a key reused for a different request is 422.</summary>
    public static ProblemHttpResult IdempotencyKeyReused() => TypedResults.Problem(
        statusCode: StatusCodes.Status422UnprocessableEntity,
        title: "Idempotency-Key bereits verwendet. (Idempotency-Key already used.)",
        detail: "Mit diesem Idempotency-Key wurde schon ein anderer Antrag gesendet; es wurde nichts gespeichert. Verwenden Sie für jeden neuen Antrag einen neuen Schlüssel. " +
            "(A different application was already sent with this Idempotency-Key; nothing was stored. Use a new key for each new application.)");

    public static ProblemHttpResult NotFound(string detail) => TypedResults.Problem(
        statusCode: StatusCodes.Status404NotFound, title: "Nicht gefunden. (Not found.)", detail: detail);

    public static ProblemHttpResult Conflict(string detail) => TypedResults.Problem(
        statusCode: StatusCodes.Status409Conflict, title: "Nicht möglich. (Conflict.)", detail: detail);

    public static string NoTenantDetail(string tenant) => $"Den Mandanten '{tenant}' gibt es nicht. (There is no tenant '{tenant}'.)";

    public static ProblemHttpResult TenantNotFound(string tenant) => NotFound(NoTenantDetail(tenant));

    /// <summary>400 with the problems by field (RFC 9457 "errors"): an administrative change refused, nothing changed.</summary>
    public static ProblemHttpResult InvalidFields(IDictionary<string, string[]> errors) => TypedResults.Problem(new HttpValidationProblemDetails(errors)
    {
        Status = StatusCodes.Status400BadRequest,
        Title = "Die Angaben sind fehlerhaft; nichts wurde geändert. (The input has errors; nothing was changed.)",
    });

    /// <summary>The address the request came in on, for links when Gateway:PublicBaseUrl is not set.</summary>
    public static Uri RequestBase(HttpContext context) => new($"{context.Request.Scheme}://{context.Request.Host}/");
}
