using System.Globalization;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using EfaGateway.Conformance.FitConnect.Fake;
using EfaGateway.Conformance.FitConnect.Tests.Support;

namespace EfaGateway.Conformance.FitConnect.Tests;

public sealed class CallbackTests
{
    [Fact]
    public void The_hmac_is_lowercase_hex_hmac_sha512_of_timestamp_dot_body_keyed_with_the_secret()
    {
        // Vector computed outside .NET: python3 hmac.new(secret, b"1672527599." + body, hashlib.sha512).hexdigest()
        const string Body = """{"type":"https://schema.fitko.de/fit-connect/submission-api/callbacks/new-submissions"}""";
        const string Expected = "cd9fafcd5347a57c9f049c7959c15c8c584ce4ec71b10eccab7eaaedfd59a23597cdc1eaf5f04863cdf758944353d29a8accc3d524030240b48c9caa87886f87";

        var actual = CallbackDispatcher.Authenticate("geheim-und-lang", "1672527599", Body);

        Assert.Equal(Expected, actual);
    }

    [Fact]
    public async Task A_sender_callback_reports_new_events_signed_with_the_secret_and_the_current_timestamp()
    {
        await using var fake = await FakeZustelldienst.StartAsync(cancellationToken: TestContext.Current.CancellationToken);
        await using var receiver = await CallbackReceiver.StartAsync();
        using var sender = new TestSender(fake);
        const string Secret = "ein-langes-callback-geheimnis";

        using var announced = await sender.AnnounceAsync(fake.DemoDestination!.DestinationId, [],
            callback: new JsonObject { ["url"] = receiver.Url.ToString(), ["secret"] = Secret });
        var ids = await announced.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);

        var (body, timestamp, authentication) = await receiver.NextAsync();
        var expected = Convert.ToHexStringLower(HMACSHA512.HashData(Encoding.UTF8.GetBytes(Secret), Encoding.UTF8.GetBytes($"{timestamp}.{body}")));
        Assert.Equal(expected, authentication);
        var age = TimeProvider.System.GetUtcNow().ToUnixTimeSeconds() - long.Parse(timestamp, CultureInfo.InvariantCulture);
        Assert.InRange(age, 0, 60);
        var json = JsonDocument.Parse(body).RootElement;
        Assert.Equal("https://schema.fitko.de/fit-connect/submission-api/callbacks/new-events", json.GetProperty("type").GetString());
        Assert.Equal(ids.GetProperty("caseId").GetString(), json.GetProperty("submissions")[0].GetProperty("caseId").GetString());
    }

    [Fact]
    public async Task A_failed_callback_is_retried_until_the_receiver_takes_it()
    {
        await using var fake = await FakeZustelldienst.StartAsync(new FakeZustelldienstOptions
        {
            CallbackRetryDelays = [TimeSpan.FromMilliseconds(50), TimeSpan.FromMilliseconds(50), TimeSpan.FromMilliseconds(50)],
        }, TestContext.Current.CancellationToken);
        await using var receiver = await CallbackReceiver.StartAsync(failFirst: 2);
        fake.SetDestinationCallback(fake.DemoDestination!, new SubmissionCallback(receiver.Url, "destination-secret"));
        using var sender = new TestSender(fake);

        await SampleSubmission.SendAsync(sender, fake.DemoDestination!, 0);

        var (body, _, _) = await receiver.NextAsync();
        Assert.Contains("new-submissions", body, StringComparison.Ordinal);
        Assert.Equal(3, receiver.RequestCount);
        Assert.Equal([503, 503, 200], fake.Callbacks.Attempts.Select(a => a.Status ?? 0));
    }

    [Fact]
    public async Task A_test_can_tamper_with_a_callback_to_send_a_wrong_hmac_or_an_old_timestamp()
    {
        await using var fake = await FakeZustelldienst.StartAsync(cancellationToken: TestContext.Current.CancellationToken);
        await using var receiver = await CallbackReceiver.StartAsync();
        fake.Callbacks.Tamper = delivery => delivery with { Timestamp = "1000000000", Authentication = new string('0', 128) };
        fake.SetDestinationCallback(fake.DemoDestination!, new SubmissionCallback(receiver.Url, "s"));
        using var sender = new TestSender(fake);

        await SampleSubmission.SendAsync(sender, fake.DemoDestination!, 0);

        var (_, timestamp, authentication) = await receiver.NextAsync();
        Assert.Equal("1000000000", timestamp);
        Assert.Equal(new string('0', 128), authentication);
    }
}
