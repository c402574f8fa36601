using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using EfaGateway.Conformance.FitConnect.Fake;
using EfaGateway.Conformance.FitConnect.Jose;
using EfaGateway.Conformance.FitConnect.Tests.Support;

namespace EfaGateway.Conformance.FitConnect.Tests;

/// <summary>
/// Uploads above <see cref="FakeZustelldienstOptions.StreamAttachmentsFromBytes"/> are decrypted as they arrive: a JWE
/// from jose-jwt (independent of the gateway's streaming writer) is opened and its digest kept; one with a single
/// altered ciphertext character fails the GCM tag and is refused like a malformed JWE; submit then names the tag.
/// </summary>
public sealed class StreamedUploadTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_large_upload_is_decrypted_as_it_arrives_and_a_tampered_one_is_refused()
    {
        await using var fake = await FakeZustelldienst.StartAsync(new FakeZustelldienstOptions
        {
            StreamAttachmentsFromBytes = 1024 * 1024,
            MaxRequestBodyBytes = 64L * 1024 * 1024,
        }, Ct);
        var destination = fake.DemoDestination!;
        using var sender = new TestSender(fake);
        string[] ids = [Guid.NewGuid().ToString(), Guid.NewGuid().ToString()];
        using var announced = await sender.AnnounceAsync(destination.DestinationId, ids);
        var submissionId = (await announced.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("submissionId").GetString()!;
        var plaintext = RandomNumberGenerator.GetBytes((3 * 1024 * 1024) + 1);
        var jwe = await sender.EncryptAsync(destination, plaintext);
        var parts = jwe.Split('.');
        var flipped = parts[3][1000] == 'A' ? 'B' : 'A';
        var tampered = string.Join('.', parts[0], parts[1], parts[2], parts[3][..1000] + flipped + parts[3][1001..], parts[4]);

        using var good = await sender.UploadAsync(submissionId, ids[0], jwe);
        using var bad = await sender.UploadAsync(submissionId, ids[1], tampered);

        Assert.Equal(HttpStatusCode.NoContent, good.StatusCode);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, bad.StatusCode);
        var digest = fake.Submission(submissionId)!.DigestedAttachments![ids[0]];
        Assert.Equal(plaintext.LongLength, digest.PlaintextLength);
        Assert.Equal(TestSender.Sha512Hex(plaintext), digest.Sha512Hex);
        Assert.Equal(parts[4], digest.AuthenticationTag);
        Assert.Equal(destination.EncryptionKid, digest.KeyId);
        Assert.Empty(fake.Submission(submissionId)!.UploadedAttachments);

        // The refused one again, intact: then the submission is complete and submit-submission carries both tags.
        using var again = await sender.UploadAsync(submissionId, ids[1], jwe);
        Assert.Equal(HttpStatusCode.NoContent, again.StatusCode);
        using var submitted = await sender.SubmitAsync(submissionId, await sender.EncryptAsync(destination, "{}"u8.ToArray()), null);
        Assert.Equal(HttpStatusCode.Accepted, submitted.StatusCode);
        var submitEvent = SecurityEventToken.ReadUnverified(fake.Submission(submissionId)!.EventLog[^1]);
        Assert.Equal(FitConnectEvents.SubmitSubmission, submitEvent.EventUri);
        var tags = submitEvent.EventPayload.GetProperty("authenticationTags").GetProperty("attachments");
        Assert.All(ids, id => Assert.Equal(parts[4], tags.GetProperty(id).GetString()));
    }
}
