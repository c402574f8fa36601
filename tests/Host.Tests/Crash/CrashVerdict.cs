using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using EfaGateway.Transports.Xta;

namespace EfaGateway.Host.Tests.Crash;

/// <summary>
/// What the crash run left behind, held against what the driver was told and what the fakes received: every finding
/// (a duplicate, a lost application, a dead letter without reason, an unsettled delivery) is one line in
/// <see cref="Findings"/>; the figures are printed whatever the outcome.
/// </summary>
public sealed partial class CrashVerdict
{
    private readonly List<string> findings = [];

    public CrashVerdict(SubmissionDriver driver, IReadOnlyDictionary<Guid, SubmissionRow> submissions, IReadOnlyList<DeliveryRow> deliveries,
        IReadOnlyList<Guid> postkorbItems, FlakyRemoteEnds remote)
    {
        Submissions = submissions.Count;
        Accepted = driver.Accepted.Count;
        Confirmed = deliveries.Count(d => d.State == "Confirmed");
        DeadLettered = deliveries.Count(d => d.State == "DeadLettered");
        Retries = deliveries.Sum(d => Math.Max(0, d.AttemptCount - 1));
        DeadLetterReasons = deliveries.Where(d => d.State == "DeadLettered")
            .GroupBy(d => $"{d.TransportId}: {Guids().Replace(d.LastError ?? "(no reason)", "…")}", StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);

        var lost = driver.Accepted.Where(a => !submissions.ContainsKey(a.Id)).ToList();
        Lost = lost.Count;
        findings.AddRange(lost.Select(a => $"lost: {a.Vorgangsnummer} ({a.Process}) was accepted with 201 but is not in the database"));
        // Every application was sent until its 201 came, each with its own Idempotency-Key: every stored one must be
        // acknowledged, and no application may have been stored twice (two 201s with different ids for one key).
        Unacknowledged = Submissions - driver.Accepted.Count(a => submissions.ContainsKey(a.Id));
        if (Unacknowledged > 0)
        {
            findings.Add($"{Unacknowledged} applications are stored that the driver never got a 201 for: a retry with the same Idempotency-Key made a second one");
        }

        if (driver.Accepted.Select(a => a.Id).Distinct().Count() != driver.Accepted.Count)
        {
            findings.Add("the driver got the same submission id for two different applications");
        }

        var bySubmission = deliveries.ToLookup(d => d.SubmissionId);
        foreach (var submission in submissions.Values)
        {
            var routes = bySubmission[submission.Id].ToList();
            if (routes.Count != 1)
            {
                findings.Add($"{submission.Vorgangsnummer} has {routes.Count} deliveries, not one");
            }
        }

        foreach (var delivery in deliveries.Where(d => !d.IsTerminal))
        {
            findings.Add($"unsettled: delivery {delivery.Id} ({delivery.TransportId}) is still {delivery.State} after {delivery.AttemptCount} attempt(s): {delivery.LastError}");
        }

        findings.AddRange(deliveries.Where(d => d.State == "DeadLettered" && string.IsNullOrWhiteSpace(d.LastError))
            .Select(d => $"dead letter without a reason: delivery {d.Id} ({d.TransportId})"));

        Duplicates = CheckFitConnect(submissions, deliveries, remote) + CheckXta(deliveries, remote) + CheckPostkorb(deliveries, postkorbItems);
    }

    public int Submissions { get; }

    public int Accepted { get; }

    /// <summary>Stored applications the driver got no 201 for (their answer was lost when a host died).</summary>
    public int Unacknowledged { get; }

    public int Confirmed { get; }

    public int DeadLettered { get; }

    public int Retries { get; }

    public int Lost { get; }

    public int Duplicates { get; }

    public IReadOnlyDictionary<string, int> DeadLetterReasons { get; }

    public IReadOnlyList<string> Findings => findings;

    public string Figures(int submitted, SubmissionDriver driver, int kills, FlakyRemoteEnds remote, TimeSpan submitting, TimeSpan total)
    {
        var text = new StringBuilder();
        var c = CultureInfo.InvariantCulture;
        text.AppendLine(c, $"submitted:      {submitted} applications, each with its own Idempotency-Key ({driver.Resent} sent more than once)");
        text.AppendLine(c, $"accepted (201): {Accepted}; answers lost (host died mid-request; sent again with the same key): {driver.AnswersLost}; other answers: {driver.Unexpected.Count}");
        text.AppendLine(c, $"stored:         {Submissions} ({Unacknowledged} of them without a 201 reaching the driver)");
        text.AppendLine(c, $"delivered:      {Confirmed} confirmed; dead-lettered: {DeadLettered}");
        foreach (var (reason, count) in DeadLetterReasons)
        {
            text.AppendLine(c, $"                {count} x {reason}");
        }

        text.AppendLine(c, $"duplicates:     {Duplicates}; lost: {Lost}");
        text.AppendLine(c, $"retries:        {Retries} (attempts beyond the first, from the delivery records)");
        text.AppendLine(c, $"kills:          {kills} (SIGKILL, each host restarted at once)");
        text.AppendLine(c, $"FIT-Connect proxy: {remote.FitConnectProxy}");
        text.AppendLine(c, $"XTA proxy:         {remote.XtaProxy}");
        text.AppendLine(c, $"time:           {submitting.TotalSeconds:0} s submitting, {total.TotalSeconds:0} s until every delivery was settled (setup included)");
        return text.ToString();
    }

    /// <summary>Exactly one accepted submission at the subscriber per FIT-Connect application, by the gateway's Vorgangsnummer.</summary>
    private int CheckFitConnect(IReadOnlyDictionary<Guid, SubmissionRow> submissions, IReadOnlyList<DeliveryRow> deliveries, FlakyRemoteEnds remote)
    {
        var duplicates = 0;
        foreach (var (reference, received) in remote.AcceptedByVorgangsnummer)
        {
            if (received.Count > 1)
            {
                duplicates += received.Count - 1;
                findings.Add($"duplicate: the FIT-Connect subscriber received {reference} {received.Count} times ({string.Join(", ", received)})");
            }
        }

        foreach (var delivery in deliveries.Where(d => d.TransportId == "fit-connect" && d.State == "Confirmed"))
        {
            var reference = submissions[delivery.SubmissionId].Vorgangsnummer;
            if (!remote.AcceptedByVorgangsnummer.ContainsKey(reference))
            {
                findings.Add($"lost: {reference} is confirmed over FIT-Connect, but the subscriber never received it");
            }
        }

        var known = submissions.Values.Select(s => s.Vorgangsnummer).ToHashSet(StringComparer.Ordinal);
        findings.AddRange(remote.AcceptedByVorgangsnummer.Keys.Where(r => !known.Contains(r))
            .Select(r => $"the FIT-Connect subscriber received {r}, which the gateway does not know"));
        if (remote.Rejected > 0)
        {
            findings.Add($"the FIT-Connect subscriber rejected {remote.Rejected} submission(s) (its checks failed)");
        }

        return duplicates;
    }

    /// <summary>Every message the XTA server accepted is the recorded MessageID of exactly one confirmed XTA delivery.</summary>
    private int CheckXta(IReadOnlyList<DeliveryRow> deliveries, FlakyRemoteEnds remote)
    {
        var recorded = deliveries.Where(d => d.TransportId == "xta" && d.ExternalIds.ContainsKey(XtaIds.MessageId))
            .ToLookup(d => d.ExternalIds[XtaIds.MessageId], StringComparer.Ordinal);
        var accepted = remote.Xta.AcceptedMessageIds;
        var duplicates = 0;
        foreach (var messageId in accepted)
        {
            if (recorded[messageId].Count() != 1)
            {
                duplicates++;
                findings.Add($"duplicate: the XTA server accepted message {messageId}, recorded by {recorded[messageId].Count()} deliveries");
            }
        }

        var acceptedSet = accepted.ToHashSet(StringComparer.Ordinal);
        findings.AddRange(deliveries.Where(d => d.TransportId == "xta" && d.State == "Confirmed"
                && !(d.ExternalIds.TryGetValue(XtaIds.MessageId, out var id) && acceptedSet.Contains(id)))
            .Select(d => $"lost: XTA delivery {d.Id} is confirmed, but the XTA server has no message under its MessageID"));
        return duplicates;
    }

    /// <summary>One Postkorb item per application delivered to the Postkorb.</summary>
    private int CheckPostkorb(IReadOnlyList<DeliveryRow> deliveries, IReadOnlyList<Guid> items)
    {
        var duplicates = 0;
        foreach (var group in items.GroupBy(i => i).Where(g => g.Count() > 1))
        {
            duplicates += group.Count() - 1;
            findings.Add($"duplicate: submission {group.Key} has {group.Count()} Postkorb items");
        }

        var withItem = items.ToHashSet();
        findings.AddRange(deliveries.Where(d => d.TransportId == "postkorb" && d.State == "Confirmed" && !withItem.Contains(d.SubmissionId))
            .Select(d => $"lost: Postkorb delivery {d.Id} is confirmed, but there is no Postkorb item"));
        return duplicates;
    }

    /// <summary>Ids in reasons (FIT-Connect names the submission) would keep equal reasons apart.</summary>
    [GeneratedRegex("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")]
    private static partial Regex Guids();
}
