using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using EfaGateway.Conformance.FitConnect.Fake;
using EfaGateway.Conformance.FitConnect.Subscriber;
using EfaGateway.Conformance.FitConnect.Tests.Support;

namespace EfaGateway.Conformance.FitConnect.Tests;

public sealed class KeyRotationTests(SharedFake shared)
{
    private FakeZustelldienst Fake => shared.Fake;

    [Fact]
    public async Task After_rotation_the_destination_names_the_new_kid_and_the_old_key_still_decrypts_earlier_submissions()
    {
        var destination = Fake.AddDestination();
        using var sender = new TestSender(Fake);
        var oldKid = destination.EncryptionKid;
        var before = await SampleSubmission.SendAsync(sender, destination, 1);

        var rotated = Fake.RotateEncryptionKey(destination);
        var after = await SampleSubmission.SendAsync(sender, destination, 1);
        using var subscriber = new ReferenceSubscriber(SubscriberConnection.For(Fake, destination));
        var reports = await subscriber.ProcessPendingAsync(TestContext.Current.CancellationToken);

        Assert.NotEqual(oldKid, rotated.Kid);
        var described = await sender.GetJsonAsync($"v1/destinations/{destination.DestinationId}");
        Assert.Equal(rotated.Kid, described.GetProperty("encryptionKid").GetString());
        Assert.Equal(2, reports.Count);
        Assert.All(reports, report => Assert.Equal(SubscriberVerdict.Accepted, report.Verdict));
        Assert.Equal(before.Data, reports.Single(r => r.SubmissionId == before.SubmissionId).Data);
        Assert.Equal(after.Data, reports.Single(r => r.SubmissionId == after.SubmissionId).Data);
    }

    [Fact]
    public async Task After_rotation_an_upload_encrypted_for_the_old_kid_is_refused()
    {
        var destination = Fake.AddDestination();
        using var sender = new TestSender(Fake);
        var oldKid = destination.EncryptionKid;
        var attachment = Guid.NewGuid().ToString();
        using var announced = await sender.AnnounceAsync(destination.DestinationId, [attachment]);
        var submissionId = (await announced.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken))
            .GetProperty("submissionId").GetString()!;

        Fake.RotateEncryptionKey(destination);
        using var upload = await sender.UploadAsync(submissionId, attachment, await sender.EncryptAsync(destination, [1, 2, 3], oldKid));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, upload.StatusCode);
    }
}
