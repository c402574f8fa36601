using EfaGateway.Core.Time;

namespace EfaGateway.Core.Tests.Time;

public sealed class GermanCivilTimeTests
{
    [Fact]
    public void Winter_time_is_one_hour_and_summer_time_two_hours_ahead_of_utc()
    {
        Assert.Equal(new DateTime(2026, 11, 26, 10, 0, 0), GermanCivilTime.ToLocal(new DateTimeOffset(2026, 11, 26, 9, 0, 0, TimeSpan.Zero)));
        Assert.Equal(new DateTime(2026, 7, 1, 11, 0, 0), GermanCivilTime.ToLocal(new DateTimeOffset(2026, 7, 1, 9, 0, 0, TimeSpan.Zero)));
    }

    [Fact]
    public void A_late_evening_in_utc_is_already_the_next_german_day()
    {
        Assert.Equal(new DateOnly(2027, 1, 1), GermanCivilTime.DateOf(new DateTimeOffset(2026, 12, 31, 23, 30, 0, TimeSpan.Zero)));
        Assert.Equal(new DateOnly(2026, 12, 31), GermanCivilTime.DateOf(new DateTimeOffset(2026, 12, 31, 22, 59, 0, TimeSpan.Zero)));
    }

    [Fact]
    public void Summer_time_begins_on_the_last_sunday_of_march_at_one_o_clock_utc()
    {
        Assert.Equal(new DateTime(2026, 3, 29, 1, 59, 0), GermanCivilTime.ToLocal(new DateTimeOffset(2026, 3, 29, 0, 59, 0, TimeSpan.Zero)));
        Assert.Equal(new DateTime(2026, 3, 29, 3, 0, 0), GermanCivilTime.ToLocal(new DateTimeOffset(2026, 3, 29, 1, 0, 0, TimeSpan.Zero)));
    }
}
