using EfaGateway.Core.Pipeline;
using EfaGateway.Core.Ports;
using EfaGateway.Host.Forms;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;

namespace EfaGateway.Host.Pages.Forms;

/// <summary>"Check your answers": every step that applies, with change links; sending runs the full validation and the intake.</summary>
[EnableRateLimiting(RateLimits.Submit)] // Razor Pages take endpoint metadata from the page, not from handlers
public sealed class CheckModel(FormFlow flow, FormSessionStore sessions, IServiceProvider services, IBlobStore blobs) : FormPageModel(flow, sessions)
{
    public IReadOnlyList<int> Visible { get; private set; } = [];

    public StepErrors Errors { get; private set; } = StepErrors.None;

    public System.Text.Json.JsonElement Data { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken) =>
        await LoadCheckAsync(cancellationToken) ?? Page();

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (await LoadCheckAsync(cancellationToken) is { } early)
        {
            return early;
        }

        var errors = FormFlow.Validate(Definition, Session!, null);
        if (errors.Count > 0)
        {
            Errors = new StepErrors([.. errors.Select(e => ToStepError(e, LinkTo(e.Field)))]);
            return Page();
        }

        var result = await Flow.SubmitAsync(Session!, cancellationToken);
        switch (result)
        {
            case IntakeResult.Accepted accepted:
                var pdf = services.GetKeyedService<IMapper>("pdf");
                if (pdf is not null && (await pdf.MapAsync(new MappingInput(TenantProcess, accepted.Submission), cancellationToken)).Content is { } receipt)
                {
                    await blobs.PutAsync(FormSessionStore.ReceiptKey(Session!.Id), receipt, cancellationToken);
                }

                return Redirect($"{BasePath}/bestaetigung");
            case IntakeResult.Invalid invalid:
                Errors = new StepErrors([.. invalid.Errors.Select(e => ToStepError(e, LinkTo(e.Field)))]);
                return Page();
            case IntakeResult.ScannerUnavailable:
                Errors = new StepErrors([new StepError("senden", T("Ihre Dateien können gerade nicht auf Schadsoftware geprüft werden. Bitte senden Sie den Antrag in einigen Minuten erneut; Ihre Angaben bleiben erhalten.",
                    "Your files cannot be checked for malware right now. Please send the application again in a few minutes; your answers are kept."), "#senden")]);
                return Page();
            default:
                return NotFound();
        }
    }

    private async Task<IActionResult?> LoadCheckAsync(CancellationToken cancellationToken)
    {
        if (await LoadAsync(needsSession: true, cancellationToken) is { } early)
        {
            return early;
        }

        if (Session!.SubmittedAt is not null)
        {
            return Redirect($"{BasePath}/bestaetigung");
        }

        Data = FormFlow.AsElement(Session);
        Visible = FormFlow.VisibleSections(Definition, Data);
        return null;
    }

    /// <summary>The step page and field an error belongs to.</summary>
    private string LinkTo(string path)
    {
        var first = Core.Processes.FormPath.Segments(path).FirstOrDefault().Id;
        var index = Definition.Sections.ToList().FindIndex(s => s.Elements.Any(e => e.Id == first));
        return index < 0 ? "#senden" : $"{StepPath(index)}#{FieldIds.For(path)}";
    }
}
