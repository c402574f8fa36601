using System.Text.Json;
using EfaGateway.Core.Blobs;
using EfaGateway.Core.Drafts;
using EfaGateway.Core.Ports;
using EfaGateway.Core.Processes;
using EfaGateway.Host.Composition;
using Microsoft.Extensions.Options;

namespace EfaGateway.Host.Forms;

/// <summary>
/// Zwischenspeicherung as the service description has it: the citizen saves, sees a random PIN once and gets a resume
/// link by e-mail; resuming needs link and PIN; the PIN is only stored as a slow hash and cannot be reset; wrong PINs
/// lock the draft for a while; the draft is deleted irrecoverably 30 days after it was saved.
/// </summary>
public sealed partial class DraftService(
    IDraftStore drafts,
    IBlobStore blobs,
    FormSessionStore sessions,
    IMailSender mail,
    TimeProvider time,
    IOptions<GatewayOptions> options,
    ILogger<DraftService> logger)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public async Task<SavedDraft> SaveAsync(HttpContext http, FormSession session, TenantProcess process, string email, bool english, CancellationToken cancellationToken)
    {
        if (session.DraftId is { } previous)
        {
            await DeleteAsync(previous, cancellationToken);
        }

        var now = time.GetUtcNow();
        var pin = DraftPin.Generate();
        var draft = new Draft(Guid.NewGuid(), session.TenantId, session.ProcessId, session.ProcessVersion, "{}", DraftPin.Hash(pin), now);
        var prefix = BlobKeys.DraftPrefix(draft.Id);
        foreach (var upload in session.Uploads)
        {
            await blobs.TryCopyAsync(FormSessionStore.UploadKey(session.Id, upload.Id), $"{prefix}uploads/{upload.Id:N}", cancellationToken);
        }

        var state = new DraftState(session.Data.ToJsonString(), session.Uploads, session.FurthestStep);
        await blobs.PutAsync($"{prefix}state", JsonSerializer.SerializeToUtf8Bytes(state, Json), cancellationToken);
        await drafts.AddAsync(draft, cancellationToken);
        session.DraftId = draft.Id;
        await sessions.SaveAsync(session, cancellationToken);

        var link = $"{BaseUrl(http)}/{session.TenantId}/{session.ProcessId}/fortsetzen/{draft.Id:N}";
        var mailed = await TryMailAsync(email, process, link, draft.DeleteAt, english, cancellationToken);
        return new SavedDraft(draft, pin, link, mailed);
    }

    public async Task<ResumeOutcome> ResumeAsync(HttpContext http, string tenantId, string processId, Guid draftId, string pin, CancellationToken cancellationToken)
    {
        var draft = await drafts.FindAsync(draftId, cancellationToken);
        var now = time.GetUtcNow();
        if (draft is null || draft.TenantId != tenantId || draft.ProcessId != processId || draft.DeleteAt <= now)
        {
            return new ResumeOutcome.NotFound();
        }

        if (draft.IsLocked(now))
        {
            return new ResumeOutcome.Locked(draft.LockedUntil!.Value);
        }

        var forms = options.Value.Forms;
        if (!DraftPin.Verify(pin, draft.PinHash))
        {
            draft.RecordFailedPin(now, forms.MaxPinAttempts, forms.PinLockPeriod);
            await drafts.UpdateAsync(draft, cancellationToken);
            return draft.IsLocked(now) ? new ResumeOutcome.Locked(draft.LockedUntil!.Value) : new ResumeOutcome.WrongPin(forms.MaxPinAttempts - draft.FailedPinAttempts);
        }

        draft.RecordRightPin();
        await drafts.UpdateAsync(draft, cancellationToken);
        var prefix = BlobKeys.DraftPrefix(draft.Id);
        var state = await blobs.GetAsync($"{prefix}state", cancellationToken) is { } bytes ? JsonSerializer.Deserialize<DraftState>(bytes, Json) : null;
        if (state is null)
        {
            return new ResumeOutcome.NotFound();
        }

        var session = await sessions.StartAsync(http, tenantId, processId, draft.ProcessVersion, cancellationToken);
        session.Data = System.Text.Json.Nodes.JsonNode.Parse(state.DataJson)!.AsObject();
        session.FurthestStep = state.FurthestStep;
        session.DraftId = draft.Id;
        foreach (var upload in state.Uploads)
        {
            if (await blobs.TryCopyAsync($"{prefix}uploads/{upload.Id:N}", FormSessionStore.UploadKey(session.Id, upload.Id), cancellationToken))
            {
                session.Uploads.Add(upload);
            }
        }

        await sessions.SaveAsync(session, cancellationToken);
        return new ResumeOutcome.Resumed(session);
    }

    public async Task DeleteAsync(Guid draftId, CancellationToken cancellationToken)
    {
        if (await drafts.FindAsync(draftId, cancellationToken) is { } draft)
        {
            await blobs.DeleteByPrefixAsync(BlobKeys.DraftPrefix(draftId), cancellationToken);
            await drafts.DeleteAsync(draft, cancellationToken);
        }
    }

    private string BaseUrl(HttpContext http) =>
        options.Value.PublicBaseUrl?.TrimEnd('/') ?? $"{http.Request.Scheme}://{http.Request.Host}{http.Request.PathBase}";

    private async Task<bool> TryMailAsync(string email, TenantProcess process, string link, DateTimeOffset deleteAt, bool english, CancellationToken cancellationToken)
    {
        var date = GermanDate(deleteAt);
        var title = process.Process.Title.For(english ? "en" : "de");
        var body = $"""
            Guten Tag,

            Sie haben Ihren Antrag „{process.Process.Title.De}“ bei {process.TenantName} zwischengespeichert.
            Mit diesem Link und Ihrer PIN setzen Sie ihn fort:

            {link}

            Die PIN steht nicht in dieser E-Mail. Sie kann nicht geändert oder zurückgesetzt werden; ohne sie beginnen Sie den Antrag neu.
            Der zwischengespeicherte Antrag wird am {date} unwiderruflich gelöscht.

            ---

            You saved your application "{title}" with {process.TenantName}. Continue it with this link and your PIN:

            {link}

            The PIN is not in this e-mail. It cannot be changed or reset; without it you start again.
            The saved application is deleted irrecoverably on {date}.
            """;
        try
        {
            await mail.SendAsync(new OutgoingMail(email, $"Ihr zwischengespeicherter Antrag / Your saved application – {process.TenantName}", body)
                .FromTenant(process.TenantMailSenderAddress, process.TenantMailSenderName), cancellationToken);
            return true;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogMailFailed(logger, ex.GetType().Name);
            return false;
        }
    }

    internal static string GermanDate(DateTimeOffset instant) =>
        EfaGateway.Core.Time.GermanCivilTime.ToLocal(instant).ToString("dd'.'MM'.'yyyy", System.Globalization.CultureInfo.InvariantCulture);

    // The exception's message may hold the address; only its type is logged.
    [LoggerMessage(Level = LogLevel.Warning, Message = "The resume e-mail of a draft could not be sent ({ExceptionType})")]
    private static partial void LogMailFailed(ILogger logger, string exceptionType);
}

public sealed record SavedDraft(Draft Draft, string Pin, string Link, bool Mailed);

/// <summary>The answers and files of a draft, as kept in the blob store.</summary>
public sealed record DraftState(string DataJson, List<FormUpload> Uploads, int FurthestStep);

public abstract record ResumeOutcome
{
    public sealed record Resumed(FormSession Session) : ResumeOutcome;

    public sealed record WrongPin(int AttemptsLeft) : ResumeOutcome;

    public sealed record Locked(DateTimeOffset Until) : ResumeOutcome;

    public sealed record NotFound : ResumeOutcome;
}
