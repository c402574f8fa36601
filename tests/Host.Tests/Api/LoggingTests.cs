using System.Net.Http.Json;
using System.Text.Json;
using EfaGateway.Core.Retention;
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

    public void Dispose() => factory.Dispose();
}
