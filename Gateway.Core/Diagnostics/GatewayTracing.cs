using System.Diagnostics;

namespace EfaGateway.Core.Diagnostics;

/// <summary>
/// The gateway's spans (activity source <see cref="SourceName"/>): submit, map (one per mapper) and deliver (one per
/// attempt). A delivery runs later, on a worker, but in the submit's trace (the delivery stores its traceparent); the
/// submission id on every span joins them too. Tags
/// hold ids and fixed words only, never application content.
/// </summary>
public static class GatewayTracing
{
    public const string SourceName = "EfaGateway";

    public static readonly ActivitySource Source = new(SourceName);

    /// <summary>Tag names, one place, so the operator documentation and the tests agree.</summary>
    public static class Tags
    {
        public const string Tenant = "efagw.tenant";
        public const string Process = "efagw.process";
        public const string SubmissionId = "efagw.submission.id";
        public const string DeliveryId = "efagw.delivery.id";
        public const string Transport = "efagw.transport";
        public const string Mapper = "efagw.mapper";
        public const string Attempt = "efagw.attempt";
        public const string Outcome = "efagw.outcome";
        public const string State = "efagw.delivery.state";
        public const string Cached = "efagw.artifact.cached";
    }
}
