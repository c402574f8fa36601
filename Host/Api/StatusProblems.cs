using Microsoft.AspNetCore.Http;

namespace EfaGateway.Host.Api;

/// <summary>
/// Gives the ProblemDetails that the framework writes by itself (routing's 415 for a wrong content type, 404 for an
/// unknown path, 405) a sentence a person can act on, German first.
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
                "Senden Sie den Antrag als application/json. (Send the application as application/json.)"),
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
