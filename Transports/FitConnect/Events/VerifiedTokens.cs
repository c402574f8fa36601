using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using EfaGateway.Transports.FitConnect.Settings;

namespace EfaGateway.Transports.FitConnect.Events;

/// <summary>
/// SETs of event logs that passed every check (header, signature, claims), remembered so that the receipt poll, which
/// reads the same log again and again until the destination answers, does not check the same bytes again each time.
/// </summary>
/// <remarks>
/// Why this keeps the checks FIT-Connect asks of senders: a SET is an immutable signed token; the same bytes checked
/// again with the same key, for the same submission, case, destination and Zustelldienst, give the same result. An
/// entry is keyed by all of these (and the route's <see cref="FitConnectRouteSettings.CacheScope"/>: trust anchors,
/// revocation switch) and by a SHA-256 of the token, so any changed byte is a new token, checked in full. It lives
/// only as long as the key check the signature check rested on (the key and its certificate chain, with revocation,
/// are checked again after that lifetime, and so are the tokens). Refused tokens are never remembered.
/// </remarks>
internal sealed class VerifiedTokens
{
    /// <summary>Far above what one poll sees (a few events per awaiting delivery); bounds memory whatever happens.</summary>
    public const int MaxEntries = 20_000;

    private readonly ConcurrentDictionary<string, (VerifiedEvent Event, DateTimeOffset ValidUntil)> entries = new(StringComparer.Ordinal);

    public int Count => entries.Count;

    public static string Key(FitConnectRouteSettings settings, Guid submissionId, Guid caseId, string token)
    {
        var tokenHash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));
        return string.Join('|', settings.SubmissionApiUrl, settings.DestinationId.ToString("D"), settings.CacheScope,
            submissionId.ToString("D"), caseId.ToString("D"), tokenHash);
    }

    public VerifiedEvent? Find(string key, DateTimeOffset now)
    {
        if (!entries.TryGetValue(key, out var entry))
        {
            return null;
        }

        if (entry.ValidUntil > now)
        {
            return entry.Event;
        }

        entries.TryRemove(key, out _);
        return null;
    }

    public void Remember(string key, VerifiedEvent verified, DateTimeOffset validUntil, DateTimeOffset now)
    {
        if (validUntil <= now)
        {
            return;
        }

        if (entries.Count >= MaxEntries)
        {
            foreach (var (oldKey, old) in entries)
            {
                if (old.ValidUntil <= now)
                {
                    entries.TryRemove(oldKey, out _);
                }
            }

            if (entries.Count >= MaxEntries)
            {
                // Still full of live entries (a huge backlog): start over rather than grow; they are checked again once.
                entries.Clear();
            }
        }

        entries[key] = (verified, validUntil);
    }
}
