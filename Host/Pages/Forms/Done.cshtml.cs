using EfaGateway.Core.Ports;
using EfaGateway.Host.Forms;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;

namespace EfaGateway.Host.Pages.Forms;

/// <summary>The confirmation: the Vorgangsnummer, and the PDF receipt for as long as the session lives.</summary>
[EnableRateLimiting(RateLimits.Submit)] // Razor Pages take endpoint metadata from the page, not from handlers
public sealed partial class DoneModel(FormFlow flow, FormSessionStore sessions, IBlobStore blobs, IMailSender mail, ILogger<DoneModel> logger) : FormPageModel(flow, sessions)
{
    public const int MaxConfirmations = 3;

    public bool HasReceipt { get; private set; }

    [BindProperty]
    public string Email { get; set; } = string.Empty;

    public string? EmailError { get; private set; }

    public string? Mailed { get; private set; }

    public StepErrors Errors => EmailError is null ? StepErrors.None : new([new StepError("email", EmailError, "#f-email")]);

    /// <summary>Sends a confirmation with the Vorgangsnummer only: no answers, no names, nothing else personal.</summary>
    public async Task<IActionResult> OnPostMailAsync(CancellationToken cancellationToken)
    {
        var shown = await OnGetAsync(cancellationToken);
        if (shown is not PageResult page)
        {
            return shown;
        }

        var email = Email.Trim();
        if (!EmailAddresses.IsValid(email))
        {
            EmailError = EmailAddresses.Error(English);
            return page;
        }

        if (Session!.ConfirmationsMailed >= MaxConfirmations)
        {
            EmailError = T("Für diesen Antrag wurden bereits genug Bestätigungen versandt.", "Enough confirmations have been sent for this application.");
            return page;
        }

        var received = DraftService.GermanDate(Session.SubmittedAt!.Value);
        var body = $"""
            Guten Tag,

            Ihr Antrag „{Definition.Title.De}“ ist am {received} bei {TenantProcess.TenantName} eingegangen.
            Ihre Vorgangsnummer lautet: {Session.Vorgangsnummer}
            Bitte geben Sie sie bei Rückfragen an.

            ---

            Your application "{Definition.Title.For("en")}" reached {TenantProcess.TenantName} on {received}.
            Your reference number is: {Session.Vorgangsnummer}
            """;
        try
        {
            await mail.SendAsync(new OutgoingMail(email, $"Eingangsbestätigung / Confirmation {Session.Vorgangsnummer}", body)
                .FromTenant(TenantProcess.TenantMailSenderAddress, TenantProcess.TenantMailSenderName), cancellationToken);
            Session.ConfirmationsMailed++;
            await Sessions.SaveAsync(Session, cancellationToken);
            Mailed = T("Die Bestätigung ist unterwegs.", "The confirmation is on its way.");
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogMailFailed(logger, ex.GetType().Name);
            EmailError = T("Die E-Mail konnte gerade nicht gesendet werden. Bitte notieren Sie die Vorgangsnummer.", "The e-mail could not be sent right now. Please note the reference number.");
        }

        return page;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "A confirmation e-mail could not be sent ({ExceptionType})")]
    private static partial void LogMailFailed(ILogger logger, string exceptionType);

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
