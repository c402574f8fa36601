using EfaGateway.Host.Forms;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace EfaGateway.Host.Pages;

/// <summary>The error page for citizens (re-executed for 4xx/5xx answers outside the API). Says what to do, never why in detail.</summary>
[IgnoreAntiforgeryToken]
public sealed class FehlerModel : PageModel
{
    [FromRoute]
    public int Code { get; set; }

    public string Heading { get; private set; } = string.Empty;

    public string Message { get; private set; } = string.Empty;

    public void OnGet() => Describe();

    public void OnPost() => Describe(); // a re-executed post (its form is never read here)

    private void Describe()
    {
        // After an exception the page is re-executed at /fehler/500 with the status the exception stands for.
        var code = Response.StatusCode >= 400 ? Response.StatusCode : Code;
        (Heading, Message) = code switch
        {
            404 => (HttpContext.T("Seite nicht gefunden", "Page not found"),
                HttpContext.T("Diese Seite gibt es nicht. Bitte prüfen Sie die Adresse oder nutzen Sie den Link Ihrer Verwaltung.", "This page does not exist. Please check the address or use the link of your administration.")),
            400 => (HttpContext.T("Anfrage ungültig", "Invalid request"),
                HttpContext.T("Die Anfrage konnte nicht verarbeitet werden. Bitte laden Sie die Seite neu und versuchen Sie es erneut.", "The request could not be processed. Please reload the page and try again.")),
            413 => (HttpContext.T("Datei zu groß", "File too large"),
                HttpContext.T("Die gesendeten Daten sind zu groß. Bitte laden Sie kleinere Dateien hoch.", "The data sent is too large. Please upload smaller files.")),
            429 => (HttpContext.T("Zu viele Anfragen", "Too many requests"),
                HttpContext.T("Bitte warten Sie einen Moment und versuchen Sie es dann erneut.", "Please wait a moment and try again.")),
            _ => (HttpContext.T("Ein Fehler ist aufgetreten", "An error occurred"),
                HttpContext.T("Bitte versuchen Sie es später erneut. Ihre bisherigen Angaben bleiben erhalten.", "Please try again later. Your answers so far are kept.")),
        };
    }
}
