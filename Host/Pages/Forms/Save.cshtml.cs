using EfaGateway.Host.Forms;
using Microsoft.AspNetCore.Mvc;

namespace EfaGateway.Host.Pages.Forms;

/// <summary>"Save and continue later": asks for an e-mail address, then shows the PIN once.</summary>
public sealed class SaveModel(FormFlow flow, FormSessionStore sessions, DraftService drafts) : FormPageModel(flow, sessions)
{
    [BindProperty]
    public string Email { get; set; } = string.Empty;

    public string? EmailError { get; private set; }

    public StepErrors Errors => EmailError is null ? StepErrors.None : new([new StepError("email", EmailError, "#f-email")]);

    public SavedDraft? Saved { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken) =>
        await LoadAsync(needsSession: true, cancellationToken) ?? Page();

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (await LoadAsync(needsSession: true, cancellationToken) is { } early)
        {
            return early;
        }

        var email = Email.Trim();
        if (!EmailAddresses.IsValid(email))
        {
            EmailError = EmailAddresses.Error(English);
            return Page();
        }

        Saved = await drafts.SaveAsync(HttpContext, Session!, TenantProcess, email, English, cancellationToken);
        return Page();
    }

    public string DeleteDate => Saved is null ? string.Empty : DraftService.GermanDate(Saved.Draft.DeleteAt);
}
