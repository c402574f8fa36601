using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using EfaGateway.Host.Tests.Support;
using static EfaGateway.Host.Tests.BadInput.BadInputKit;

namespace EfaGateway.Host.Tests.BadInput;

/// <summary>One in-memory host for the API sweep: at most 200 KB per submission, so "too large" is cheap to send.</summary>
public sealed class SubmissionApiHost : IAsyncLifetime
{
    public GatewayFactory Factory { get; } = new(new Dictionary<string, string?> { ["Gateway:Api:MaxSubmissionBytes"] = "200000" });

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public async ValueTask DisposeAsync() => await Factory.DisposeAsync();
}

/// <summary>
/// The submission API fed with everything a broken or hostile portal might send: each answer is a ProblemDetails that
/// says what is wrong, nothing is stored, and the host takes a normal application right afterwards.
/// </summary>
public sealed class SubmissionApiBadInputTests(SubmissionApiHost host) : IClassFixture<SubmissionApiHost>
{
    private const string Marker = "@@MARKE@@";
    private readonly GatewayFactory factory = host.Factory;

    public static TheoryData<string, string> MalformedBodies => new()
    {
        { string.Empty, "kein gültiges JSON" },
        { "{\"data\": {", "kein gültiges JSON" },
        { "{\"data\": {\"vorname\": \"Quiri", "kein gültiges JSON" },
        { "{\"data\": {}} {\"data\": {}}", "kein gültiges JSON" },
        { "{\"data\": {},}", "kein gültiges JSON" },
        { "{\"data\": {} /* Kommentar */}", "kein gültiges JSON" },
        { "{'data': {}}", "kein gültiges JSON" },
        { "{\"data\": {\"anzahlHunde\": NaN}}", "kein gültiges JSON" },
        { "{\"data\": {\"vorname\": " + new string('[', 10_000) + new string(']', 10_000) + "}}", "kein gültiges JSON" },
        { "{\"data\": {}, \"data\": {\"vorname\": \"B\"}}", "nennt einen Eintrag mehrfach" },
        { "{\"data\": {\"vorname\": \"A\", \"vorname\": \"B\"}}", "nennt einen Eintrag mehrfach" },
        { "{\"data\": {}, \"attachments\": [{\"field\": \"nachweis\", \"field\": \"x\"}]}", "nennt einen Eintrag mehrfach" },
        { "null", "\"data\"" },
        { "5", "\"data\"" },
        { "\"data\"", "\"data\"" },
        { "[{\"data\": {}}]", "\"data\"" },
        { "{\"data\": {}, \"attachments\": null}", "muss eine Liste sein" },
        { "{\"data\": {}, \"attachments\": \"nachweis.pdf\"}", "muss eine Liste sein" },
    };

    [Theory]
    [MemberData(nameof(MalformedBodies))]
    public async Task A_body_that_is_not_a_well_formed_request_is_refused_with_the_reason(string body, string expectedDetail)
    {
        var before = await SnapshotAsync(factory);

        var problem = await PostExpectingAsync(Json(body), HttpStatusCode.BadRequest);

        Assert.Contains(expectedDetail, problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        await AssertUnchangedAsync(factory, before);
        await AssertHealthyAsync(factory);
    }

    [Theory]
    [InlineData("{\"data\": null}")]
    [InlineData("{\"data\": []}")]
    [InlineData("{\"data\": \"vorname=A\"}")]
    [InlineData("{\"data\": 5}")]
    [InlineData("{\"data\": {}, \"attachments\": [null, 5, \"x\", [], {\"field\": 5, \"fileName\": true, \"mediaType\": {}, \"content\": []}]}")]
    public async Task Members_of_the_wrong_type_are_refused_and_nothing_is_stored(string body)
    {
        var before = await SnapshotAsync(factory);

        await PostExpectingAsync(Json(body), HttpStatusCode.BadRequest);

        await AssertUnchangedAsync(factory, before);
    }

    [Theory]
    [InlineData("vorname", "5")]
    [InlineData("vorname", "{\"a\": {\"b\": {\"c\": {\"d\": \"e\"}}}}")]
    [InlineData("vorname", "[\"Quirinella\"]")]
    [InlineData("vorname", "null")]
    [InlineData("anzahlHunde", "\"eins\"")]
    [InlineData("anzahlHunde", "1.5")]
    [InlineData("anzahlHunde", "-1")]
    [InlineData("anzahlHunde", "1e400")]
    [InlineData("anzahlHunde", "123456789012345678901234567890")]
    [InlineData("richtigkeit", "\"ja\"")]
    [InlineData("geburtsdatum", "19840317")]
    [InlineData("geburtsdatum", "\"1984-02-30\"")]
    [InlineData("familienname", "\"Zwetschgen\\u0000baum\"")]
    [InlineData("familienname", "\"\\udfff\\ud800\"")]
    [InlineData("familienname", "\"Zwetschgen\\ud83dbaum\"")]
    public async Task A_field_value_of_the_wrong_type_or_text_is_a_field_error(string field, string rawValue)
    {
        var before = await SnapshotAsync(factory);
        var body = DemoApplication.Request().ToJsonString().Replace(
            $"\"{field}\":{DemoApplication.Data()[field]!.ToJsonString()}", $"\"{field}\":{rawValue}", StringComparison.Ordinal);
        Assert.Contains(rawValue, body, StringComparison.Ordinal);

        var problem = await PostExpectingAsync(Json(body), HttpStatusCode.BadRequest);

        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out var messages), problem.ToString());
        Assert.False(string.IsNullOrWhiteSpace(messages[0].GetString()));
        await AssertUnchangedAsync(factory, before);
    }

    [Theory]
    [InlineData("C3 28")]
    [InlineData("C0 AF")]
    [InlineData("ED A0 80")]
    [InlineData("F8 88 80 80 80")]
    [InlineData("FF FE")]
    [InlineData("80")]
    [InlineData("E2 82")]
    public async Task Invalid_utf8_in_a_value_or_a_member_name_is_refused(string hex)
    {
        var before = await SnapshotAsync(factory);
        var bad = Convert.FromHexString(hex.Replace(" ", string.Empty, StringComparison.Ordinal));
        var inValue = DemoApplication.Request(new JsonObject(DemoApplication.Data().Select(p => KeyValuePair.Create(p.Key, p.Key == "vorname" ? JsonValue.Create(Marker) : p.Value?.DeepClone()))));
        var inName = DemoApplication.Request();
        inName["data"]![Marker] = "x";

        foreach (var request in new[] { inValue, inName })
        {
            var bytes = Encoding.UTF8.GetBytes(request.ToJsonString());
            var at = bytes.AsSpan().IndexOf(Encoding.UTF8.GetBytes(Marker));
            var body = new ByteArrayContent([.. bytes[..at], .. bad, .. bytes[(at + Marker.Length)..]]);
            body.Headers.ContentType = new MediaTypeHeaderValue("application/json");

            var problem = await PostExpectingAsync(body, HttpStatusCode.BadRequest);

            Assert.Contains("kein gültiges UTF-8", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        }

        await AssertUnchangedAsync(factory, before);
        await AssertHealthyAsync(factory);
    }

    [Fact]
    public async Task A_body_in_utf16_is_refused()
    {
        var before = await SnapshotAsync(factory);
        var body = new ByteArrayContent(Encoding.Unicode.GetBytes(DemoApplication.Request().ToJsonString()));
        body.Headers.ContentType = new MediaTypeHeaderValue("application/json");

        await PostExpectingAsync(body, HttpStatusCode.BadRequest);

        await AssertUnchangedAsync(factory, before);
    }

    [Theory]
    [InlineData("{\"data\": {}, \"attachments\": [{\"field\": \"\\ud800\", \"fileName\": \"a.pdf\", \"mediaType\": \"application/pdf\", \"content\": \"JVBERi0=\"}]}")]
    [InlineData("{\"data\": {}, \"attachments\": [{\"field\": \"nachweis\", \"fileName\": \"a.pdf\", \"mediaType\": \"application/\\udc00\", \"content\": \"JVBERi0=\"}]}")]
    [InlineData("{\"data\": {\"\\u0000\": \"x\", \"\\u202e\": \"y\", \"<script>\": \"z\"}}")]
    public async Task A_name_that_cannot_be_echoed_in_an_error_is_refused_without_a_server_error(string body)
    {
        var before = await SnapshotAsync(factory);

        await PostExpectingAsync(Json(body), HttpStatusCode.BadRequest);

        await AssertUnchangedAsync(factory, before);
        await AssertHealthyAsync(factory);
    }

    [Theory]
    [InlineData("text/plain")]
    [InlineData("application/xml")]
    [InlineData("text/json")]
    [InlineData("application/x-www-form-urlencoded")]
    [InlineData("application/octet-stream")]
    [InlineData("multipart/form-data")]
    [InlineData(null)]
    public async Task A_body_that_is_not_declared_json_is_refused_with_415(string? contentType)
    {
        var before = await SnapshotAsync(factory);
        HttpContent body = contentType == "multipart/form-data"
            ? new MultipartFormDataContent { { new StringContent(DemoApplication.Request().ToJsonString()), "data" } }
            : new ByteArrayContent(Encoding.UTF8.GetBytes(DemoApplication.Request().ToJsonString()));
        if (contentType is not null && contentType != "multipart/form-data")
        {
            body.Headers.ContentType = new MediaTypeHeaderValue(contentType);
        }

        var problem = await PostExpectingAsync(body, HttpStatusCode.UnsupportedMediaType);

        Assert.Contains("application/json", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        await AssertUnchangedAsync(factory, before);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_body_beyond_the_limit_is_refused_with_413_whether_or_not_it_declares_its_length(bool declared)
    {
        var before = await SnapshotAsync(factory);
        var request = DemoApplication.Request();
        request["attachments"]![0]!["content"] = Convert.ToBase64String(new byte[400_000]);
        var bytes = Encoding.UTF8.GetBytes(request.ToJsonString());
        HttpContent body = declared ? new ByteArrayContent(bytes) : new StreamContent(new UnknownLengthStream(bytes));
        body.Headers.ContentType = new MediaTypeHeaderValue("application/json");

        var problem = await PostExpectingAsync(body, HttpStatusCode.RequestEntityTooLarge);

        Assert.Contains("zu groß", problem.GetProperty("title").GetString(), StringComparison.Ordinal);
        await AssertUnchangedAsync(factory, before);
        await AssertHealthyAsync(factory);
    }

    [Theory]
    [InlineData("../../etc/passwd")]
    [InlineData("/etc/passwd")]
    [InlineData("..\\..\\windows\\win.ini")]
    [InlineData("C:\\Users\\scan.pdf")]
    [InlineData("nachweis\u0000.pdf")]
    [InlineData("nachweis\r\nContent-Type: text/html.pdf")]
    [InlineData("..")]
    [InlineData(".")]
    [InlineData("   ")]
    [InlineData(" nachweis.pdf")]
    [InlineData("nachweis\u202Efdp.exe")]
    [InlineData("nachweis\U0001F436.pdf")]
    [InlineData("LONG")]
    public async Task An_attachment_whose_name_is_a_path_or_unusable_text_is_refused_by_field(string fileName)
    {
        var before = await SnapshotAsync(factory);
        var request = DemoApplication.Request();
        request["attachments"]![0]!["fileName"] = fileName == "LONG" ? new string('a', 300) + ".pdf" : fileName;

        var problem = await PostExpectingAsync(JsonContent.Create(request), HttpStatusCode.BadRequest);

        Assert.Equal("Der Dateiname für „Nachweis (z. B. Heimtierausweis)“ ist ungültig.", problem.GetProperty("errors").GetProperty("nachweis")[0].GetString());
        await AssertUnchangedAsync(factory, before);
    }

    // Whitespace and line breaks inside base64 are tolerated (MIME writes them); the decoded bytes are checked like any.
    [Theory]
    [InlineData("kein base64!")]
    [InlineData("JVBERi0")]
    [InlineData("-_-_")]
    [InlineData("====")]
    [InlineData("")]
    public async Task Attachment_content_that_is_not_base64_is_refused(string content)
    {
        var before = await SnapshotAsync(factory);
        var request = DemoApplication.Request();
        request["attachments"]![0]!["content"] = content;

        var problem = await PostExpectingAsync(JsonContent.Create(request), HttpStatusCode.BadRequest);

        Assert.True(problem.GetProperty("errors").TryGetProperty("attachments[0]", out _) || problem.GetProperty("errors").TryGetProperty("nachweis", out _),
            problem.ToString());
        await AssertUnchangedAsync(factory, before);
    }

    [Fact]
    public async Task An_attachment_whose_content_is_not_what_its_media_type_says_is_refused()
    {
        var before = await SnapshotAsync(factory);
        var request = DemoApplication.Request();
        request["attachments"]![0]!["content"] = Convert.ToBase64String("MZ\u0090\0 kein PDF"u8.ToArray());

        var problem = await PostExpectingAsync(JsonContent.Create(request), HttpStatusCode.BadRequest);

        Assert.True(problem.GetProperty("errors").TryGetProperty("nachweis", out _), problem.ToString());
        await AssertUnchangedAsync(factory, before);
    }

    private static ByteArrayContent Json(string body)
    {
        var content = new ByteArrayContent(Encoding.UTF8.GetBytes(body));
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        return content;
    }

    private async Task<System.Text.Json.JsonElement> PostExpectingAsync(HttpContent content, HttpStatusCode expected)
    {
        using var client = factory.CreateClient();
        using var response = await client.PostAsync(DemoApplication.SubmitPath, content);
        return await ProblemAsync(response, expected);
    }

    /// <summary>A body sent without Content-Length (chunked), as a streaming client sends it.</summary>
    private sealed class UnknownLengthStream(byte[] content) : MemoryStream(content)
    {
        public override bool CanSeek => false;
    }
}
