using Microsoft.AspNetCore.Http;

namespace EfaGateway.Host.Api;

/// <summary>
/// Gives the ProblemDetails that the framework writes by itself (binding's 400 for a body it cannot read, 413, routing's
/// 415 for a wrong content type, 404 for an unknown path, 405) a sentence a person can act on, German first.
/// </summary>
internal static class StatusProblems
{
    public static void Describe(ProblemDetailsContext context)
    {
        var problem = context.ProblemDetails;
        if (problem.Detail is not null)
        {
            return;
        }

        (problem.Title, problem.Detail) = problem.Status switch
        {
            StatusCodes.Status415UnsupportedMediaType => ("Nicht unterstützter Inhaltstyp. (Unsupported media type.)",
                "Senden Sie den Inhalt als application/json. (Send the body as application/json.)"),
            StatusCodes.Status400BadRequest => ("Die Anfrage ist fehlerhaft. (Malformed request.)",
                "Der Inhalt ist kein gültiges JSON für diese Anfrage: Syntax, UTF-8, ein doppelter Eintrag oder der Typ eines Eintrags. " +
                "(The body is not valid JSON for this request: syntax, UTF-8, a member named twice or a member's type.)"),
            StatusCodes.Status413PayloadTooLarge => ("Die Anfrage ist zu groß. (The request is too large.)",
                "Der Inhalt überschreitet die Größengrenze dieser Adresse. (The body exceeds the size limit of this address.)"),
            StatusCodes.Status404NotFound => ("Nicht gefunden. (Not found.)",
                "Diese Adresse gibt es nicht. (There is nothing at this address.)"),
            StatusCodes.Status405MethodNotAllowed => ("Methode nicht erlaubt. (Method not allowed.)",
                "Diese Adresse unterstützt diese HTTP-Methode nicht. (This address does not support this HTTP method.)"),
            StatusCodes.Status401Unauthorized => ("Nicht angemeldet. (Unauthorized.)",
                "Senden Sie einen gültigen Betreiberschlüssel im Kopf X-Api-Key. (Send a valid operator key in the X-Api-Key header.)"),
            _ => (problem.Title, problem.Detail),
        };
    }
}
