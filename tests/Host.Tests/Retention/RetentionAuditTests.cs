using System.Net.Http.Json;
using System.Text.Json;
using EfaGateway.Core.Audit;
using EfaGateway.Core.Ports;
using EfaGateway.Core.Retention;
using EfaGateway.Host.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace EfaGateway.Host.Tests.Retention;

/// <summary>Deletions by the retention rules appear in the tenant's audit log (issue 6 point 5): one line per item, no form contents.</summary>
public sealed class RetentionAuditTests : IDisposable
{
    private readonly GatewayFactory factory = new();

    [Fact]
    public async Task Each_postkorb_item_deleted_at_its_date_gets_one_audit_line_naming_item_and_vorgangsnummer_only()
    {
        using var client = factory.CreateClient();
        var fetched = await DemoApplication.SubmitAsync(client);
        var neverFetched = await DemoApplication.SubmitAsync(client);
        await factory.DeliverDueAsync();
        using var staff = factory.CreateOperatorClient();
        var items = (await staff.GetFromJsonAsync<JsonElement>($"/api/v1/tenants/{DemoApplication.Tenant}/postkorb")).EnumerateArray()
            .ToDictionary(i => i.GetProperty("vorgangsnummer").GetString()!, i => i.GetProperty("id").GetGuid());
        (await staff.GetAsync($"/api/v1/tenants/{DemoApplication.Tenant}/postkorb/{items[fetched.Vorgangsnummer]}/files/0")).EnsureSuccessStatusCode();

        factory.Time.Advance(TimeSpan.FromDays(90) - TimeSpan.FromMinutes(1));
        await RunRetentionAsync();
        Assert.Empty(await DeletionsAsync());

        factory.Time.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal(2, (await RunRetentionAsync()).PostkorbItemsDeleted);
        await RunRetentionAsync(); // nothing left to delete: no further lines

        var lines = await DeletionsAsync();
        Assert.Equal(2, lines.Count);
        foreach (var (accepted, state) in new[] { (fetched, "; fetched"), (neverFetched, "; never fetched") })
        {
            var line = Assert.Single(lines, l => l.Target == $"{items[accepted.Vorgangsnummer]:D} ({accepted.Vorgangsnummer})");
            Assert.Equal(RetentionService.AuditActor, line.Actor);
            Assert.Equal(factory.Time.GetUtcNow(), line.At);
            Assert.Equal($"process {DemoApplication.Process}; provided 2026-11-26; deletion date 2027-02-24{state}", line.Details);
        }

        foreach (var value in DemoApplication.Distinctive)
        {
            Assert.DoesNotContain(lines, l => $"{l.Actor} {l.Target} {l.Details}".Contains(value, StringComparison.OrdinalIgnoreCase));
        }
    }

    public void Dispose() => factory.Dispose();

    private async Task<RetentionReport> RunRetentionAsync()
    {
        await using var scope = factory.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<RetentionService>().RunAsync(CancellationToken.None);
    }

    private async Task<List<AuditEntry>> DeletionsAsync()
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var page = await scope.ServiceProvider.GetRequiredService<IAuditLog>().ReadAsync(DemoApplication.Tenant, 1, 500, CancellationToken.None);
        return page.Entries.Where(e => e.Action == AuditActions.PostkorbDeleted).ToList();
    }
}
