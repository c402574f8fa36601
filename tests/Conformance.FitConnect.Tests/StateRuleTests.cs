using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using EfaGateway.Conformance.FitConnect.Fake;
using EfaGateway.Conformance.FitConnect.Tests.Support;

namespace EfaGateway.Conformance.FitConnect.Tests;

public sealed class StateRuleTests(SharedFake shared)
{
    private const string Problems = "https://schema.fitko.de/fit-connect/submission-api/problems/";

    private FakeZustelldienst Fake => shared.Fake;

    private static async Task AssertProblemAsync(HttpResponseMessage response, HttpStatusCode status, string name)
    {
        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).RootElement;
        Assert.Equal(Problems + name, problem.GetProperty("type").GetString());
        Assert.Equal((int)status, problem.GetProperty("status").GetInt32());
        Assert.False(string.IsNullOrEmpty(problem.GetProperty("title").GetString()));
    }

    private async Task<(FakeDestination Destination, string SubmissionId)> AnnounceAsync(TestSender sender, params string[] attachments)
    {
        // The demo destination serves every test that does not change it: each new destination costs two RSA-4096 keys.
        var destination = Fake.DemoDestination!;
        using var response = await sender.AnnounceAsync(destination.DestinationId, attachments);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var ids = await response.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);
        return (destination, ids.GetProperty("submissionId").GetString()!);
    }

    [Fact]
    public async Task Uploading_an_attachment_that_was_not_announced_is_404_attachment_not_found()
    {
        using var sender = new TestSender(Fake);
        var (destination, submissionId) = await AnnounceAsync(sender, Guid.NewGuid().ToString());

        using var response = await sender.UploadAsync(submissionId, Guid.NewGuid().ToString(), await sender.EncryptAsync(destination, [1, 2, 3]));

        await AssertProblemAsync(response, HttpStatusCode.NotFound, "attachment-not-found");
    }

    [Fact]
    public async Task Submitting_before_every_announced_attachment_is_uploaded_is_422_missing_attachments()
    {
        using var sender = new TestSender(Fake);
        var (destination, submissionId) = await AnnounceAsync(sender, Guid.NewGuid().ToString());

        using var response = await sender.SubmitAsync(submissionId, await sender.EncryptAsync(destination, "{}"u8.ToArray()), null);

        await AssertProblemAsync(response, HttpStatusCode.UnprocessableEntity, "missing-attachments");
        Assert.Equal(SubmissionState.Announced, Fake.Submission(submissionId)!.State);
    }

    [Fact]
    public async Task An_attachment_upload_other_than_application_jose_is_415()
    {
        using var sender = new TestSender(Fake);
        var attachment = Guid.NewGuid().ToString();
        var (destination, submissionId) = await AnnounceAsync(sender, attachment);

        using var response = await sender.UploadAsync(submissionId, attachment, await sender.EncryptAsync(destination, [1]), "application/octet-stream");

        await AssertProblemAsync(response, HttpStatusCode.UnsupportedMediaType, "unsupported-media-type");
    }

    [Fact]
    public async Task A_second_submit_is_409_and_uploads_after_submit_are_409_too()
    {
        using var sender = new TestSender(Fake);
        var sent = await SampleSubmission.SendAsync(sender, Fake.DemoDestination!, 1);

        using var again = await sender.SubmitAsync(sent.SubmissionId, sent.EncryptedMetadata, sent.EncryptedData);
        var (id, jwe) = sent.EncryptedAttachments.Single();
        using var upload = await sender.UploadAsync(sent.SubmissionId, id, jwe);

        await AssertProblemAsync(again, HttpStatusCode.Conflict, "submission-state-invalid");
        await AssertProblemAsync(upload, HttpStatusCode.Conflict, "submission-state-invalid");
    }

    [Fact]
    public async Task Re_uploading_an_attachment_before_submit_is_an_idempotent_retry()
    {
        using var sender = new TestSender(Fake);
        var attachment = Guid.NewGuid().ToString();
        var (destination, submissionId) = await AnnounceAsync(sender, attachment);
        var jwe = await sender.EncryptAsync(destination, [1, 2]);

        using var first = await sender.UploadAsync(submissionId, attachment, jwe);
        using var second = await sender.UploadAsync(submissionId, attachment, jwe);

        Assert.Equal(HttpStatusCode.NoContent, first.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, second.StatusCode);
    }

    [Fact]
    public async Task Announcing_to_an_inactive_destination_is_422_destination_state_invalid()
    {
        using var sender = new TestSender(Fake);
        var destination = Fake.AddDestination(new DestinationSetup { Status = DestinationStatus.Inactive });

        using var response = await sender.AnnounceAsync(destination.DestinationId, []);

        await AssertProblemAsync(response, HttpStatusCode.UnprocessableEntity, "destination-state-invalid");
    }

    [Fact]
    public async Task Announcing_a_service_the_destination_does_not_offer_is_422()
    {
        using var sender = new TestSender(Fake);
        using var response = await sender.AnnounceAsync(Fake.DemoDestination!.DestinationId, [], "urn:de:fim:leika:leistung:99000000000000");

        await AssertProblemAsync(response, HttpStatusCode.UnprocessableEntity, "service-type-invalid");
    }

    [Theory]
    [InlineData("not-a-uuid")]
    [InlineData("duplicate")]
    public async Task Announced_attachment_ids_must_be_distinct_uuids(string kind)
    {
        using var sender = new TestSender(Fake);
        var id = Guid.NewGuid().ToString();

        using var response = await sender.AnnounceAsync(Fake.DemoDestination!.DestinationId, kind == "duplicate" ? [id, id] : ["anlage-1"]);

        await AssertProblemAsync(response, HttpStatusCode.BadRequest, "request-invalid");
    }

    [Fact]
    public async Task A_jwe_for_another_kid_or_not_a_jwe_at_all_is_422_invalid_jwe()
    {
        using var sender = new TestSender(Fake);
        var attachment = Guid.NewGuid().ToString();
        var (destination, submissionId) = await AnnounceAsync(sender, attachment);
        var jwe = await sender.EncryptAsync(destination, [1]);
        var otherKid = jwe.Split('.') is var parts
            ? System.Text.Encoding.UTF8.GetString(TestSender.Base64UrlDecode(parts[0])).Replace(destination.EncryptionKid, "someone-elses-key", StringComparison.Ordinal)
            : "";
        var forged = System.Buffers.Text.Base64Url.EncodeToString(System.Text.Encoding.UTF8.GetBytes(otherKid)) + jwe[jwe.IndexOf('.', StringComparison.Ordinal)..];

        using var wrongKid = await sender.UploadAsync(submissionId, attachment, forged);
        using var garbage = await sender.UploadAsync(submissionId, attachment, "not.a.jwe");

        await AssertProblemAsync(wrongKid, HttpStatusCode.UnprocessableEntity, "invalid-jwe");
        await AssertProblemAsync(garbage, HttpStatusCode.UnprocessableEntity, "invalid-jwe");
    }
}
