namespace EfaGateway.Bench.BenchTable;

/// <summary>One piece of unavoidable work: a primitive (found by the start of its name) and how often a route needs it.</summary>
internal sealed record CostPart(string PrimitivePrefix, string Label, int Times = 1);

/// <summary>
/// What each route must do per application whatever the implementation: map the documents it carries (with their
/// schema checks), encrypt what FIT-Connect requires (one RSA wrap and one AES-GCM pass per JWE: metadata, data,
/// PDF), and two durable writes (accepting the application; recording its delivery). The Postkorb is itself the
/// store the documents are delivered into, so its route also pays for keeping them: each document encrypted at rest
/// (AES-GCM) and written as a durable file. TLS, HTTP, SOAP and the remote
/// end are left out: they are the gateway's own overhead in this model, so the ratio is a conservative one.
/// </summary>
internal static class CostModel
{
    private const string Commit = "SQLite commit";

    private static readonly CostPart[] FitConnectSender = [new("PDF of", "PDF"), new("FIM JSON", "FIM JSON + schema"), new("RSA-OAEP-256", "RSA wrap", 3),
        new("AES-256-GCM, FIM JSON", "AES-GCM data", 2), new("AES-256-GCM, application PDF", "AES-GCM PDF"), new(Commit, "SQLite commit", 2)];

    /// <summary>
    /// Per row: its label, the end-to-end route whose delivered/s is Z, and the parts. The second FIT-Connect row also
    /// counts what the fake must do on the same two cores for a confirmed delivery: the subscriber unwraps the three
    /// JWE keys and signs its accept, the platform signs two events (six RSA-4096 private-key operations). The first
    /// row, the gateway's work alone, stays the strict one. GatewayOnly: the parts are the gateway's alone, so the share
    /// of the host's CPU they make up is meaningful.
    /// </summary>
    public static IReadOnlyList<(string Label, string Route, CostPart[] Parts, bool GatewayOnly)> Routes { get; } =
    [
        ("Postkorb", "Postkorb", [new("PDF of", "PDF"), new("canonical XML", "canonical XML + XSD"), new("AES-256-GCM, application PDF", "AES-GCM PDF"),
            new("AES-256-GCM, canonical XML", "AES-GCM XML"), new("durable file write, application PDF", "durable PDF file"),
            new("durable file write, canonical XML", "durable XML file"), new(Commit, "SQLite commit", 2)], true),
        ("FIT-Connect", "FIT-Connect", FitConnectSender, true),
        ("FIT-Connect, with the fake's unavoidable work", "FIT-Connect",
            [.. FitConnectSender, new("RSA-4096 private-key", "RSA private-key operation of the fake (3 unwraps, 3 signatures)", 6)], false),
        ("XTA", "XTA", [new("PDF of", "PDF"), new("canonical XML", "canonical XML + XSD"), new(Commit, "SQLite commit", 2)], true),
    ];

    /// <summary>The CPU milliseconds of the parts, or null when a primitive is missing (its measurement failed).</summary>
    public static double? CpuMilliseconds(IReadOnlyList<Primitive> primitives, IEnumerable<CostPart> parts)
    {
        var total = 0.0;
        foreach (var part in parts)
        {
            var primitive = primitives.FirstOrDefault(p => p.Name.StartsWith(part.PrimitivePrefix, StringComparison.Ordinal));
            if (primitive is null)
            {
                return null;
            }

            total += primitive.CpuMs * part.Times;
        }

        return total;
    }
}
