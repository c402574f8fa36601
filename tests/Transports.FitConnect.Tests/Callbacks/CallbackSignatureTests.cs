using System.Text;
using EfaGateway.Transports.FitConnect.Callbacks;

namespace EfaGateway.Transports.FitConnect.Tests.Callbacks;

public sealed class CallbackSignatureTests
{
    private const string Secret = "ein-langes-geheimnis-fuer-callbacks-0123";
    private const string Timestamp = "1700000000";
    private static readonly byte[] Body = Encoding.UTF8.GetBytes("{\"type\":\"https://schema.fitko.de/fit-connect/submission-api/callbacks/new-events\"}");

    // Computed independently with Python's hmac module: hmac.new(secret, b"1700000000." + body, hashlib.sha512).hexdigest()
    private const string Expected = "2418e891d2ad83925ac70d0af0e60f159207deb93355badc0d16641b9a5bc07654769905964df39bd4a33c61ecd7ac0563f8aa179ff5a49faa95eaadd0bf895f";

    private static readonly DateTimeOffset SentAt = DateTimeOffset.FromUnixTimeSeconds(1_700_000_000);

    [Fact]
    public void The_signature_is_the_lowercase_hex_HMAC_SHA512_of_timestamp_dot_raw_body() =>
        Assert.Equal(Expected, CallbackSignature.Compute(Secret, Timestamp, Body));

    [Fact]
    public void An_authentic_fresh_callback_passes() =>
        Assert.Null(CallbackSignature.Verify(Secret, Timestamp, Expected, Body, SentAt.AddMinutes(4)));

    [Fact]
    public void Upper_case_hex_is_the_same_signature() =>
        Assert.Null(CallbackSignature.Verify(Secret, Timestamp, Expected.ToUpperInvariant(), Body, SentAt));

    [Fact]
    public void A_callback_older_than_five_minutes_is_refused() =>
        Assert.Equal("the callback-timestamp is more than five minutes away from now",
            CallbackSignature.Verify(Secret, Timestamp, Expected, Body, SentAt.AddMinutes(5).AddSeconds(1)));

    [Fact]
    public void A_callback_from_the_future_is_refused() =>
        Assert.NotNull(CallbackSignature.Verify(Secret, Timestamp, Expected, Body, SentAt.AddMinutes(-6)));

    [Fact]
    public void A_changed_body_is_refused()
    {
        var changed = (byte[])Body.Clone();
        changed[^2] ^= 1;
        Assert.Equal("the callback-authentication does not match", CallbackSignature.Verify(Secret, Timestamp, Expected, changed, SentAt));
    }

    [Fact]
    public void Another_secret_is_refused() =>
        Assert.NotNull(CallbackSignature.Verify(Secret + "x", Timestamp, Expected, Body, SentAt));

    [Fact]
    public void A_timestamp_moved_with_the_old_signature_is_refused() =>
        Assert.NotNull(CallbackSignature.Verify(Secret, "1700000001", Expected, Body, SentAt));

    [Theory]
    [InlineData(null, Expected)]
    [InlineData(Timestamp, null)]
    [InlineData("", Expected)]
    [InlineData("17e8", Expected)]
    [InlineData("-1700000000", Expected)]
    public void Missing_or_malformed_headers_are_refused(string? timestamp, string? authentication) =>
        Assert.NotNull(CallbackSignature.Verify(Secret, timestamp, authentication, Body, SentAt));
}
