using System.Net;
using System.Text.Json.Nodes;
using EfaGateway.Conformance.FitConnect.Fake;
using EfaGateway.Conformance.FitConnect.Jose;
using EfaGateway.Conformance.FitConnect.Subscriber;
using EfaGateway.Conformance.FitConnect.Tests.Support;

namespace EfaGateway.Conformance.FitConnect.Tests;

public sealed class ReferenceSubscriberTests(SharedFake shared)
{
    private FakeZustelldienst Fake => shared.Fake;

    [Fact]
    public async Task A_correct_submission_is_decrypted_verified_and_accepted_with_its_authentication_tags()
    {
        var destination = Fake.AddDestination();
        using var sender = new TestSender(Fake);
        var sent = await SampleSubmission.SendAsync(sender, destination, 2);
        using var subscriber = new ReferenceSubscriber(SubscriberConnection.For(Fake, destination));

        var report = Assert.Single(await subscriber.ProcessPendingAsync(TestContext.Current.CancellationToken));

        Assert.Equal(SubscriberVerdict.Accepted, report.Verdict);
        Assert.Empty(report.Problems);
        Assert.True(report.EventAccepted, $"event post answered {report.EventPostStatus}");
        Assert.Equal(sent.Data, report.Data);
        foreach (var (id, content) in sent.Attachments)
        {
            Assert.Equal(content, report.Attachments[id]);
        }

        Assert.Equal(SubmissionState.Accepted, Fake.Submission(sent.SubmissionId)!.State);
        var accept = SecurityEventToken.ReadUnverified(Fake.EventLog(sent.CaseId)[^1]);
        Assert.Equal(FitConnectEvents.AcceptSubmission, accept.EventUri);
        Assert.Equal(destination.DestinationId, accept.Issuer);
        Assert.Equal(sent.EncryptedData.Split('.')[4], accept.EventPayload.GetProperty("authenticationTags").GetProperty("data").GetString());
        Assert.Empty(await subscriber.ProcessPendingAsync(TestContext.Current.CancellationToken));
    }

    public static TheoryData<string> AllProblemTypes() => [.. ProblemTypes.All];

    [Theory]
    [MemberData(nameof(AllProblemTypes))]
    public async Task A_forced_problem_is_sent_as_reject_submission_with_exactly_that_type(string problemType)
    {
        var destination = Fake.DemoDestination!;
        using var sender = new TestSender(Fake);
        var sent = await SampleSubmission.SendAsync(sender, destination, 1);
        using var subscriber = new ReferenceSubscriber(SubscriberConnection.For(Fake, destination));
        subscriber.RejectWith(problemType);

        var report = await subscriber.ProcessAsync(sent.SubmissionId, TestContext.Current.CancellationToken);

        Assert.Equal(SubscriberVerdict.Rejected, report.Verdict);
        Assert.True(report.EventAccepted, $"event post answered {report.EventPostStatus}");
        var reject = SecurityEventToken.ReadUnverified(Fake.EventLog(sent.CaseId)[^1]);
        Assert.Equal(FitConnectEvents.RejectSubmission, reject.EventUri);
        var problem = Assert.Single(reject.EventPayload.GetProperty("problems").EnumerateArray());
        Assert.Equal(problemType, problem.GetProperty("type").GetString());
        Assert.False(string.IsNullOrEmpty(problem.GetProperty("title").GetString()));
        Assert.False(string.IsNullOrEmpty(problem.GetProperty("instance").GetString()));
        Assert.Contains(report.Checks, check => check.StartsWith("ok ", StringComparison.Ordinal));
    }

    public static TheoryData<string, string> SpoiledMetadata() => new()
    {
        { "hash", ProblemTypes.HashMismatch },
        { "schema", ProblemTypes.SchemaViolation },
        { "service", ProblemTypes.ServiceMismatch },
        { "attachments", ProblemTypes.AttachmentsMismatch },
        { "submission-schema", ProblemTypes.UnsupportedSchema },
        { "metadata-version", ProblemTypes.UnsupportedMetadataSchema },
    };

    [Theory]
    [MemberData(nameof(SpoiledMetadata))]
    public async Task A_spoiled_submission_is_rejected_with_the_matching_problem(string spoil, string expected)
    {
        var destination = Fake.DemoDestination!;
        using var sender = new TestSender(Fake);
        var sent = await SampleSubmission.SendAsync(sender, destination, 1, metadata =>
        {
            var structure = metadata["contentStructure"]!;
            switch (spoil)
            {
                case "hash": structure["data"]!["hash"]!["content"] = new string('0', 128); break;
                case "schema": structure["data"]!["hash"]!["type"] = "md5"; break;
                case "service": metadata["publicServiceType"]!["identifier"] = "urn:de:fim:leika:leistung:99000000000000"; break;
                case "attachments": structure["attachments"] = new JsonArray(); break;
                case "submission-schema": structure["data"]!["submissionSchema"]!["schemaUri"] = "https://example.org/other.schema.json"; break;
                case "metadata-version": metadata["$schema"] = "https://schema.fitko.de/fit-connect/metadata/1.1.0/metadata.schema.json"; break;
            }
        });
        using var subscriber = new ReferenceSubscriber(SubscriberConnection.For(Fake, destination));

        var report = await subscriber.ProcessAsync(sent.SubmissionId, TestContext.Current.CancellationToken);

        Assert.Equal(SubscriberVerdict.Rejected, report.Verdict);
        Assert.Contains(report.Problems, problem => problem.Type == expected);
        Assert.True(report.EventAccepted);
    }

    [Fact]
    public async Task The_zustelldienst_takes_one_decision_per_submission_and_refuses_a_second()
    {
        var destination = Fake.DemoDestination!;
        using var sender = new TestSender(Fake);
        var sent = await SampleSubmission.SendAsync(sender, destination, 0);
        using var subscriber = new ReferenceSubscriber(SubscriberConnection.For(Fake, destination));
        var report = await subscriber.ProcessAsync(sent.SubmissionId, TestContext.Current.CancellationToken);
        var replay = SecurityEventToken.Sign(destination.SignatureKey.Issued.PrivateKey, destination.SignatureKey.Kid,
            destination.DestinationId, sent.SubmissionId, sent.CaseId, FitConnectEvents.RejectSubmission,
            new JsonObject { ["problems"] = new JsonArray(new JsonObject { ["type"] = ProblemTypes.TechnicalError }) },
            DateTimeOffset.FromUnixTimeSeconds(1_800_000_000), "https://schema.fitko.de/fit-connect/set-payload/1.2.2/set-payload.schema.json");

        using var subscriberHttp = new HttpClient { BaseAddress = Fake.BaseUrl };
        var token = await SubscriberTokenAsync(subscriberHttp, destination);
        using var request = new HttpRequestMessage(HttpMethod.Post, $"v1/cases/{sent.CaseId}/events")
        {
            Content = new StringContent(replay, System.Text.Encoding.ASCII, "application/jose"),
        };
        request.Headers.Authorization = new("Bearer", token);
        using var second = await subscriberHttp.SendAsync(request, TestContext.Current.CancellationToken);

        Assert.True(report.EventAccepted);
        Assert.Equal(HttpStatusCode.Conflict, second.StatusCode);
    }

    [Fact]
    public async Task A_set_signed_with_another_key_is_refused()
    {
        var destination = Fake.DemoDestination!;
        using var other = System.Security.Cryptography.RSA.Create(2048);
        using var sender = new TestSender(Fake);
        var sent = await SampleSubmission.SendAsync(sender, destination, 0);
        var forged = SecurityEventToken.Sign(other, destination.SignatureKey.Kid,
            destination.DestinationId, sent.SubmissionId, sent.CaseId, FitConnectEvents.AcceptSubmission, new JsonObject(),
            DateTimeOffset.FromUnixTimeSeconds(1_800_000_000), "https://schema.fitko.de/fit-connect/set-payload/1.0.0/set-payload.schema.json");
        using var http = new HttpClient { BaseAddress = Fake.BaseUrl };
        using var request = new HttpRequestMessage(HttpMethod.Post, $"v1/cases/{sent.CaseId}/events")
        {
            Content = new StringContent(forged, System.Text.Encoding.ASCII, "application/jose"),
        };
        request.Headers.Authorization = new("Bearer", await SubscriberTokenAsync(http, destination));

        using var response = await http.SendAsync(request, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Equal(SubmissionState.Submitted, Fake.Submission(sent.SubmissionId)!.State);
    }

    private async Task<string> SubscriberTokenAsync(HttpClient http, FakeDestination destination)
    {
        using var response = await http.PostAsync(Fake.TokenUrl, new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials",
            ["client_id"] = destination.SubscriberClient.ClientId,
            ["client_secret"] = destination.SubscriberClient.ClientSecret,
        }), TestContext.Current.CancellationToken);
        var json = System.Text.Json.JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        return json.RootElement.GetProperty("access_token").GetString()!;
    }
}
