namespace EfaGateway.Core.Drafts;

/// <summary>
/// A saved, unsent application (Zwischenspeicherung). Deleted irrecoverably 30 days after it was last saved.
/// The PIN exists only as a slow salted hash; it cannot be changed or reset. The answers and files live in the blob store
/// under <c>drafts/{id}/</c> (encrypted at rest); <see cref="DataJson"/> holds no answers.
/// </summary>
public sealed class Draft
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromDays(30);

    private Draft()
    {
        TenantId = string.Empty;
        ProcessId = string.Empty;
        ProcessVersion = string.Empty;
        DataJson = string.Empty;
        PinHash = string.Empty;
    }

    public Draft(Guid id, string tenantId, string processId, string processVersion, string dataJson, string pinHash, DateTimeOffset savedAt)
    {
        Id = id;
        TenantId = tenantId;
        ProcessId = processId;
        ProcessVersion = processVersion;
        DataJson = dataJson;
        PinHash = pinHash;
        CreatedAt = savedAt;
        SavedAt = savedAt;
    }

    public Guid Id { get; private set; }

    public string TenantId { get; private set; }

    public string ProcessId { get; private set; }

    public string ProcessVersion { get; private set; }

    public string DataJson { get; private set; }

    /// <summary>A self-describing slow hash (algorithm, iterations, salt, hash) of the PIN; never the PIN.</summary>
    public string PinHash { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public DateTimeOffset SavedAt { get; private set; }

    public int FailedPinAttempts { get; private set; }

    /// <summary>Set after too many wrong PINs: until then no PIN is checked at all.</summary>
    public DateTimeOffset? LockedUntil { get; private set; }

    public DateTimeOffset DeleteAt => SavedAt + Lifetime;

    public void Save(string dataJson, DateTimeOffset now)
    {
        DataJson = dataJson;
        SavedAt = now;
    }

    public bool IsLocked(DateTimeOffset now) => LockedUntil is { } until && until > now;

    /// <summary>Counts a wrong PIN; the last allowed one locks the draft for the lock period and starts the count again.</summary>
    public void RecordFailedPin(DateTimeOffset now, int maxAttempts, TimeSpan lockPeriod)
    {
        FailedPinAttempts++;
        if (FailedPinAttempts >= maxAttempts)
        {
            LockedUntil = now + lockPeriod;
            FailedPinAttempts = 0;
        }
    }

    public void RecordRightPin()
    {
        FailedPinAttempts = 0;
        LockedUntil = null;
    }
}
