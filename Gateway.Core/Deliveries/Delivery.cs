namespace EfaGateway.Core.Deliveries;

/// <summary>
/// One route of one submission: its state, attempts, next attempt time, last error and the ids the remote end gave it.
/// State changes only through the methods below, each checked against <see cref="DeliveryTransitions"/>.
/// </summary>
public sealed class Delivery
{
    private Dictionary<string, string> externalIds = new(StringComparer.Ordinal);
    private List<string> mapperIds = [];

    private Delivery()
    {
        TenantId = string.Empty;
        ProcessId = string.Empty;
        TransportId = string.Empty;
    }

    public Guid Id { get; private set; }

    public Guid SubmissionId { get; private set; }

    public string TenantId { get; private set; }

    public string ProcessId { get; private set; }

    public string TransportId { get; private set; }

    public IReadOnlyList<string> MapperIds => mapperIds;

    public string? FallbackTransportId { get; private set; }

    /// <summary>Set on a fallback delivery: the dead-lettered delivery it stands in for.</summary>
    public Guid? FallbackForDeliveryId { get; private set; }

    /// <summary>Set on a dead-lettered delivery once its fallback delivery exists.</summary>
    public Guid? FallbackDeliveryId { get; private set; }

    public DeliveryState State { get; private set; }

    public int AttemptCount { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    /// <summary>When a worker may next pick it up; only set while Pending or Retrying.</summary>
    public DateTimeOffset? NextAttemptAt { get; private set; }

    public DateTimeOffset? LastAttemptAt { get; private set; }

    /// <summary>The last failure reason, for operators. Never contains personal data.</summary>
    public string? LastError { get; private set; }

    public DateTimeOffset? DeliveredAt { get; private set; }

    /// <summary>
    /// Why the last receipt check of a delivered delivery gave no verdict (remote end unreachable, event log refused, not
    /// fetched yet), for operators. Null when the last check simply found no verdict yet. Never contains personal data.
    /// </summary>
    public string? ReceiptNote { get; private set; }

    /// <summary>When <see cref="ReceiptNote"/> last changed (set, replaced or cleared by a check).</summary>
    public DateTimeOffset? ReceiptCheckedAt { get; private set; }

    public DateTimeOffset? ConfirmedAt { get; private set; }

    public DateTimeOffset? DeadLetteredAt { get; private set; }

    public string? LeaseOwner { get; private set; }

    public DateTimeOffset? LeaseExpiresAt { get; private set; }

    /// <summary>
    /// The W3C trace context (<c>traceparent</c>) of the submit that created this delivery, so each attempt's span joins
    /// the submit's trace. Ids only: no application content.
    /// </summary>
    public string? TraceParent { get; private set; }

    /// <summary>Ids obtained from the remote end (submission id, message id, …), persisted before any upload.</summary>
    public IReadOnlyDictionary<string, string> ExternalIds => externalIds;

    /// <summary>Bumped on every change; the store uses it as an optimistic concurrency token.</summary>
    public int Version { get; private set; }

    /// <summary>Done with: confirmed, or dead-lettered and handed to a fallback route.</summary>
    public bool IsSettled => State == DeliveryState.Confirmed || (State == DeliveryState.DeadLettered && FallbackDeliveryId is not null);

    public bool CanRetryNow => State is DeliveryState.Retrying or DeliveryState.DeadLettered && FallbackDeliveryId is null;

    public static Delivery Create(Guid id, Guid submissionId, string tenantId, string processId, string transportId,
        IEnumerable<string> mapperIds, string? fallbackTransportId, DateTimeOffset now, Guid? fallbackFor = null, string? traceParent = null) =>
        new()
        {
            Id = id,
            SubmissionId = submissionId,
            TenantId = tenantId,
            ProcessId = processId,
            TransportId = transportId,
            mapperIds = [.. mapperIds],
            FallbackTransportId = fallbackTransportId,
            FallbackForDeliveryId = fallbackFor,
            State = DeliveryState.Pending,
            CreatedAt = now,
            NextAttemptAt = now,
            TraceParent = traceParent is { Length: <= TraceParentMaxLength } ? traceParent : null,
        };

    /// <summary>A W3C traceparent is 55 characters (version 00); room for a later version's longer form.</summary>
    public const int TraceParentMaxLength = 128;

    /// <summary>Longer notes are cut, so an adapter's long message cannot overflow the column.</summary>
    public const int ReceiptNoteMaxLength = 2000;

    /// <summary>A worker takes it for one attempt, holding a lease until <paramref name="now"/> + <paramref name="lease"/>.</summary>
    public void Claim(string workerId, DateTimeOffset now, TimeSpan lease)
    {
        MoveTo(DeliveryState.InFlight);
        AttemptCount++;
        LastAttemptAt = now;
        NextAttemptAt = null;
        LeaseOwner = workerId;
        LeaseExpiresAt = now + lease;
    }

    /// <summary>Records an id from the remote end. Only during an attempt; an id once set never changes.</summary>
    public void RecordExternalId(string key, string value)
    {
        if (State != DeliveryState.InFlight)
        {
            throw new InvalidOperationException($"External ids are recorded during an attempt, not in state {State}.");
        }

        if (externalIds.TryGetValue(key, out var existing))
        {
            if (existing != value)
            {
                throw new InvalidOperationException($"External id '{key}' is already set to another value.");
            }

            return;
        }

        externalIds = new Dictionary<string, string>(externalIds, StringComparer.Ordinal) { [key] = value };
        Version++;
    }

    /// <summary>Records several ids at once: all are checked before any is set.</summary>
    public void RecordExternalIds(IReadOnlyDictionary<string, string> ids)
    {
        foreach (var (key, value) in ids)
        {
            if (externalIds.TryGetValue(key, out var existing) && existing != value)
            {
                throw new InvalidOperationException($"External id '{key}' is already set to another value.");
            }
        }

        foreach (var (key, value) in ids)
        {
            RecordExternalId(key, value);
        }
    }

    /// <summary>Applies what the transport said about the current attempt.</summary>
    public void Apply(DeliveryOutcome outcome, DateTimeOffset now, RetryOptions retry, double random)
    {
        switch (outcome)
        {
            case DeliveryOutcome.Delivered delivered:
                MoveTo(DeliveryState.Delivered);
                ReleaseLease();
                DeliveredAt = now;
                LastError = null;
                if (!delivered.AwaitsReceipt)
                {
                    Confirm(now);
                }

                break;
            case DeliveryOutcome.Transient transient when AttemptCount >= retry.MaxAttempts:
                DeadLetter($"Gave up after {AttemptCount} attempts. Last error: {transient.Reason}", now);
                break;
            case DeliveryOutcome.Transient transient:
                MoveTo(DeliveryState.Retrying);
                ReleaseLease();
                LastError = transient.Reason;
                NextAttemptAt = now + Backoff.Delay(retry, AttemptCount, random, transient.RetryAfter);
                break;
            case DeliveryOutcome.Permanent permanent:
                DeadLetter(permanent.Reason, now);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(outcome), outcome, "Unknown delivery outcome.");
        }
    }

    /// <summary>The remote end's receipt accepted the delivery, possibly with warnings kept for operators.</summary>
    public void Confirm(DateTimeOffset now, string? warnings = null)
    {
        MoveTo(DeliveryState.Confirmed);
        ConfirmedAt = now;
        LastError = warnings is null ? null : $"Confirmed with warnings: {warnings}";
        ClearReceiptNote();
    }

    /// <summary>The remote end's receipt rejected the delivery.</summary>
    public void Reject(string reason, DateTimeOffset now)
    {
        DeadLetter(reason, now);
        ClearReceiptNote();
    }

    /// <summary>
    /// Records why a receipt check gave no verdict (null: it reached the remote end, which has none yet). Returns true
    /// only if the note changed, so a remote end that stays down does not cost a write per delivery and poll.
    /// </summary>
    public bool NoteReceiptCheck(string? note, DateTimeOffset now)
    {
        if (State != DeliveryState.Delivered)
        {
            throw new InvalidOperationException($"Only a delivered delivery awaits a receipt, not one in state {State}.");
        }

        note = string.IsNullOrWhiteSpace(note) ? null
            : note.Length > ReceiptNoteMaxLength ? string.Concat(note.AsSpan(0, ReceiptNoteMaxLength - 1), "…")
            : note;
        if (string.Equals(note, ReceiptNote, StringComparison.Ordinal))
        {
            return false;
        }

        ReceiptNote = note;
        ReceiptCheckedAt = now;
        Version++;
        return true;
    }

    /// <summary>
    /// Notes for operators that no receipt came in time. Returns false if that was already noted, so the alert is
    /// raised once per delivery.
    /// </summary>
    public bool MarkReceiptOverdue(string note)
    {
        if (State != DeliveryState.Delivered)
        {
            throw new InvalidOperationException($"Only a delivered delivery awaits a receipt, not one in state {State}.");
        }

        if (LastError is not null)
        {
            return false;
        }

        LastError = note;
        Version++;
        return true;
    }

    /// <summary>An attempt whose worker vanished (crash, kill) counts as a transient failure once its lease ran out.</summary>
    public void ReleaseExpiredLease(DateTimeOffset now, RetryOptions retry, double random)
    {
        if (State != DeliveryState.InFlight || LeaseExpiresAt > now)
        {
            throw new InvalidOperationException("Only an in-flight delivery whose lease has expired can be released.");
        }

        Apply(DeliveryOutcome.Retry("The worker handling this attempt stopped before it finished."), now, retry, random);
    }

    /// <summary>Operator's "retry now": due immediately, attempt counter reset.</summary>
    public void RetryNow(DateTimeOffset now)
    {
        if (FallbackDeliveryId is not null)
        {
            throw new InvalidOperationException("This delivery was handed to a fallback route; re-drive the fallback instead.");
        }

        MoveTo(DeliveryState.Pending);
        AttemptCount = 0;
        NextAttemptAt = now;
        DeadLetteredAt = null;
    }

    /// <summary>Marks that a fallback delivery now carries this dead-lettered one.</summary>
    public void LinkFallback(Guid fallbackDeliveryId)
    {
        if (State != DeliveryState.DeadLettered || FallbackDeliveryId is not null)
        {
            throw new InvalidOperationException("Only a dead-lettered delivery without a fallback can be linked to one.");
        }

        FallbackDeliveryId = fallbackDeliveryId;
        Version++;
    }

    private void DeadLetter(string reason, DateTimeOffset now)
    {
        MoveTo(DeliveryState.DeadLettered);
        ReleaseLease();
        LastError = reason;
        DeadLetteredAt = now;
        NextAttemptAt = null;
    }

    /// <summary>With a verdict the wait is over: a note about why checking failed would only mislead.</summary>
    private void ClearReceiptNote()
    {
        ReceiptNote = null;
        ReceiptCheckedAt = null;
    }

    private void ReleaseLease()
    {
        LeaseOwner = null;
        LeaseExpiresAt = null;
    }

    private void MoveTo(DeliveryState next)
    {
        if (!DeliveryTransitions.IsAllowed(State, next))
        {
            throw new IllegalDeliveryTransitionException(State, next);
        }

        State = next;
        Version++;
    }
}
