using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using EfaGateway.Conformance.FitConnect.Fake;
using EfaGateway.Conformance.FitConnect.Jose;
using EfaGateway.Conformance.FitConnect.Tests.Support;

namespace EfaGateway.Conformance.FitConnect.Tests;

public sealed class SubmissionFlowTests(SharedFake shared)
{
    private FakeZustelldienst Fake => shared.Fake;

    // All tests here use the demo destination: each new destination costs two RSA-4096 keys.

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(5)]
    public async Task Announce_upload_and_submit_leave_a_submitted_submission_with_create_and_submit_events(int attachments)
    {
        var destination = Fake.DemoDestination!;
        using var sender = new TestSender(Fake);

        var sent = await SampleSubmission.SendAsync(sender, destination, attachments);

        var recorded = Fake.Submission(sent.SubmissionId)!;
        Assert.Equal(SubmissionState.Submitted, recorded.State);
        Assert.Equal(attachments, recorded.UploadedAttachments.Count);
        var log = await sender.GetJsonAsync($"v1/cases/{sent.CaseId}/events");
        var events = log.GetProperty("eventLog").EnumerateArray().Select(set => SecurityEventToken.ReadUnverified(set.GetString()!)).ToList();
        Assert.Equal([FitConnectEvents.CreateSubmission, FitConnectEvents.SubmitSubmission], events.Select(e => e.EventUri));
    }

    [Fact]
    public async Task The_submit_answer_is_202_with_destination_submission_and_case_id()
    {
        var destination = Fake.DemoDestination!;
        using var sender = new TestSender(Fake);
        using var announced = await sender.AnnounceAsync(destination.DestinationId, []);
        var ids = await announced.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);
        var submissionId = ids.GetProperty("submissionId").GetString()!;
        var metadata = await sender.EncryptAsync(destination, "{}"u8.ToArray());

        using var submitted = await sender.SubmitAsync(submissionId, metadata, null);

        Assert.Equal(HttpStatusCode.Accepted, submitted.StatusCode);
        var answer = await submitted.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);
        Assert.Equal(destination.DestinationId, answer.GetProperty("destinationId").GetString());
        Assert.Equal(submissionId, answer.GetProperty("submissionId").GetString());
        Assert.Equal(ids.GetProperty("caseId").GetString(), answer.GetProperty("caseId").GetString());
    }

    [Fact]
    public async Task Every_event_is_a_ps512_set_of_the_zustelldienst_verifiable_with_its_jwks()
    {
        var destination = Fake.DemoDestination!;
        using var sender = new TestSender(Fake);
        var sent = await SampleSubmission.SendAsync(sender, destination, 2);
        var jwks = await sender.GetJsonAsync(".well-known/jwks.json");

        var log = await sender.GetJsonAsync($"v1/cases/{sent.CaseId}/events");

        foreach (var token in log.GetProperty("eventLog").EnumerateArray().Select(set => set.GetString()!))
        {
            var header = global::Jose.JWT.Headers(token);
            Assert.Equal("PS512", header["alg"]);
            Assert.Equal("secevent+jwt", header["typ"]);
            var jwk = jwks.GetProperty("keys").EnumerateArray().Single(k => k.GetProperty("kid").GetString() == (string)header["kid"]);
            using var key = System.Security.Cryptography.RSA.Create();
            key.ImportParameters(new System.Security.Cryptography.RSAParameters
            {
                Modulus = TestSender.Base64UrlDecode(jwk.GetProperty("n").GetString()!),
                Exponent = TestSender.Base64UrlDecode(jwk.GetProperty("e").GetString()!),
            });
            var payload = JsonDocument.Parse(global::Jose.JWT.Decode(token, key, global::Jose.JwsAlgorithm.PS512)).RootElement;
            Assert.Equal(Fake.Issuer, payload.GetProperty("iss").GetString());
            Assert.Equal($"submission:{sent.SubmissionId}", payload.GetProperty("sub").GetString());
            Assert.Equal($"case:{sent.CaseId}", payload.GetProperty("txn").GetString());
            Assert.True(Guid.TryParse(payload.GetProperty("jti").GetString(), out _));
            Assert.StartsWith("https://schema.fitko.de/fit-connect/set-payload/", payload.GetProperty("$schema").GetString(), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Submit_submission_carries_the_authentication_tags_of_metadata_data_and_every_attachment()
    {
        var destination = Fake.DemoDestination!;
        using var sender = new TestSender(Fake);

        var sent = await SampleSubmission.SendAsync(sender, destination, 2);

        var submit = SecurityEventToken.ReadUnverified(Fake.EventLog(sent.CaseId)[1]);
        var tags = submit.EventPayload.GetProperty("authenticationTags");
        Assert.Equal(sent.EncryptedMetadata.Split('.')[4], tags.GetProperty("metadata").GetString());
        Assert.Equal(sent.EncryptedData.Split('.')[4], tags.GetProperty("data").GetString());
        foreach (var (id, jwe) in sent.EncryptedAttachments)
        {
            Assert.Equal(jwe.Split('.')[4], tags.GetProperty("attachments").GetProperty(id).GetString());
        }
    }

    [Fact]
    public async Task Every_announce_is_recorded_so_a_test_can_tell_a_sender_announced_once()
    {
        var destination = Fake.DemoDestination!;
        using var sender = new TestSender(Fake);

        var sent = await SampleSubmission.SendAsync(sender, destination, 1);

        var announce = Assert.Single(Fake.Announces, a => a.SubmissionId == sent.SubmissionId);
        Assert.Equal(201, announce.Status);
        Assert.Contains(destination.DestinationId, announce.Body, StringComparison.Ordinal);
    }
}
