using System.Globalization;
using System.Text.Json;
using EfaGateway.Core.Ports;
using EfaGateway.Transports.FitConnect.Events;
using Microsoft.Extensions.Logging;

namespace EfaGateway.Transports.FitConnect;

/// <summary>
/// The receipt of a FIT-Connect delivery: the subscriber's <c>accept-submission</c> (whose authentication tags must
/// be those of what was sent) confirms it; a <c>reject-submission</c> (by the subscriber or the Zustelldienst)
/// dead-letters it with the problems listed. Only verified events count; refused log entries are reported.
/// </summary>
public sealed partial class FitConnectReceipts(EventLogReader events, ILogger<FitConnectReceipts> logger) : IReceiptSource
{
    private const int MaxReasonLength = 2000;

    public async Task<ReceiptVerdict> CheckAsync(ReceiptRequest request, CancellationToken cancellationToken)
    {
        var (settings, problem) = FitConnectTransport.ReadSettings(request.Route?.Settings);
        if (settings is null)
        {
            return ReceiptVerdict.NotYet(problem);
        }

        var ids = request.Delivery.ExternalIds;
        if (!ids.TryGetValue(FitConnectIds.SubmissionId, out var submission) || !ids.TryGetValue(FitConnectIds.CaseId, out var @case))
        {
            return ReceiptVerdict.Refused("The delivery has no FIT-Connect submission id; it cannot have a receipt.");
        }

        if (!Guid.TryParse(submission, CultureInfo.InvariantCulture, out var submissionId) || !Guid.TryParse(@case, CultureInfo.InvariantCulture, out var caseId))
        {
            return ReceiptVerdict.Refused("The recorded FIT-Connect submission or case id cannot be read; the delivery record was altered.");
        }

        var reading = await events.ReadAsync(settings, submissionId, caseId, cancellationToken);
        if (reading.Value is not { } log)
        {
            return ReceiptVerdict.NotYet(reading.Failure!.Reason);
        }

        foreach (var refused in log.Refused)
        {
            LogRefusedEvent(logger, request.Delivery.Id, refused);
        }

        var verdict = log.Events.LastOrDefault(e => e.EventUri is FitConnectEvents.AcceptSubmission or FitConnectEvents.RejectSubmission);
        if (verdict is null)
        {
            // Deleted by the Zustelldienst (deadline passed) without a verdict: it will never come.
            return log.Events.Any(e => e.EventUri == FitConnectEvents.DeleteSubmission)
                ? ReceiptVerdict.Refused("The Zustelldienst deleted the submission before the destination accepted or rejected it.")
                : ReceiptVerdict.NotYet(log.Refused.Count > 0 ? string.Join("; ", log.Refused) : null);
        }

        if (verdict.EventUri == FitConnectEvents.RejectSubmission)
        {
            return ReceiptVerdict.Refused(Bound($"Rejected by {(verdict.IssuedByDestination ? "the destination" : "the Zustelldienst")}: {Problems(verdict.Details)}"));
        }

        var accepted = verdict.Tags;
        if (accepted is null)
        {
            // Older subscribers accept with an empty payload. The signed event still names this submission and case.
            LogAcceptedWithoutTags(logger, request.Delivery.Id);
            return ReceiptVerdict.Accepted;
        }

        var sent = SentTags(ids, log);
        if (sent is null)
        {
            return ReceiptVerdict.NotYet("The destination accepted, but what was sent cannot be compared: no tags were recorded and the Zustelldienst's submit event is missing or refused.");
        }

        var differences = accepted.Differences(sent);
        return differences.Count == 0
            ? ReceiptVerdict.Accepted
            : ReceiptVerdict.Refused($"The destination accepted content that differs from what was sent ({string.Join(", ", differences)}).");
    }

    /// <summary>
    /// The tags recorded when sending; for a submission whose submit was taken but not recorded (crash), the
    /// Zustelldienst's signed submit-submission event says what it received.
    /// </summary>
    private static AuthenticationTags? SentTags(IReadOnlyDictionary<string, string> ids, EventLogReading log)
    {
        var attachments = ids.Where(p => p.Key.StartsWith(FitConnectIds.AttachmentTagPrefix, StringComparison.Ordinal))
            .ToDictionary(p => p.Key[FitConnectIds.AttachmentTagPrefix.Length..], p => p.Value, StringComparer.OrdinalIgnoreCase);
        if (ids.TryGetValue(FitConnectIds.MetadataTag, out var metadata) && ids.TryGetValue(FitConnectIds.DataTag, out var data))
        {
            return new AuthenticationTags(metadata, data, attachments);
        }

        return log.Events.FirstOrDefault(e => e.EventUri == FitConnectEvents.SubmitSubmission)?.Tags;
    }

    private static string Problems(JsonElement details)
    {
        if (!details.TryGetProperty("problems", out var problems) || problems.ValueKind != JsonValueKind.Array || problems.GetArrayLength() == 0)
        {
            return "no problems were named.";
        }

        return string.Join("; ", problems.EnumerateArray().Select(p => string.Join(" | ", new[]
        {
            Field(p, "title"), Field(p, "type"), Field(p, "instance") is { } instance ? "instance " + instance : null, Field(p, "detail"),
        }.Where(s => s is not null))));
    }

    private static string? Field(JsonElement problem, string name) =>
        problem.ValueKind == JsonValueKind.Object && problem.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
            ? Bound(value.GetString()!, 300)
            : null;

    private static string Bound(string text, int max = MaxReasonLength) => text.Length > max ? text[..max] + "…" : text;

    [LoggerMessage(Level = LogLevel.Warning, Message = "FIT-Connect delivery {DeliveryId} was accepted without authentication tags; the content could not be compared")]
    private static partial void LogAcceptedWithoutTags(ILogger logger, Guid deliveryId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "FIT-Connect event log of delivery {DeliveryId}: {Refusal}")]
    private static partial void LogRefusedEvent(ILogger logger, Guid deliveryId, string refusal);
}
