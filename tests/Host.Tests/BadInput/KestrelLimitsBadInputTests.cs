using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using EfaGateway.Host.Tests.Support;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using static EfaGateway.Host.Tests.BadInput.BadInputKit;

namespace EfaGateway.Host.Tests.BadInput;

/// <summary>The host on real Kestrel (its body limit is what refuses here, not the gateway's own reading), at most 200 KB a request.</summary>
public sealed class KestrelHost : IAsyncLifetime
{
    public GatewayFactory Factory { get; } = new(new Dictionary<string, string?> { ["Gateway:Api:MaxSubmissionBytes"] = "200000" });

    public Uri Address { get; private set; } = null!;

    public ValueTask InitializeAsync()
    {
        Factory.UseKestrel(0);
        Factory.StartServer();
        Address = new Uri(Factory.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
        return ValueTask.CompletedTask;
    }

    public HttpClient Client() => new(new HttpClientHandler { UseCookies = true }) { BaseAddress = Address, Timeout = TimeSpan.FromSeconds(60) };

    public async ValueTask DisposeAsync() => await Factory.DisposeAsync();
}

/// <summary>
/// Oversized bodies over a real socket: Kestrel's limit (Gateway:Api:MaxSubmissionBytes) stops them for the API, the
/// administration API and the citizen pages alike, each with its own clear answer, and the host serves on.
/// </summary>
public sealed class KestrelLimitsBadInputTests(KestrelHost host) : IClassFixture<KestrelHost>
{
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task An_oversized_submission_is_a_413_problem_with_or_without_a_declared_length(bool declared)
    {
        var before = await SnapshotAsync(host.Factory);
        var request = DemoApplication.Request();
        request["attachments"]![0]!["content"] = Convert.ToBase64String(new byte[400_000]);
        var bytes = Encoding.UTF8.GetBytes(request.ToJsonString());
        HttpContent body = declared ? new ByteArrayContent(bytes) : new StreamContent(new NoLengthStream(bytes));
        body.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        using var client = host.Client();

        using var response = await client.PostAsync(DemoApplication.SubmitPath, body);

        await ProblemAsync(response, HttpStatusCode.RequestEntityTooLarge);
        await AssertUnchangedAsync(host.Factory, before);
        await AssertServingAsync();
    }

    [Fact]
    public async Task An_oversized_administration_body_is_a_413_problem()
    {
        using var client = host.Client();
        client.DefaultRequestHeaders.Add("X-Api-Key", GatewayFactory.OperatorKey);
        var tenant = new { id = "riesig", name = new string('x', 300_000) };

        using var response = await client.PostAsJsonAsync("/api/v1/admin/tenants", tenant);

        await ProblemAsync(response, HttpStatusCode.RequestEntityTooLarge);
        using var tenants = await client.GetAsync("/api/v1/admin/tenants");
        Assert.DoesNotContain("riesig", await tenants.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        await AssertServingAsync();
    }

    [Fact]
    public async Task An_oversized_form_post_gets_the_too_large_page()
    {
        using var client = host.Client();
        var step1 = await (await HtmlPage.OpenAsync(client, $"/{DemoApplication.Tenant}/{DemoApplication.Process}")).SubmitAsync();
        var (fields, target, _) = step1.Form();
        fields.AddRange(Enumerable.Range(0, 200).Select(i => KeyValuePair.Create($"x{i}", new string('y', 1500))));

        var page = await step1.PostAsync(target, new FormUrlEncodedContent(fields));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, page.Status);
        Assert.Contains("zu groß", page.Title, StringComparison.Ordinal);
        await AssertServingAsync();
    }

    /// <summary>Over the same socket layer: liveness and a normal application.</summary>
    private async Task AssertServingAsync()
    {
        using var client = host.Client();
        using var live = await client.GetAsync("/health/live");
        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
        await DemoApplication.SubmitAsync(client);
    }

    /// <summary>A body sent chunked, without Content-Length.</summary>
    private sealed class NoLengthStream(byte[] content) : MemoryStream(content)
    {
        public override bool CanSeek => false;
    }
}
