using EfaGateway.Core.Processes;
using EfaGateway.Host.Api;
using EfaGateway.Host.Forms;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace EfaGateway.Host.Pages.Forms;

/// <summary>What every citizen page of a process shares: the tenant's process, the session, links and texts.</summary>
public abstract class FormPageModel(FormFlow flow, FormSessionStore sessions) : PageModel
{
    [FromRoute]
    public string Tenant { get; set; } = string.Empty;

    [FromRoute]
    public string Process { get; set; } = string.Empty;

    public TenantProcess TenantProcess { get; private set; } = null!;

    /// <summary>The definition the session works with (its version), else the tenant's current one.</summary>
    public ProcessDefinition Definition { get; private set; } = null!;

    public FormSession? Session { get; private set; }

    public bool English => CitizenLanguage.IsEnglish(HttpContext);

    public string BasePath => $"/{Tenant}/{Process}";

    protected FormFlow Flow => flow;

    protected FormSessionStore Sessions => sessions;

    public string T(string german, string english) => English ? english : german;

    public string Text(LocalizedText text) => text.For(English ? "en" : "de");

    public string StepPath(int sectionIndex) => $"{BasePath}/schritt/{sectionIndex + 1}";

    /// <summary>Loads process and session; null when the page may show, else the result to return instead.</summary>
    protected async Task<IActionResult?> LoadAsync(bool needsSession, CancellationToken cancellationToken)
    {
        var tenantProcess = await flow.FindProcessAsync(Tenant, Process, cancellationToken);
        if (tenantProcess is null)
        {
            return NotFound();
        }

        TenantProcess = tenantProcess;
        Definition = tenantProcess.Process;
        Session = await sessions.FindAsync(HttpContext, Tenant, Process, cancellationToken);
        if (Session is not null && await flow.DefinitionAsync(Session, cancellationToken) is { } sessionDefinition)
        {
            Definition = sessionDefinition;
        }

        ViewData["TenantName"] = tenantProcess.TenantName;
        ViewData["FooterBase"] = BasePath;
        if (needsSession && Session is null)
        {
            return Redirect(BasePath);
        }

        return null;
    }

    protected StepError ToStepError(Core.Submissions.FieldError error, string href) =>
        new(error.Field, FieldErrorMessages.For(error, Definition, English), href);
}
