using EfaGateway.Host.Forms;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;

namespace EfaGateway.Host.Pages.Forms;

/// <summary>Continue a saved application: the link names the draft, the PIN opens it. Guessing is limited and locks the draft.</summary>
[EnableRateLimiting(RateLimits.Pin)] // Razor Pages take endpoint metadata from the page, not from handlers
public sealed class ResumeModel(FormFlow flow, FormSessionStore sessions, DraftService drafts, TimeProvider time) : FormPageModel(flow, sessions)
{
    [FromRoute]
    public Guid Draft { get; set; }

    [BindProperty]
    public string Pin { get; set; } = string.Empty;

    public string? PinError { get; private set; }

    public StepErrors Errors => PinError is null ? StepErrors.None : new([new StepError("pin", PinError, "#f-pin")]);

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken) =>
        await LoadAsync(needsSession: false, cancellationToken) ?? Page();

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (await LoadAsync(needsSession: false, cancellationToken) is { } early)
        {
            return early;
        }

        var outcome = await drafts.ResumeAsync(HttpContext, Tenant, Process, Draft, Pin, cancellationToken);
        switch (outcome)
        {
            case ResumeOutcome.Resumed resumed:
                var definition = await Flow.DefinitionAsync(resumed.Session, cancellationToken) ?? Definition;
                var visible = FormFlow.VisibleSections(definition, FormFlow.AsElement(resumed.Session));
                // Continue after the furthest step the citizen had completed.
                return visible.Count == 0 ? Redirect($"{BasePath}/pruefen")
                    : Redirect(StepPath(visible.FirstOrDefault(i => i >= resumed.Session.FurthestStep, visible[^1])));
            case ResumeOutcome.WrongPin wrong:
                PinError = T($"Die PIN ist falsch. Sie haben noch {wrong.AttemptsLeft} Versuche, danach wird der Antrag für 15 Minuten gesperrt.",
                    $"The PIN is wrong. You have {wrong.AttemptsLeft} more attempts; then the application is locked for 15 minutes.");
                return Page();
            case ResumeOutcome.Locked locked:
                var minutes = Math.Max(1, (int)Math.Ceiling((locked.Until - time.GetUtcNow()).TotalMinutes));
                PinError = T($"Zu viele falsche Eingaben. Der Antrag ist für {minutes} Minuten gesperrt.", $"Too many wrong attempts. The application is locked for {minutes} minutes.");
                return Page();
            default:
                return NotFound();
        }
    }
}
