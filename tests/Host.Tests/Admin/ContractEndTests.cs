using System.IO.Compression;
using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;
using EfaGateway.Core.Blobs;
using EfaGateway.Core.Drafts;
using EfaGateway.Core.Ports;
using EfaGateway.Core.Tenants;
using EfaGateway.Host.Tests.Support;
using EfaGateway.Persistence;
using EfaGateway.Persistence.Stores;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace EfaGateway.Host.Tests.Admin;

/// <summary>
/// Contract end: the tenant's archive holds its configuration, Postkorb items with their files and delivery records,
/// each file listed with its SHA-256; then deleting the tenant leaves nothing of it in any table or the blob store,
/// while another tenant's rows and blobs stay exactly as they were.
/// </summary>
public sealed class ContractEndTests : IDisposable
{
    private const string Other = "nachbarort";
    private readonly GatewayFactory factory;

    public ContractEndTests() => factory = new GatewayFactory(new Dictionary<string, string?> { ["Gateway:Blobs:Store"] = "Database" });

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public void Dispose() => factory.Dispose();

    [Fact]
    public async Task The_export_holds_configuration_Postkorb_files_and_deliveries_each_with_its_SHA_256()
    {
        await SeedTwoTenantsAsync();
        using var client = factory.CreateOperatorClient();

        using var response = await client.GetAsync($"/api/v1/admin/tenants/{DemoApplication.Tenant}/export", Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/zip", response.Content.Headers.ContentType?.MediaType);
        await using var body = new MemoryStream(await response.Content.ReadAsByteArrayAsync(Ct));
        using var zip = new ZipArchive(body, ZipArchiveMode.Read);
        var manifest = JsonNode.Parse(await ReadAsync(zip, "manifest.json"))!;
        Assert.Equal("efagateway-tenant-export/1", manifest["format"]!.GetValue<string>());
        var listed = manifest["files"]!.AsArray().Select(f => f!).ToList();
        Assert.Equal(zip.Entries.Select(e => e.FullName).Where(n => n != "manifest.json").Order(StringComparer.Ordinal),
            listed.Select(f => f["path"]!.GetValue<string>()).Order(StringComparer.Ordinal));
        foreach (var file in listed)
        {
            var bytes = await ReadBytesAsync(zip, file["path"]!.GetValue<string>());
            Assert.Equal(file["size"]!.GetValue<long>(), bytes.Length);
            Assert.Equal(file["sha256"]!.GetValue<string>(), Convert.ToHexStringLower(SHA256.HashData(bytes)));
        }

        Assert.Equal("Schönwetter am Berg", JsonNode.Parse(await ReadAsync(zip, "tenant.json"))!["name"]!.GetValue<string>());
        Assert.Contains("hundesteuer-anmeldung", await ReadAsync(zip, "processes.json"), StringComparison.Ordinal);
        Assert.Contains(zip.Entries, e => e.FullName == "definitions/hundesteuer-anmeldung-1.0.0.json");
        var item = zip.Entries.Single(e => e.FullName.StartsWith("postkorb/", StringComparison.Ordinal) && e.FullName.EndsWith("/item.json", StringComparison.Ordinal));
        var pdf = zip.Entries.First(e => e.FullName.StartsWith(item.FullName[..^"item.json".Length] + "files/", StringComparison.Ordinal)
            && e.FullName.EndsWith(".pdf", StringComparison.Ordinal));
        Assert.StartsWith("%PDF", System.Text.Encoding.ASCII.GetString(await ReadBytesAsync(zip, pdf.FullName))[..4], StringComparison.Ordinal);
        var deliveries = JsonNode.Parse(await ReadAsync(zip, "deliveries.json"))!.AsArray();
        Assert.Single(deliveries);
        var everything = string.Join("\n", await Task.WhenAll(zip.Entries.Where(e => e.FullName.EndsWith(".json", StringComparison.Ordinal))
            .Select(e => ReadAsync(zip, e.FullName))));
        Assert.DoesNotContain(Other, everything, StringComparison.Ordinal); // nothing of the other tenant
    }

    [Fact]
    public async Task The_export_lists_every_delivery_even_when_there_are_more_than_one_page_of_them()
    {
        const int Count = Core.Deliveries.DeliveryListQuery.MaxLimit * 2 + 7;
        var at = factory.Time.GetUtcNow();
        var submission = new Core.Submissions.Submission(Guid.CreateVersion7(at), Core.Submissions.Vorgangsnummer.Create(at), DemoApplication.Tenant,
            DemoApplication.Process, "1.0.0", "{}", at, []);
        var deliveries = Enumerable.Range(0, Count).Select(i => Core.Deliveries.Delivery.Create(Guid.CreateVersion7(at.AddMilliseconds(i)), submission.Id,
            submission.TenantId, submission.ProcessId, "postkorb", ["pdf"], fallbackTransportId: null, at.AddMilliseconds(i))).ToList();
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<ISubmissionStore>().AddAsync(submission, deliveries, Ct);
        }

        using var client = factory.CreateOperatorClient();
        using var response = await client.GetAsync($"/api/v1/admin/tenants/{DemoApplication.Tenant}/export", Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        await using var body = new MemoryStream(await response.Content.ReadAsByteArrayAsync(Ct));
        using var zip = new ZipArchive(body, ZipArchiveMode.Read);
        var listed = JsonNode.Parse(await ReadAsync(zip, "deliveries.json"))!.AsArray().Select(d => d!["id"]!.GetValue<Guid>()).ToList();
        Assert.Equal(deliveries.Select(d => d.Id), listed);
    }

    [Fact]
    public async Task Deleting_a_tenant_leaves_nothing_of_it_in_any_table_or_the_blob_store_and_the_other_tenant_untouched()
    {
        await SeedTwoTenantsAsync();
        var before = await SnapshotAsync();
        Assert.True(before.Rows[DemoApplication.Tenant].Values.Sum() > 5, "The seed should have given the tenant rows in several tables.");
        Assert.NotEmpty(before.Blobs[DemoApplication.Tenant]);
        using var client = factory.CreateOperatorClient();

        using var unconfirmed = await client.DeleteAsync($"/api/v1/admin/tenants/{DemoApplication.Tenant}", Ct);
        using var deleted = await client.DeleteAsync($"/api/v1/admin/tenants/{DemoApplication.Tenant}?confirm={DemoApplication.Tenant}", Ct);

        Assert.Equal(HttpStatusCode.BadRequest, unconfirmed.StatusCode);
        Assert.Equal(HttpStatusCode.OK, deleted.StatusCode);
        var after = await SnapshotAsync();
        Assert.All(after.Rows[DemoApplication.Tenant], table => Assert.True(table.Value == 0, $"{table.Value} row(s) of the tenant left in {table.Key}."));
        Assert.Empty(after.Blobs[DemoApplication.Tenant]);
        Assert.Equal(before.Rows[Other], after.Rows[Other]);
        Assert.Equal(before.Blobs[Other], after.Blobs[Other]);
        Assert.Equal(before.AllBlobKeys.Except(before.Blobs[DemoApplication.Tenant]).Order(StringComparer.Ordinal),
            after.AllBlobKeys.Order(StringComparer.Ordinal));
        await using var scope = factory.Services.CreateAsyncScope();
        Assert.Null(await scope.ServiceProvider.GetRequiredService<ICatalogStore>().FindTenantAsync(DemoApplication.Tenant, Ct));
        Assert.NotNull(await scope.ServiceProvider.GetRequiredService<ICatalogStore>().FindProcessDefinitionAsync("hundesteuer-anmeldung", "1.0.0", Ct));
    }

    [Fact]
    public async Task A_tenant_with_deliveries_on_their_way_is_closed_but_only_deleted_when_forced()
    {
        using var citizen = factory.CreateClient();
        await DemoApplication.SubmitAsync(citizen); // pending: nobody delivered it yet
        using var client = factory.CreateOperatorClient();

        using var refused = await client.DeleteAsync($"/api/v1/admin/tenants/{DemoApplication.Tenant}?confirm={DemoApplication.Tenant}", Ct);
        using var closedIntake = await citizen.PostAsJsonAsync(DemoApplication.SubmitPath, DemoApplication.Request(), Ct);
        using var closedForm = await citizen.GetAsync($"/{DemoApplication.Tenant}/{DemoApplication.Process}", Ct);
        using var forced = await client.DeleteAsync($"/api/v1/admin/tenants/{DemoApplication.Tenant}?confirm={DemoApplication.Tenant}&force=true", Ct);
        using var gone = await client.DeleteAsync($"/api/v1/admin/tenants/{DemoApplication.Tenant}?confirm={DemoApplication.Tenant}", Ct);

        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        Assert.Contains("1 Zustellung", await refused.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, closedIntake.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, closedForm.StatusCode);
        Assert.Equal(HttpStatusCode.OK, forced.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
    }

    /// <summary>Both tenants get an application in the Postkorb (with upload and PDF), a draft and a logo.</summary>
    private async Task SeedTwoTenantsAsync()
    {
        using var client = factory.CreateOperatorClient();
        (await client.PostAsJsonAsync("/api/v1/admin/tenants", new { id = Other, name = "Nachbarort" }, Ct)).EnsureSuccessStatusCode();
        (await client.PutAsJsonAsync($"/api/v1/admin/tenants/{Other}/processes/{DemoApplication.Process}", new { }, Ct)).EnsureSuccessStatusCode();
        using var citizen = factory.CreateClient();
        byte[] png = [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A, 1, 2, 3];
        await using var scope = factory.Services.CreateAsyncScope();
        foreach (var tenant in new[] { DemoApplication.Tenant, Other })
        {
            await DemoApplication.SubmitAsync(citizen, tenant: tenant);
            (await client.PutAsync($"/api/v1/admin/tenants/{tenant}/logo", new ByteArrayContent(png), Ct)).EnsureSuccessStatusCode();
            var draft = new Draft(Guid.CreateVersion7(), tenant, DemoApplication.Process, "1.0.0", "{}", "pin-hash", factory.Time.GetUtcNow());
            await scope.ServiceProvider.GetRequiredService<IDraftStore>().AddAsync(draft, Ct);
            await scope.ServiceProvider.GetRequiredService<IBlobStore>().PutAsync(BlobKeys.DraftPrefix(draft.Id) + "uploads/x", new byte[] { 1 }, Ct);
        }

        Assert.Equal(2, await factory.DeliverDueAsync());
    }

    private sealed record Snapshot(Dictionary<string, Dictionary<string, int>> Rows, Dictionary<string, List<string>> Blobs, List<string> AllBlobKeys);

    /// <summary>Rows per tenant in every table the model gives a tenant column, and the blob keys each tenant owns.</summary>
    private async Task<Snapshot> SnapshotAsync()
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<GatewayDbContext>();
        var rows = new Dictionary<string, Dictionary<string, int>>(StringComparer.Ordinal);
        var blobs = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        var allKeys = await db.Blobs.Select(b => b.Key).ToListAsync(Ct);
        foreach (var tenant in new[] { DemoApplication.Tenant, Other })
        {
            var counts = new Dictionary<string, int>(StringComparer.Ordinal);
            foreach (var (table, column) in TenantDataStore.TenantTables(db.Model).Append(("Tenants", "Id")))
            {
                counts[table] = await CountAsync(db, table, column, tenant);
            }

            rows[tenant] = counts;
            var owners = await scope.ServiceProvider.GetRequiredService<ITenantDataStore>().ListBlobOwnersAsync(tenant, Ct);
            var prefixes = owners.Prefixes(tenant).ToList();
            blobs[tenant] = [.. allKeys.Where(k => prefixes.Any(p => k.StartsWith(p, StringComparison.Ordinal))).Order(StringComparer.Ordinal)];
        }

        // Blob owners of a deleted tenant cannot be listed any more; its keys are then whatever is not the other's.
        if (rows[DemoApplication.Tenant]["Tenants"] == 0)
        {
            blobs[DemoApplication.Tenant] = [.. allKeys.Except(blobs[Other]).Where(k => !k.StartsWith("formsessions/", StringComparison.Ordinal))];
        }

        return new Snapshot(rows, blobs, allKeys);
    }

    private static async Task<int> CountAsync(GatewayDbContext db, string table, string column, string tenant)
    {
        await using var command = db.Database.GetDbConnection().CreateCommand();
        command.CommandText = $"SELECT COUNT(*) FROM \"{table}\" WHERE \"{column}\" = @tenant";
        var parameter = command.CreateParameter();
        parameter.ParameterName = "@tenant";
        parameter.Value = tenant;
        command.Parameters.Add(parameter);
        await db.Database.OpenConnectionAsync(Ct);
        return Convert.ToInt32(await command.ExecuteScalarAsync(Ct), System.Globalization.CultureInfo.InvariantCulture);
    }

    private static async Task<string> ReadAsync(ZipArchive zip, string path) => System.Text.Encoding.UTF8.GetString(await ReadBytesAsync(zip, path));

    private static async Task<byte[]> ReadBytesAsync(ZipArchive zip, string path)
    {
        await using var stream = await zip.GetEntry(path)!.OpenAsync(Ct);
        using var copy = new MemoryStream();
        await stream.CopyToAsync(copy, Ct);
        return copy.ToArray();
    }
}
