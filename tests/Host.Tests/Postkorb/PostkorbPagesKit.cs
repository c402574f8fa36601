using System.Security.Cryptography;
using EfaGateway.Core.Audit;
using EfaGateway.Core.Ports;
using EfaGateway.Core.Postkorb;
using EfaGateway.Core.Processes;
using EfaGateway.Host.Tests.Staff;
using EfaGateway.Host.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace EfaGateway.Host.Tests.Postkorb;

/// <summary>Postkorb page test helpers: delivered items through the real pipeline, signed-in staff, the stored state.</summary>
internal static class PostkorbPagesKit
{
    public const string OtherProcess = "bauantrag-vereinfacht";

    /// <summary>A demo application submitted over the API and delivered into the tenant's Postkorb.</summary>
    public static async Task<(SubmissionAccepted Accepted, PostkorbItem Item)> DeliveredItemAsync(GatewayFactory factory, string tenant = StaffKit.Tenant)
    {
        using var citizen = factory.CreateClient();
        var accepted = await DemoApplication.SubmitAsync(citizen, tenant: tenant);
        await factory.DeliverDueAsync();
        await using var scope = factory.Services.CreateAsyncScope();
        var items = await scope.ServiceProvider.GetRequiredService<IPostkorbStore>().ListAsync(tenant, StaffKit.Process, CancellationToken.None);
        return (accepted, Assert.Single(items, i => i.Vorgangsnummer == accepted.Vorgangsnummer));
    }

    /// <summary>A ready account of <paramref name="tenant"/>, signed in: the client carries its session cookie.</summary>
    public static async Task<HttpClient> SignedInAsync(GatewayFactory factory, string login, string[]? processes = null, string tenant = StaffKit.Tenant)
    {
        await StaffKit.AccountAsync(factory, login, processes, tenant: tenant);
        var client = StaffKit.Browser(factory);
        var landing = await StaffKit.SignInAsync(client, login, StaffKit.GoodPassword, tenant);
        Assert.False(StaffKit.ShowsSignInForm(landing));
        return client;
    }

    /// <summary>The other tenant, offering the demo process with the Postkorb route, as the demo tenant does.</summary>
    public static async Task AddOtherTenantWithProcessAsync(GatewayFactory factory)
    {
        await StaffKit.AddOtherTenantAsync(factory);
        await using var scope = factory.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<ICatalogStore>().EnableProcessAsync(StaffKit.OtherTenant, StaffKit.Process, "1.0.0",
            [new RouteDefinition { TransportId = "postkorb", MapperIds = ["pdf", "canonical-xml"], FallbackTransportId = null }], 30, CancellationToken.None);
    }

    public static async Task<PostkorbItem> StoredAsync(GatewayFactory factory, Guid id)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        return (await scope.ServiceProvider.GetRequiredService<IPostkorbStore>().FindAsync(id, CancellationToken.None))!;
    }

    public static async Task<IReadOnlyList<AuditEntry>> DownloadsAsync(GatewayFactory factory, string tenant = StaffKit.Tenant)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        return (await scope.ServiceProvider.GetRequiredService<IAuditLog>().ReadAsync(tenant, 1, 500, CancellationToken.None)).Entries
            .Where(e => e.Action == AuditActions.PostkorbDownload).ToList();
    }

    public static string Sha256(byte[] content) => Convert.ToHexStringLower(SHA256.HashData(content));

    public static string ItemPath(Guid id, string tenant = StaffKit.Tenant) => $"/{tenant}/postkorb/eintrag/{id:D}";
}
