using System.Security.Cryptography;
using System.Text;
using EfaGateway.Persistence;
using EfaGateway.Persistence.Staff;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace EfaGateway.Host.Staff;

/// <summary>
/// One-time links to set a password (invitation, forced reset): a random token in the link, only its SHA-256 stored;
/// it expires after <see cref="StaffOptions.PasswordLinkLifetime"/>, works once, and a new link voids older ones.
/// </summary>
public sealed class StaffPasswordLinks(GatewayDbContext db, TimeProvider time, IOptions<StaffOptions> options)
{
    /// <summary>Creates the link's token for the user (saved with the caller's next SaveChanges).</summary>
    public (string Token, DateTimeOffset ExpiresAt) Create(StaffUser user)
    {
        ArgumentNullException.ThrowIfNull(user);
        var now = time.GetUtcNow();
        foreach (var older in db.StaffPasswordLinks.Where(l => l.UserId == user.Id && l.UsedAt == null))
        {
            older.UsedAt = now;
        }

        var token = Base64Url(RandomNumberGenerator.GetBytes(32));
        var expires = now + options.Value.PasswordLinkLifetime;
        db.StaffPasswordLinks.Add(new StaffPasswordLink
        {
            Id = Guid.NewGuid(), TenantId = user.TenantId, UserId = user.Id, TokenHash = Hash(token), CreatedAt = now, ExpiresAt = expires,
        });
        return (token, expires);
    }

    /// <summary>The open link of this tenant for the token, or null when unknown, used, expired or of another tenant.</summary>
    public async Task<StaffPasswordLink?> FindOpenAsync(string tenantId, string? token, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(token) || token.Length > 100)
        {
            return null;
        }

        var hash = Hash(token);
        var link = await db.StaffPasswordLinks.SingleOrDefaultAsync(l => l.TokenHash == hash, cancellationToken);
        return link is { UsedAt: null } && link.TenantId == tenantId && link.ExpiresAt > time.GetUtcNow() ? link : null;
    }

    public void MarkUsed(StaffPasswordLink link)
    {
        ArgumentNullException.ThrowIfNull(link);
        link.UsedAt = time.GetUtcNow();
    }

    private static string Hash(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.ASCII.GetBytes(token)));

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
