using System.Text.Json;
using EfaGateway.Core.Ports;
using EfaGateway.Host.Admin;
using EfaGateway.Host.Api;
using EfaGateway.Host.Composition;
using Microsoft.Extensions.Options;

namespace EfaGateway.Host.Cli;

/// <summary>
/// <c>tenant list|show|create|update|logo|export|delete</c>: the admin API's tenant operations on the command line,
/// through the same <see cref="TenantAdministration"/>, <see cref="TenantExport"/> and <see cref="TenantDeletion"/>.
/// </summary>
public static class TenantVerb
{
    public const string Usage = "tenant list | show <id> | create <tenant.json> | update <id> <tenant.json> | logo <id> <file.png|jpg>\n"
        + "                               | export <id> <file.zip> | delete <id> --confirm <id> [--force]\n"
        + "                               tenants with profile (AGS/ARS, contact, mail sender) and logo; export and delete at contract end";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public static async Task<int> RunAsync(IServiceProvider services, string[] args, TextWriter output)
    {
        var administration = services.GetRequiredService<TenantAdministration>();
        var ct = CancellationToken.None;
        switch (args)
        {
            case ["list"]:
                foreach (var tenant in await services.GetRequiredService<ICatalogStore>().ListTenantsAsync(ct))
                {
                    await output.WriteLineAsync($"{tenant.Id}\t{tenant.Name}{(tenant.ClosedAt is null ? string.Empty : "\t(contract ended)")}");
                }

                return 0;
            case ["show", var id]:
                var site = new Uri(services.GetRequiredService<IOptions<GatewayOptions>>().Value.PublicBaseUrl ?? EntryLinks.LocalSite);
                var overview = await administration.ShowAsync(id, site, ct);
                return overview is null ? await FailAsync($"There is no tenant '{id}'.") : await WriteAsync(output, TenantOverviewDto.From(overview));
            case ["create", var file]:
                return await ReadInputAsync(file) is { } input ? await ReportAsync(output, await administration.CreateAsync(input, ct)) : 1;
            case ["update", var id, var file]:
                return await ReadInputAsync(file) is { } changed ? await ReportAsync(output, await administration.UpdateAsync(id, changed, ct)) : 1;
            case ["logo", var id, var file]:
                return File.Exists(file)
                    ? await ReportAsync(output, await administration.SetLogoAsync(id, await File.ReadAllBytesAsync(file, ct), ct))
                    : await FailAsync($"There is no file '{file}'.");
            case ["export", var id, var file]:
                return await ExportAsync(services, id, file, output);
            case ["delete", var id, "--confirm", var confirm, .. var rest] when rest is [] or ["--force"]:
                if (confirm != id)
                {
                    return await FailAsync($"To delete, repeat the tenant id: --confirm {id}");
                }

                var deleted = await services.GetRequiredService<TenantDeletion>().DeleteAsync(id, rest is ["--force"], ct);
                return deleted is AdminResult<TenantDeletionReport>.Done done ? await WriteAsync(output, done.Value) : await ReportAsync(output, deleted);
            default:
                await Console.Error.WriteLineAsync("Usage: " + Usage);
                return 2;
        }
    }

    private static async Task<int> ExportAsync(IServiceProvider services, string tenantId, string file, TextWriter output)
    {
        var temporary = file + ".partial";
        bool found;
        await using (var stream = File.Create(temporary))
        {
            found = await services.GetRequiredService<TenantExport>().WriteAsync(tenantId, stream, CancellationToken.None);
        }

        if (!found)
        {
            File.Delete(temporary);
            return await FailAsync($"There is no tenant '{tenantId}'.");
        }

        // Only a complete archive gets the name asked for.
        File.Move(temporary, file, overwrite: true);
        await output.WriteLineAsync($"Exported tenant '{tenantId}' to {Path.GetFullPath(file)} ({new FileInfo(file).Length} bytes).");
        return 0;
    }

    private static async Task<TenantInput?> ReadInputAsync(string file)
    {
        if (!File.Exists(file))
        {
            await FailAsync($"There is no file '{file}'.");
            return null;
        }

        try
        {
            return JsonSerializer.Deserialize<TenantInput>(await File.ReadAllTextAsync(file), Json)
                ?? throw new JsonException("The file holds null.");
        }
        catch (JsonException ex)
        {
            await FailAsync($"'{file}' is not a tenant in JSON: {ex.Message}");
            return null;
        }
    }

    internal static async Task<int> ReportAsync<T>(TextWriter output, AdminResult<T> result)
    {
        switch (result)
        {
            case AdminResult<T>.Done done:
                return await WriteAsync(output, done.Value is Core.Tenants.Tenant tenant ? TenantDto.From(tenant) : done.Value!);
            case AdminResult<T>.Invalid invalid:
                foreach (var (field, messages) in invalid.Problems)
                {
                    foreach (var message in messages)
                    {
                        await Console.Error.WriteLineAsync($"{field}: {message}");
                    }
                }

                return 1;
            case AdminResult<T>.NotFound notFound:
                return await FailAsync(notFound.Detail);
            case AdminResult<T>.Conflict conflict:
                return await FailAsync(conflict.Detail);
            default:
                throw new InvalidOperationException("Unknown result.");
        }
    }

    private static async Task<int> WriteAsync(TextWriter output, object value)
    {
        await output.WriteLineAsync(JsonSerializer.Serialize(value, Json));
        return 0;
    }

    private static async Task<int> FailAsync(string message)
    {
        await Console.Error.WriteLineAsync(message);
        return 1;
    }
}
