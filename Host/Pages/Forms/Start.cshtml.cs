using EfaGateway.Core.Processes;
using EfaGateway.Host.Forms;
using Microsoft.AspNetCore.Mvc;

namespace EfaGateway.Host.Pages.Forms;

/// <summary>The entry page of a process: what you need, how long it takes, data protection; "start" opens a session.</summary>
public sealed class StartModel(FormFlow flow, FormSessionStore sessions) : FormPageModel(flow, sessions)
{
    public IReadOnlyList<FieldDefinition> Uploads { get; private set; } = [];

    public int Minutes { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (await LoadAsync(needsSession: false, cancellationToken) is { } early)
        {
            return early;
        }

        Uploads = [.. Definition.AllFields.Where(f => f.Type == FieldType.File).DistinctBy(f => f.Id)];
        // About 20 seconds per question the citizen may see, at least five minutes.
        Minutes = Math.Max(5, (int)Math.Ceiling(Definition.AllFields.Count(f => f.HoldsValue || f.Type == FieldType.File) / 3.0 / 5) * 5);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (await LoadAsync(needsSession: false, cancellationToken) is { } early)
        {
            return early;
        }

        // A running session continues; a finished one (or none) makes room for a new application.
        var session = Session is { SubmittedAt: null } running
            ? running
            : await Sessions.StartAsync(HttpContext, Tenant, Process, TenantProcess.Process.Version, cancellationToken);
        var definition = session == Session ? Definition : TenantProcess.Process;
        var first = FormFlow.VisibleSections(definition, FormFlow.AsElement(session));
        return first.Count == 0 ? Redirect($"{BasePath}/pruefen") : Redirect(StepPath(first[0]));
    }
}
