using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using EfaGateway.Core.Deliveries;
using EfaGateway.Core.Ports;
using EfaGateway.Core.Retention;
using EfaGateway.Core.Submissions;
using EfaGateway.Host.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace EfaGateway.Host.Tests.Api;

public sealed class LoggingTests : IDisposable
{
    private readonly GatewayFactory factory = new();

    [Fact]
    public async Task No_form_value_appears_in_any_log_line_of_a_whole_application_lifecycle()
    {
        using var client = factory.CreateClient();
        var accepted = await DemoApplication.SubmitAsync(client);
        var invalid = DemoApplication.Data();
        invalid["postleitzahl"] = "Zwetschgenbaum";
        await client.PostAsJsonAsync(DemoApplication.SubmitPath, DemoApplication.Request(invalid));
        await factory.DeliverDueAsync();
        using var staff = factory.CreateOperatorClient();
        var item = (await staff.GetFromJsonAsync<JsonElement>($"/api/v1/tenants/{DemoApplication.Tenant}/postkorb"))[0];
        await staff.GetByteArrayAsync(item.GetProperty("files")[0].GetProperty("href").GetString());
        factory.Time.Advance(TimeSpan.FromDays(91));
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<RetentionService>().RunAsync(CancellationToken.None);
        }

        var lines = factory.Logs.Lines.ToList();
        Assert.Contains(lines, l => l.Contains($"Submission {accepted.Id} accepted", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains("Personal data of submission", StringComparison.Ordinal));
        foreach (var value in DemoApplication.Distinctive.Append(GatewayFactory.OperatorKey).Append("heimtierausweis"))
        {
            Assert.DoesNotContain(lines, l => l.Contains(value, StringComparison.OrdinalIgnoreCase));
        }
    }

    [Fact]
    public async Task An_unexpected_exception_is_a_500_problem_logged_by_type_without_its_message()
    {
        const string Quoted = "Zwetschgenweg 17";
        using var failing = new GatewayFactory(configureServices: services =>
            services.AddScoped<ISubmissionStore>(_ => new ThrowingSubmissionStore(new InvalidOperationException($"value '{Quoted}' broke it"))));
        using var client = failing.CreateClient();

        using var response = await client.PostAsJsonAsync(DemoApplication.SubmitPath, DemoApplication.Request());

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.DoesNotContain(Quoted, await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        // Request logging writes its line once the response has gone out, so wait for it.
        for (var i = 0; i < 100 && !failing.Logs.Lines.Any(l => l.Contains("responded 500", StringComparison.Ordinal)); i++)
        {
            await Task.Delay(50, TestContext.Current.CancellationToken);
        }

        var lines = failing.Logs.Lines.ToList();
        Assert.Contains(lines, l => l.Contains("Unhandled", StringComparison.Ordinal) && l.Contains("System.InvalidOperationException", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains("responded 500", StringComparison.Ordinal));
        Assert.DoesNotContain(lines, l => l.Contains(Quoted, StringComparison.Ordinal));
    }

    public void Dispose() => factory.Dispose();

    private sealed class ThrowingSubmissionStore(Exception failure) : ISubmissionStore
    {
        public Task AddAsync(Submission submission, IReadOnlyList<Delivery> deliveries, CancellationToken cancellationToken) => throw failure;

        public Task<Submission?> FindAsync(Guid id, CancellationToken cancellationToken) => throw failure;

        public Task<Submission?> FindByVorgangsnummerAsync(string tenantId, string vorgangsnummer, CancellationToken cancellationToken) => throw failure;

        public Task<IReadOnlySet<Guid>> FindExistingAsync(IReadOnlyCollection<Guid> ids, CancellationToken cancellationToken) => throw failure;

        public Task<Submission?> FindByIdempotencyKeyAsync(string tenantId, string idempotencyKey, CancellationToken cancellationToken) => throw failure;

        public Task SaveAsync(Submission submission, CancellationToken cancellationToken) => throw failure;

        public Task<IReadOnlyList<Guid>> ListUnpurgedAsync(int max, CancellationToken cancellationToken) => throw failure;
    }
}
