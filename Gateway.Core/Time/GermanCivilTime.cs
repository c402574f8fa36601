namespace EfaGateway.Core.Time;

/// <summary>
/// German civil time (Europe/Berlin) for what people read: dates in PDFs, mails, messages and staff pages. The gateway
/// keeps instants in UTC; only their display is German. Slim containers may lack tzdata, so the EU rule is built in.
/// </summary>
public static class GermanCivilTime
{
    private static readonly Lazy<TimeZoneInfo> Berlin = new(Find);

    public static TimeZoneInfo Zone => Berlin.Value;

    /// <summary>The wall-clock time in Germany at <paramref name="instant"/>.</summary>
    public static DateTime ToLocal(DateTimeOffset instant) => TimeZoneInfo.ConvertTime(instant, Berlin.Value).DateTime;

    /// <summary>The German calendar date at <paramref name="instant"/> (an evening in UTC may already be tomorrow here).</summary>
    public static DateOnly DateOf(DateTimeOffset instant) => DateOnly.FromDateTime(ToLocal(instant));

    private static TimeZoneInfo Find()
    {
        if (TimeZoneInfo.TryFindSystemTimeZoneById("Europe/Berlin", out var zone))
        {
            return zone;
        }

        // The EU rule since 1996: summer time from the last Sunday of March to the last Sunday of October, 01:00 UTC.
        var rule = TimeZoneInfo.AdjustmentRule.CreateAdjustmentRule(
            new DateTime(1996, 1, 1, 0, 0, 0, DateTimeKind.Unspecified),
            DateTime.MaxValue.Date,
            TimeSpan.FromHours(1),
            TimeZoneInfo.TransitionTime.CreateFloatingDateRule(new DateTime(1, 1, 1, 2, 0, 0, DateTimeKind.Unspecified), 3, 5, DayOfWeek.Sunday),
            TimeZoneInfo.TransitionTime.CreateFloatingDateRule(new DateTime(1, 1, 1, 3, 0, 0, DateTimeKind.Unspecified), 10, 5, DayOfWeek.Sunday));
        return TimeZoneInfo.CreateCustomTimeZone("Europe/Berlin", TimeSpan.FromHours(1), "Europe/Berlin", "MEZ", "MESZ", [rule]);
    }
}
