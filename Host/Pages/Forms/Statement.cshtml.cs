using EfaGateway.Host.Forms;
using Microsoft.AspNetCore.Mvc;

namespace EfaGateway.Host.Pages.Forms;

/// <summary>
/// The accessibility statement and the privacy statement of a process: a draft the gateway writes from the tenant and
/// process, replaced by the tenant's own text where one is in <c>{DataDirectory}/statements/{tenant}/{process}/</c>.
/// </summary>
public sealed class StatementModel(FormFlow flow, FormSessionStore sessions, StatementTexts texts) : FormPageModel(flow, sessions)
{
    [FromRoute]
    public string Kind { get; set; } = string.Empty;

    public string Heading { get; private set; } = string.Empty;

    public IReadOnlyList<string> Paragraphs { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (await LoadAsync(needsSession: false, cancellationToken) is { } early)
        {
            return early;
        }

        if (texts.For(Kind, TenantProcess, English) is not { } statement)
        {
            return NotFound();
        }

        (Heading, Paragraphs) = statement;
        return Page();
    }
}
