using EfaGateway.Core.Ports;
using EfaGateway.Host.Forms;
using Microsoft.AspNetCore.Mvc;

namespace EfaGateway.Host.Pages.Forms;

/// <summary>The confirmation: the Vorgangsnummer, and the PDF receipt for as long as the session lives.</summary>
public sealed class DoneModel(FormFlow flow, FormSessionStore sessions, IBlobStore blobs) : FormPageModel(flow, sessions)
{
    public bool HasReceipt { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (await LoadAsync(needsSession: true, cancellationToken) is { } early)
        {
            return early;
        }

        if (Session!.SubmittedAt is null)
        {
            return Redirect($"{BasePath}/pruefen");
        }

        HasReceipt = await blobs.GetAsync(FormSessionStore.ReceiptKey(Session.Id), cancellationToken) is not null;
        return Page();
    }

    public async Task<IActionResult> OnGetReceiptAsync(CancellationToken cancellationToken)
    {
        if (await LoadAsync(needsSession: true, cancellationToken) is { } early)
        {
            return early;
        }

        var receipt = Session!.SubmittedAt is null ? null : await blobs.GetAsync(FormSessionStore.ReceiptKey(Session.Id), cancellationToken);
        return receipt is null ? NotFound() : File(receipt, "application/pdf", $"Antrag-{Session.Vorgangsnummer}.pdf");
    }
}
