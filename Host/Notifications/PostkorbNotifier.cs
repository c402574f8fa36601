using EfaGateway.Core.Ports;
using EfaGateway.Core.Postkorb;
using EfaGateway.Host.Composition;
using EfaGateway.Host.Staff;
using MailKit.Net.Smtp;
using Microsoft.Extensions.Options;

namespace EfaGateway.Host.Notifications;

/// <summary>
/// Tells Postkorb staff that applications arrived (issue 6 point 4). The delivery only stores the item with
/// <see cref="PostkorbItem.NotifiedAt"/> empty; this run, every <see cref="NotificationOptions.Interval"/>, collects those
/// items per tenant and sends each active staff member with an e-mail address ONE mail per tenant that covers all of
/// their granted processes with new items (one mail, not one per process: a clerk with five processes should not get
/// five mails at once). The items are marked notified only after every mail of their tenant went out, so a crash or a
/// relay failure loses no notice; the price is that a crash between mails repeats the notice for those already mailed
/// (at least once rather than not at all).
/// </summary>
public sealed partial class PostkorbNotifier(
    IPostkorbStore postkorb,
    ICatalogStore catalog,
    StaffAdministration staff,
    IMailSender mail,
    IOptions<GatewayOptions> gateway,
    TimeProvider time,
    ILogger<PostkorbNotifier> logger)
{
    private const int BatchSize = 1000;

    public async Task<PostkorbNoticeReport> RunAsync(CancellationToken cancellationToken)
    {
        var report = new PostkorbNoticeReport(0, 0, 0);
        IReadOnlyList<PostkorbItem> pending;
        do
        {
            pending = await postkorb.ListUnnotifiedAsync(BatchSize, cancellationToken);
            foreach (var tenantItems in pending.GroupBy(i => i.TenantId, StringComparer.Ordinal))
            {
                var done = await NotifyTenantAsync(tenantItems.Key, tenantItems.ToList(), cancellationToken);
                if (done is null)
                {
                    // The relay is down: the next tenant's mails would fail the same way. Everything not marked stays
                    // for the next run.
                    LogSummary(logger, report.ItemsNotified, report.MailsSent, report.RecipientsRefused);
                    return report with { RelayFailed = true };
                }

                report = new PostkorbNoticeReport(report.ItemsNotified + tenantItems.Count(), report.MailsSent + done.Value.Sent,
                    report.RecipientsRefused + done.Value.Refused);
            }
        }
        while (pending.Count == BatchSize);

        LogSummary(logger, report.ItemsNotified, report.MailsSent, report.RecipientsRefused);
        return report;
    }

    /// <summary>Mails the tenant's staff and marks the items; null if the relay failed (nothing marked).</summary>
    private async Task<(int Sent, int Refused)?> NotifyTenantAsync(string tenantId, List<PostkorbItem> items, CancellationToken cancellationToken)
    {
        var tenant = await catalog.FindTenantAsync(tenantId, cancellationToken);
        var sent = 0;
        var refused = 0;
        if (tenant is not null)
        {
            var counts = new List<ProcessCount>();
            foreach (var process in items.GroupBy(i => i.ProcessId, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal))
            {
                var title = (await catalog.FindTenantProcessAsync(tenantId, process.Key, cancellationToken))?.Process.Title;
                counts.Add(new ProcessCount(process.Key, title?.De ?? process.Key, title?.For("en") ?? process.Key, process.Count()));
            }

            var path = StaffRoutes.Home(tenantId);
            var link = gateway.Value.PublicBaseUrl is { } root ? root.TrimEnd('/') + path : null;
            if (link is null)
            {
                LogNoPublicBaseUrl(logger, tenantId);
            }

            var recipients = (await staff.ListAsync(tenantId, cancellationToken)).Where(m => m.IsActive && !string.IsNullOrWhiteSpace(m.Email)).ToList();
            foreach (var member in recipients)
            {
                var theirs = counts.Where(c => member.ProcessIds.Contains(c.ProcessId, StringComparer.Ordinal)).ToList();
                if (theirs.Count == 0)
                {
                    continue;
                }

                try
                {
                    await mail.SendAsync(PostkorbNoticeMail.Compose(member.Email, tenant, theirs, link, path), cancellationToken);
                    sent++;
                }
                catch (SmtpCommandException ex) when (ex.ErrorCode == SmtpErrorCode.RecipientNotAccepted)
                {
                    // This one address is refused for good; retrying would block the tenant's notices and repeat the
                    // others' mails every interval. The address itself is not logged.
                    LogRecipientRefused(logger, tenantId, (int)ex.StatusCode);
                    refused++;
                }
                catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
                {
                    LogRelayFailed(logger, tenantId, ex.GetType().Name, items.Count);
                    return null;
                }
            }

            var unreached = counts.Where(c => !recipients.Any(m => m.ProcessIds.Contains(c.ProcessId, StringComparer.Ordinal)));
            foreach (var c in unreached)
            {
                // Nobody active with an address holds the process: the items are still marked, or they would be
                // announced to whoever is granted the process months later.
                LogNobodyToTell(logger, tenantId, c.ProcessId, c.Count);
            }
        }

        await postkorb.MarkNotifiedAsync(items.Select(i => i.Id).ToList(), time.GetUtcNow(), cancellationToken);
        return (sent, refused);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Postkorb notices: {Items} item(s) announced in {Mails} mail(s), {Refused} recipient(s) refused by the relay")]
    private static partial void LogSummary(ILogger logger, int items, int mails, int refused);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Postkorb notices for tenant {TenantId} could not be sent ({ErrorType}); {Items} item(s) stay un-notified and are retried next run")]
    private static partial void LogRelayFailed(ILogger logger, string tenantId, string errorType, int items);

    [LoggerMessage(Level = LogLevel.Warning, Message = "A Postkorb notice for tenant {TenantId} was refused by the relay for its recipient (SMTP {StatusCode}); that staff member was skipped")]
    private static partial void LogRecipientRefused(ILogger logger, string tenantId, int statusCode);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Postkorb notices for tenant {TenantId}: no active staff member with an e-mail address holds process {ProcessId}; {Items} new item(s) announced to nobody")]
    private static partial void LogNobodyToTell(ILogger logger, string tenantId, string processId, int items);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Gateway:PublicBaseUrl is not set: Postkorb notices for tenant {TenantId} name the path of the Postkorb instead of a link")]
    private static partial void LogNoPublicBaseUrl(ILogger logger, string tenantId);
}

/// <summary>What one notice run did; <see cref="RelayFailed"/> when it stopped early because mail could not be sent.</summary>
public sealed record PostkorbNoticeReport(int ItemsNotified, int MailsSent, int RecipientsRefused)
{
    public bool RelayFailed { get; init; }
}
