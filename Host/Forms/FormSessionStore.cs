using System.Text.Json;
using EfaGateway.Core.Ports;

namespace EfaGateway.Host.Forms;

/// <summary>
/// Keeps <see cref="FormSession"/>s in the blob store under <c>formsessions/{id}/</c>: state, uploads and the receipt.
/// The cookie that names the session is scoped to the process's path, so each form has its own.
/// </summary>
public sealed class FormSessionStore(IBlobStore blobs, TimeProvider time, Core.Diagnostics.GatewayMetrics metrics)
{
    public const string CookieName = "efagw-antrag";
    public const string Prefix = "formsessions/";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static string SessionPrefix(Guid id) => $"{Prefix}{id:N}/";

    public static string UploadKey(Guid sessionId, Guid uploadId) => $"{SessionPrefix(sessionId)}uploads/{uploadId:N}";

    public static string ReceiptKey(Guid sessionId) => $"{SessionPrefix(sessionId)}receipt.pdf";

    public async Task<FormSession?> FindAsync(HttpContext http, string tenantId, string processId, CancellationToken cancellationToken)
    {
        if (!http.Request.Cookies.TryGetValue(CookieName, out var value) || !Guid.TryParseExact(value, "N", out var id))
        {
            return null;
        }

        var bytes = await blobs.GetAsync(StateKey(id), cancellationToken);
        if (bytes is null)
        {
            return null;
        }

        var session = JsonSerializer.Deserialize<FormSession>(bytes, Json);
        var current = session is not null && session.Id == id && session.TenantId == tenantId && session.ProcessId == processId &&
            time.GetUtcNow() - session.StartedAt < FormSession.Lifetime;
        return current ? session : null;
    }

    public async Task<FormSession> StartAsync(HttpContext http, string tenantId, string processId, string version, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var session = new FormSession { Id = Guid.CreateVersion7(now), TenantId = tenantId, ProcessId = processId, ProcessVersion = version, StartedAt = now };
        await SaveAsync(session, cancellationToken);
        http.Response.Cookies.Append(CookieName, session.Id.ToString("N"), new CookieOptions
        {
            HttpOnly = true,
            Secure = http.Request.IsHttps,
            SameSite = SameSiteMode.Lax,
            Path = $"/{tenantId}/{processId}",
            IsEssential = true,
        });
        return session;
    }

    public Task SaveAsync(FormSession session, CancellationToken cancellationToken) =>
        blobs.PutAsync(StateKey(session.Id), JsonSerializer.SerializeToUtf8Bytes(session, Json), cancellationToken);

    public Task DeleteAsync(Guid id, CancellationToken cancellationToken) => blobs.DeleteByPrefixAsync(SessionPrefix(id), cancellationToken);

    /// <summary>Removes every session older than its lifetime; the id is a version-7 GUID, so its key tells its age.</summary>
    public async Task<int> DeleteExpiredAsync(CancellationToken cancellationToken)
    {
        var cutoff = time.GetUtcNow() - FormSession.Lifetime;
        var expired = new HashSet<Guid>();
        await foreach (var key in blobs.ListKeysAsync(Prefix, cancellationToken))
        {
            var part = key[Prefix.Length..].Split('/')[0];
            if (Guid.TryParseExact(part, "N", out var id) && CreatedAt(id) < cutoff)
            {
                expired.Add(id);
            }
        }

        foreach (var id in expired)
        {
            await DeleteAsync(id, cancellationToken);
        }

        metrics.Deleted(Core.Diagnostics.GatewayMetrics.DeletionRules.FormSession, expired.Count);
        return expired.Count;
    }

    /// <summary>Removes every unfinished form session of a tenant (its contract ended); returns how many.</summary>
    public async Task<int> DeleteForTenantAsync(string tenantId, CancellationToken cancellationToken)
    {
        var ids = new HashSet<Guid>();
        await foreach (var key in blobs.ListKeysAsync(Prefix, cancellationToken))
        {
            if (Guid.TryParseExact(key[Prefix.Length..].Split('/')[0], "N", out var id))
            {
                ids.Add(id);
            }
        }

        var deleted = 0;
        foreach (var id in ids)
        {
            var bytes = await blobs.GetAsync(StateKey(id), cancellationToken);
            if (bytes is not null && JsonSerializer.Deserialize<FormSession>(bytes, Json)?.TenantId == tenantId)
            {
                await DeleteAsync(id, cancellationToken);
                deleted++;
            }
        }

        return deleted;
    }

    private static string StateKey(Guid id) => $"{SessionPrefix(id)}state";

    private static DateTimeOffset CreatedAt(Guid version7)
    {
        Span<byte> bytes = stackalloc byte[16];
        version7.TryWriteBytes(bytes, bigEndian: true, out _);
        long milliseconds = 0;
        for (var i = 0; i < 6; i++)
        {
            milliseconds = (milliseconds << 8) | bytes[i];
        }

        return DateTimeOffset.FromUnixTimeMilliseconds(milliseconds);
    }
}
