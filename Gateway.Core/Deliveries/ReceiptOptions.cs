namespace EfaGateway.Core.Deliveries;

/// <summary>How receipts of delivered applications are awaited. Bound from <c>Gateway:Receipts</c>.</summary>
public sealed class ReceiptOptions
{
    public const string SectionName = "Gateway:Receipts";

    /// <summary>How often delivered deliveries are checked for a receipt (a callback triggers a check at once).</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>After this long without a verdict, operators are alerted (once per delivery).</summary>
    public TimeSpan AlertAfter { get; set; } = TimeSpan.FromDays(3);

    /// <summary>How many deliveries a poll reads at a time (it goes through all of them, page by page).</summary>
    public int BatchSize { get; set; } = 200;

    public IEnumerable<string> Validate()
    {
        if (PollInterval < TimeSpan.FromSeconds(1))
        {
            yield return "Gateway:Receipts:PollInterval must be at least one second.";
        }

        if (AlertAfter <= TimeSpan.Zero)
        {
            yield return "Gateway:Receipts:AlertAfter must be positive.";
        }

        if (BatchSize is < 1 or > 10_000)
        {
            yield return "Gateway:Receipts:BatchSize must be between 1 and 10000.";
        }
    }
}
