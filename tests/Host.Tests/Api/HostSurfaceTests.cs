using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using EfaGateway.Host.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace EfaGateway.Host.Tests.Api;

public sealed class HostSurfaceTests : IDisposable
{
    private readonly GatewayFactory factory = new();

    [Fact]
    public async Task The_openapi_document_describes_the_submission_postkorb_and_delivery_endpoints()
    {
        using var client = factory.CreateClient();

        var document = await client.GetFromJsonAsync<JsonElement>("/openapi/v1.json");

        var paths = document.GetProperty("paths").EnumerateObject().Select(p => p.Name).ToList();
        Assert.Contains("/api/v1/tenants/{tenant}/processes/{process}/submissions", paths);
        Assert.Contains("/api/v1/tenants/{tenant}/submissions/{id}", paths);
        Assert.Contains("/api/v1/tenants/{tenant}/postkorb/{id}/files/{index}", paths);
        Assert.Contains("/api/v1/tenants/{tenant}/deliveries/{id}/retry", paths);
    }

    [Theory]
    [InlineData("/health/live")]
    [InlineData("/health/ready")]
    public async Task Health_endpoints_answer_healthy(string path)
    {
        using var client = factory.CreateClient();

        using var response = await client.GetAsync(path);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task The_demo_tenant_and_process_are_loaded_on_first_start_and_not_twice()
    {
        using var client = factory.CreateClient();
        await DemoApplication.SubmitAsync(client);

        await using var scope = factory.Services.CreateAsyncScope();
        var loader = scope.ServiceProvider.GetRequiredService<Samples.SampleLoader>();
        var again = await loader.LoadAsync(Path.Combine(RepositoryRoot.Path, "samples"), CancellationToken.None);

        Assert.Equal(new Samples.SampleLoadReport(0, 0), again);
    }

    public void Dispose() => factory.Dispose();
}
