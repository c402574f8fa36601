using EfaGateway.Core.Submissions;

namespace EfaGateway.Core.Tests.Submissions;

public sealed class VorgangsnummerTests
{
    private static readonly DateTimeOffset Received = new(2026, 11, 26, 23, 30, 0, TimeSpan.FromHours(-2));

    [Fact]
    public void A_new_number_carries_the_utc_year_and_is_well_formed()
    {
        var number = Vorgangsnummer.Create(Received);

        Assert.StartsWith("2026-", number, StringComparison.Ordinal);
        Assert.Equal(14, number.Length);
        Assert.True(Vorgangsnummer.IsWellFormed(number));
    }

    [Fact]
    public void Numbers_do_not_repeat()
    {
        var numbers = Enumerable.Range(0, 10_000).Select(_ => Vorgangsnummer.Create(Received)).ToHashSet();

        Assert.Equal(10_000, numbers.Count);
    }

    [Fact]
    public void Every_single_character_typo_is_caught_by_the_check_character()
    {
        var number = Vorgangsnummer.Create(Received);
        foreach (var position in new[] { 5, 6, 7, 8, 10, 11, 12, 13 })
        {
            foreach (var replacement in "0123456789ABCDEFGHJKMNPQRSTVWXYZ")
            {
                if (number[position] == replacement)
                {
                    continue;
                }

                var typo = string.Concat(number.AsSpan(0, position), replacement.ToString(), number.AsSpan(position + 1));
                Assert.False(Vorgangsnummer.IsWellFormed(typo), typo);
            }
        }
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("2026-ABCD-EFG")]
    [InlineData("2026_ABCD-EFGH")]
    [InlineData("2026-ABCD-EFGI")]
    [InlineData("20X6-ABCD-EFGH")]
    public void Malformed_numbers_are_recognised(string? value)
    {
        Assert.False(Vorgangsnummer.IsWellFormed(value));
    }
}
