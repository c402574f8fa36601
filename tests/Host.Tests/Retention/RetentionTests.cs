using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using EfaGateway.Core.Blobs;
using EfaGateway.Core.Drafts;
using EfaGateway.Core.Ports;
using EfaGateway.Core.Processes;
using EfaGateway.Core.Retention;
using EfaGateway.Core.Tenants;
using EfaGateway.Host.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace EfaGateway.Host.Tests.Retention;

/// <summary>The deletion rules of the service description, driven by a fake clock, proven by scanning what is left.</summary>
public sealed class RetentionTests : IDisposable
{
    private readonly FakeRemoteEnd remote = new();
    private readonly GatewayFactory factory;

    public RetentionTests()
    {
        factory = new GatewayFactory(configureServices: services =>
        {
            services.AddKeyedSingleton<ITransport>(FailsAfterRemoteAcceptedTransport.TransportId,
                new FailsAfterRemoteAcceptedTransport(remote, () => new IOException("reset")));
            services.AddKeyedSingleton<ITransport, AwaitsReceiptTransport>(AwaitsReceiptTransport.TransportId);
        });
    }

    [Fact]
    public async Task A_postkorb_item_and_its_application_data_are_deleted_90_days_after_handover_even_if_never_fetched()
    {
        using var client = factory.CreateClient();
        var accepted = await DemoApplication.SubmitAsync(client);
        await factory.DeliverDueAsync();
        Assert.NotEmpty(ScanDataDirectory());

        factory.Time.Advance(TimeSpan.FromDays(90) - TimeSpan.FromMinutes(1));
        var early = await RunRetentionAsync();
        Assert.Equal(0, early.PostkorbItemsDeleted);
        Assert.NotEmpty(await KeysAsync(BlobKeys.SubmissionPrefix(accepted.Id)));

        factory.Time.Advance(TimeSpan.FromMinutes(1));
        var due = await RunRetentionAsync();

        Assert.Equal(1, due.PostkorbItemsDeleted);
        Assert.Equal(1, due.SubmissionsPurged);
        Assert.Empty(await KeysAsync("submissions/"));
        Assert.Empty(await KeysAsync("postkorb/"));
        using var staff = factory.CreateOperatorClient();
        Assert.Empty((await staff.GetFromJsonAsync<JsonElement>($"/api/v1/tenants/{DemoApplication.Tenant}/postkorb")).EnumerateArray());
        var status = await client.GetFromJsonAsync<JsonElement>(accepted.Status);
        Assert.Equal(factory.Time.GetUtcNow(), status.GetProperty("personalDataDeletedAt").GetDateTimeOffset());
        Assert.Equal(accepted.Vorgangsnummer, status.GetProperty("vorgangsnummer").GetString());
        Assert.Empty(ScanDataDirectory());
    }

    [Fact]
    public async Task Files_of_an_intake_killed_before_its_commit_are_deleted_once_no_running_intake_can_own_them()
    {
        // What a host killed between storing the files and committing the submission leaves (the crash test found it).
        var orphan = BlobKeys.Attachment(Guid.CreateVersion7(factory.Time.GetUtcNow()), Guid.CreateVersion7(factory.Time.GetUtcNow()));
        using var client = factory.CreateClient();
        var accepted = await DemoApplication.SubmitAsync(client);
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<IBlobStore>().PutAsync(orphan, Encoding.ASCII.GetBytes("%PDF-1.4 Heimtierausweis"), CancellationToken.None);
        }

        factory.Time.Advance(RetentionService.OrphanGrace - TimeSpan.FromMinutes(1));
        await RunRetentionAsync();
        Assert.Contains(orphan, await KeysAsync(BlobKeys.SubmissionsRoot));

        factory.Time.Advance(TimeSpan.FromMinutes(2));
        await RunRetentionAsync();
        var left = await KeysAsync(BlobKeys.SubmissionsRoot);
        Assert.DoesNotContain(orphan, left);
        Assert.NotEmpty(await KeysAsync(BlobKeys.SubmissionPrefix(accepted.Id))); // a stored submission's files stay until its rules say
    }

    [Fact]
    public async Task Application_data_of_an_interface_delivery_is_deleted_right_after_the_delivery_is_confirmed()
    {
        await EnableRouteAsync("direkt", FailsAfterRemoteAcceptedTransport.TransportId);
        using var client = factory.CreateClient();
        var accepted = await DemoApplication.SubmitAsync(client, null, "direkt");
        await factory.DeliverDueAsync();
        Assert.NotEmpty(await KeysAsync(BlobKeys.SubmissionPrefix(accepted.Id)));

        factory.Time.Advance(TimeSpan.FromSeconds(30));
        await factory.DeliverDueAsync();

        var status = await client.GetFromJsonAsync<JsonElement>(accepted.Status);
        Assert.Equal("Confirmed", status.GetProperty("deliveries")[0].GetProperty("state").GetString());
        Assert.Equal(factory.Time.GetUtcNow(), status.GetProperty("personalDataDeletedAt").GetDateTimeOffset());
        Assert.Empty(await KeysAsync("submissions/"));
        await RunRetentionAsync();
        Assert.Empty(ScanDataDirectory());
    }

    [Fact]
    public async Task Application_data_stays_while_a_receipt_is_outstanding_and_goes_once_it_confirms()
    {
        await EnableRouteAsync("quittung", AwaitsReceiptTransport.TransportId);
        using var client = factory.CreateClient();
        var accepted = await DemoApplication.SubmitAsync(client, null, "quittung");
        await factory.DeliverDueAsync();

        factory.Time.Advance(TimeSpan.FromDays(365));
        Assert.Equal(0, (await RunRetentionAsync()).SubmissionsPurged);
        Assert.NotEmpty(await KeysAsync(BlobKeys.SubmissionPrefix(accepted.Id)));

        await ConfirmAsync(accepted.Id);

        Assert.Equal(1, (await RunRetentionAsync()).SubmissionsPurged);
        Assert.Empty(await KeysAsync("submissions/"));
    }

    [Fact]
    public async Task A_draft_is_deleted_30_days_after_it_was_saved()
    {
        var draftId = Guid.NewGuid();
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            var draft = new Draft(draftId, DemoApplication.Tenant, DemoApplication.Process, "1.0.0",
                """{"vorname":"Quirinella"}""", "pbkdf2-sha512$600000$c2FsdA$aGFzaA", factory.Time.GetUtcNow());
            await scope.ServiceProvider.GetRequiredService<IDraftStore>().AddAsync(draft, CancellationToken.None);
            await scope.ServiceProvider.GetRequiredService<IBlobStore>().PutAsync(BlobKeys.DraftPrefix(draftId) + "upload", Encoding.UTF8.GetBytes("x"), CancellationToken.None);
        }

        factory.Time.Advance(TimeSpan.FromDays(30) - TimeSpan.FromSeconds(1));
        Assert.Equal(0, (await RunRetentionAsync()).DraftsDeleted);

        factory.Time.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(1, (await RunRetentionAsync()).DraftsDeleted);

        await using (var scope = factory.Services.CreateAsyncScope())
        {
            Assert.Null(await scope.ServiceProvider.GetRequiredService<IDraftStore>().FindAsync(draftId, CancellationToken.None));
        }

        Assert.Empty(await KeysAsync("drafts/"));
        Assert.Empty(ScanDataDirectory());
    }

    /// <summary>
    /// The receipt arrives. The host's own receipt poll runs in the background once the clock jumps and may mark the
    /// delivery overdue between our read and our save: then it is read again, as a real receipt check would be.
    /// </summary>
    private async Task ConfirmAsync(Guid submissionId)
    {
        for (var attempt = 1; ; attempt++)
        {
            await using var scope = factory.Services.CreateAsyncScope();
            var deliveries = scope.ServiceProvider.GetRequiredService<IDeliveryStore>();
            var delivery = Assert.Single(await deliveries.ListForSubmissionAsync(submissionId, CancellationToken.None));
            delivery.Confirm(factory.Time.GetUtcNow());
            try
            {
                await deliveries.SaveAsync(delivery, CancellationToken.None);
                return;
            }
            catch (DeliveryConflictException) when (attempt < 5)
            {
            }
        }
    }

    private async Task<RetentionReport> RunRetentionAsync()
    {
        await using var scope = factory.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<RetentionService>().RunAsync(CancellationToken.None);
    }

    private async Task<List<string>> KeysAsync(string prefix)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var keys = new List<string>();
        await foreach (var key in scope.ServiceProvider.GetRequiredService<IBlobStore>().ListKeysAsync(prefix, CancellationToken.None))
        {
            keys.Add(key);
        }

        return keys;
    }

    /// <summary>Every file under the data directory (database, WAL, blobs), searched byte-wise for the applicant's values.</summary>
    private List<string> ScanDataDirectory()
    {
        var hits = new List<string>();
        foreach (var file in Directory.EnumerateFiles(factory.DataDirectory, "*", SearchOption.AllDirectories))
        {
            byte[] bytes;
            using (var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete))
            using (var memory = new MemoryStream())
            {
                stream.CopyTo(memory);
                bytes = memory.ToArray();
            }

            foreach (var value in new[] { "Quirinella", "Zwetschgenbaum", "Xylophonweiher", "Wuffelbert" })
            {
                if (bytes.AsSpan().IndexOf(Encoding.UTF8.GetBytes(value)) >= 0)
                {
                    hits.Add($"{Path.GetFileName(file)}: {value}");
                }
            }
        }

        return hits;
    }

    private async Task EnableRouteAsync(string tenant, string transport)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var catalog = scope.ServiceProvider.GetRequiredService<ICatalogStore>();
        await catalog.AddTenantAsync(new Tenant(tenant, tenant, factory.Time.GetUtcNow()), CancellationToken.None);
        await catalog.EnableProcessAsync(tenant, DemoApplication.Process, "1.0.0",
            [new RouteDefinition { TransportId = transport, MapperIds = ["canonical-xml", "pdf"] }], 90, CancellationToken.None);
    }

    public void Dispose() => factory.Dispose();

    /// <summary>Delivers and then waits for a receipt, as FIT-Connect and XTA do.</summary>
    private sealed class AwaitsReceiptTransport : ITransport
    {
        public const string TransportId = "awaits-receipt";

        public string Id => TransportId;

        public Task<Core.Deliveries.DeliveryOutcome> DeliverAsync(DeliveryRequest request, CancellationToken cancellationToken) =>
            Task.FromResult(Core.Deliveries.DeliveryOutcome.Succeeded(awaitsReceipt: true));
    }
}
