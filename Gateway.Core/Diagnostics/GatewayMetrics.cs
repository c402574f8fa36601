using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace EfaGateway.Core.Diagnostics;

/// <summary>
/// The gateway's counters (meter <see cref="MeterName"/>). Tags carry only ids the operator configured (tenant, process,
/// transport, mapper) and fixed words — never a Vorgangsnummer, a name or a form value, because metric backends keep
/// tags for months and show them to people who may not see applications.
/// </summary>
public sealed class GatewayMetrics
{
    public const string MeterName = "EfaGateway";

    private readonly Counter<long> submissionsAccepted;
    private readonly Counter<long> deliveries;
    private readonly Counter<long> retries;
    private readonly Counter<long> deadLetters;
    private readonly Counter<long> deletions;
    private readonly Counter<long> uploadsScanned;

    /// <param name="meterFactory">
    /// The host's factory, so each host (and each test host in one process) has its own meter; null outside a host.
    /// </param>
    public GatewayMetrics(IMeterFactory? meterFactory)
    {
        Meter = meterFactory?.Create(MeterName) ?? new Meter(MeterName);
        submissionsAccepted = Meter.CreateCounter<long>("efagw.submissions.accepted", "{submission}",
            "Applications validated and stored (tags: tenant, process).");
        deliveries = Meter.CreateCounter<long>("efagw.deliveries", "{delivery}",
            "Delivery events by transport and outcome: delivered, transient, permanent, confirmed, dead_lettered.");
        retries = Meter.CreateCounter<long>("efagw.delivery.retries", "{retry}",
            "Deliveries scheduled for another attempt after a transient failure (tag: transport).");
        deadLetters = Meter.CreateCounter<long>("efagw.dead_letters", "{delivery}",
            "Deliveries dead-lettered (tags: transport, fallback = whether a fallback route takes over).");
        deletions = Meter.CreateCounter<long>("efagw.deletions", "{item}",
            "Deletions by rule: draft, postkorb, purge, form_session.");
        uploadsScanned = Meter.CreateCounter<long>("efagw.uploads.scanned", "{file}",
            "Malware scans by result: clean, infected, error.");
    }

    /// <summary>The meter, for instruments defined outside the core (the backlog gauges read the database).</summary>
    public Meter Meter { get; }

    public void SubmissionAccepted(string tenantId, string processId) =>
        submissionsAccepted.Add(1, new TagList { { "tenant", tenantId }, { "process", processId } });

    public void Delivery(string transportId, string outcome) =>
        deliveries.Add(1, new TagList { { "transport", transportId }, { "outcome", outcome } });

    public void Retry(string transportId) => retries.Add(1, new KeyValuePair<string, object?>("transport", transportId));

    public void DeadLetter(string transportId, bool hasFallback)
    {
        Delivery(transportId, DeliveryOutcomes.DeadLettered);
        deadLetters.Add(1, new TagList { { "transport", transportId }, { "fallback", hasFallback } });
    }

    public void Deleted(string rule, int count = 1)
    {
        if (count > 0)
        {
            deletions.Add(count, new KeyValuePair<string, object?>("rule", rule));
        }
    }

    public void Scanned(string result) => uploadsScanned.Add(1, new KeyValuePair<string, object?>("result", result));

    /// <summary>The values of the <c>outcome</c> tag of <c>efagw.deliveries</c>.</summary>
    public static class DeliveryOutcomes
    {
        public const string Delivered = "delivered";
        public const string Transient = "transient";
        public const string Permanent = "permanent";
        public const string Confirmed = "confirmed";
        public const string DeadLettered = "dead_lettered";
    }

    /// <summary>The values of the <c>rule</c> tag of <c>efagw.deletions</c>.</summary>
    public static class DeletionRules
    {
        public const string Draft = "draft";
        public const string Postkorb = "postkorb";
        public const string Purge = "purge";
        public const string FormSession = "form_session";
    }

    /// <summary>The values of the <c>result</c> tag of <c>efagw.uploads.scanned</c>.</summary>
    public static class ScanResults
    {
        public const string Clean = "clean";
        public const string Infected = "infected";
        public const string Error = "error";
    }
}
