using System.Text;
using EfaGateway.Host.Api;
using EfaGateway.Host.Security;
using Microsoft.AspNetCore.Http.HttpResults;

namespace EfaGateway.Host.Privacy;

/// <summary>
/// Operators fetch the data-protection documentation of a tenant's process as HTML (to edit) or PDF. Both come as
/// downloads: the HTML carries its own small stylesheet, which is meant for the municipality's copy, not for a page
/// served under the gateway's Content-Security-Policy.
/// </summary>
public static class PrivacyDocumentationApi
{
    public static RouteGroupBuilder MapPrivacyDocumentationApi(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/admin/tenants/{tenant}/processes/{process}")
            .WithTags("Privacy documentation")
            .RequireAuthorization(OperatorApiKeyAuthentication.Policy);
        group.MapGet("/privacy.html", HtmlAsync)
            .WithSummary("Datenschutzdokumentation der Leistung als HTML (Verzeichnis von Verarbeitungstätigkeiten, Entwurf der Datenschutzerklärung).");
        group.MapGet("/privacy.pdf", PdfAsync)
            .WithSummary("Datenschutzdokumentation der Leistung als PDF.");
        return api;
    }

    internal static async Task<Results<FileContentHttpResult, ProblemHttpResult>> HtmlAsync(
        string tenant, string process, PrivacyDocumentation documentation, CancellationToken cancellationToken)
    {
        var document = await documentation.BuildAsync(tenant, process, cancellationToken);
        return document is null
            ? Problems.ProcessNotFound(tenant, process)
            : TypedResults.File(Encoding.UTF8.GetBytes(PrivacyHtmlWriter.Write(document)), "text/html; charset=utf-8", FileName(tenant, process, "html"));
    }

    internal static async Task<Results<FileContentHttpResult, ProblemHttpResult>> PdfAsync(
        string tenant, string process, PrivacyDocumentation documentation, CancellationToken cancellationToken)
    {
        var document = await documentation.BuildAsync(tenant, process, cancellationToken);
        return document is null
            ? Problems.ProcessNotFound(tenant, process)
            : TypedResults.File(PrivacyPdfWriter.Write(document), "application/pdf", FileName(tenant, process, "pdf"));
    }

    // Route values come from the URL: only slugs make it into the file name, anything else gets a fixed name.
    private static string FileName(string tenant, string process, string extension) =>
        Core.Tenants.TenantId.IsValid(tenant) && Core.Tenants.TenantId.IsValid(process)
            ? $"datenschutz-{tenant}-{process}.{extension}"
            : $"datenschutz.{extension}";
}
