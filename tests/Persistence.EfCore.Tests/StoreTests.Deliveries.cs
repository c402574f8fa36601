using EfaGateway.Core.Deliveries;
using EfaGateway.Core.Ports;

namespace EfaGateway.Persistence.Tests;

public abstract partial class StoreTests
{
    private static readonly TimeSpan Lease = TimeSpan.FromMinutes(5);

    [Fact]
    public async Task Two_workers_claim_every_due_delivery_exactly_once()
    {
        var submission = TestData.Submission();
        var deliveries = Enumerable.Range(0, 40).Select(i => TestData.Delivery(submission, TestData.Now.AddSeconds(-i))).ToList();
        await Submissions.AddAsync(submission, deliveries, Ct);

        async Task<List<Guid>> WorkAsync(string workerId)
        {
            var store = Deliveries;
            var claimed = new List<Guid>();
            while (await store.ClaimNextDueAsync(workerId, TestData.Now, Lease, Ct) is { } delivery)
            {
                claimed.Add(delivery.Id);

                // A moment of "work" between claims, as a real worker has, so the two interleave instead of one
                // draining the queue while the other waits for the lock.
                await Task.Delay(2, Ct);
            }

            return claimed;
        }

        var results = await Task.WhenAll(Task.Run(() => WorkAsync("worker-a"), Ct), Task.Run(() => WorkAsync("worker-b"), Ct));

        var all = results[0].Concat(results[1]).ToList();
        Assert.Equal(40, all.Count);
        Assert.Equal(deliveries.Select(d => d.Id).Order(), all.Order());
        Assert.Empty(results[0].Intersect(results[1]));
        var stored = await Deliveries.ListForSubmissionAsync(submission.Id, Ct);
        Assert.All(stored, d => Assert.Equal(DeliveryState.InFlight, d.State));
        Assert.All(stored, d => Assert.Equal(1, d.AttemptCount));
        Assert.All(stored, d => Assert.Equal(results[0].Contains(d.Id) ? "worker-a" : "worker-b", d.LeaseOwner));
    }

    [Fact]
    public async Task Claiming_ignores_deliveries_not_yet_due_and_those_in_flight()
    {
        var submission = TestData.Submission();
        var inFlight = TestData.Delivery(submission, TestData.Now.AddMinutes(-10));
        var notYetDue = TestData.Delivery(submission, TestData.Now.AddMinutes(1));
        await Submissions.AddAsync(submission, [inFlight, notYetDue], Ct);
        Assert.Equal(inFlight.Id, (await Deliveries.ClaimNextDueAsync("worker-a", TestData.Now, Lease, Ct))?.Id);

        Assert.Null(await Deliveries.ClaimNextDueAsync("worker-b", TestData.Now, Lease, Ct));

        var later = await Deliveries.ClaimNextDueAsync("worker-b", TestData.Now.AddMinutes(1), Lease, Ct);
        Assert.Equal(notYetDue.Id, later?.Id);
        Assert.Equal(TestData.Now.AddMinutes(1) + Lease, later?.LeaseExpiresAt);
    }

    [Fact]
    public async Task Claiming_takes_the_longest_waiting_delivery_first_including_due_retries()
    {
        var submission = TestData.Submission();
        var retried = TestData.Delivery(submission, TestData.Now.AddHours(-1));
        var second = TestData.Delivery(submission, TestData.Now.AddMinutes(-2));
        var third = TestData.Delivery(submission, TestData.Now.AddMinutes(-1));
        await Submissions.AddAsync(submission, [second, third, retried], Ct);
        var attempt = (await Deliveries.ClaimNextDueAsync("worker-a", TestData.Now.AddMinutes(-5), Lease, Ct))!;
        Assert.Equal(retried.Id, attempt.Id);
        attempt.Apply(DeliveryOutcome.Retry("Zustelldienst nicht erreichbar", TimeSpan.FromMinutes(2)), TestData.Now.AddMinutes(-5), TestData.Retry, 0);
        await Deliveries.SaveAsync(attempt, Ct);

        var order = new List<Guid>();
        while (await Deliveries.ClaimNextDueAsync("worker-b", TestData.Now, Lease, Ct) is { } next)
        {
            order.Add(next.Id);
        }

        // The retry fell due at Now-3min, before the other two.
        Assert.Equal([retried.Id, second.Id, third.Id], order);
    }

    [Fact]
    public async Task Saving_a_delivery_someone_else_changed_meanwhile_throws_a_conflict()
    {
        var submission = TestData.Submission();
        var delivery = TestData.Delivery(submission);
        await Submissions.AddAsync(submission, [delivery], Ct);
        var mine = (await Deliveries.FindAsync(delivery.Id, Ct))!;
        var theirs = (await Deliveries.FindAsync(delivery.Id, Ct))!;

        theirs.Claim("worker-b", TestData.Now, Lease);
        await Deliveries.SaveAsync(theirs, Ct);
        mine.Claim("worker-a", TestData.Now, Lease);
        var conflict = await Assert.ThrowsAsync<DeliveryConflictException>(() => Deliveries.SaveAsync(mine, Ct));

        Assert.Equal(delivery.Id, conflict.DeliveryId);
        Assert.Equal("worker-b", (await Deliveries.FindAsync(delivery.Id, Ct))?.LeaseOwner);
    }

    [Fact]
    public async Task A_delivery_can_be_saved_again_after_each_change()
    {
        var submission = TestData.Submission();
        await Submissions.AddAsync(submission, [TestData.Delivery(submission)], Ct);
        var store = Deliveries;
        var delivery = (await store.ClaimNextDueAsync("worker-a", TestData.Now, Lease, Ct))!;

        delivery.RecordExternalId("fitconnect.submissionId", "4711");
        await store.SaveAsync(delivery, Ct);
        delivery.Apply(DeliveryOutcome.Succeeded(awaitsReceipt: true), TestData.Now, TestData.Retry, 0);
        await store.SaveAsync(delivery, Ct);
        delivery.Confirm(TestData.Now.AddMinutes(3));
        await store.SaveAsync(delivery, Ct);

        var stored = (await Deliveries.FindAsync(delivery.Id, Ct))!;
        Assert.Equal(DeliveryState.Confirmed, stored.State);
        Assert.Equal(delivery.Version, stored.Version);
        Assert.True(stored.IsSettled);
    }

    [Fact]
    public async Task Every_property_a_save_writes_reads_back_as_saved()
    {
        // The delivery row is written by a statement generated from the model (DeliveryRowWriter), not by SaveChanges:
        // every column must be in it, with its converter (ticks, state text, JSON), and nothing else may change.
        var submission = TestData.Submission();
        await Submissions.AddAsync(submission, [TestData.Delivery(submission, mapperIds: ["canonical-xml", "pdf"])], Ct);
        var delivery = (await Deliveries.ClaimNextDueAsync("worker-a", TestData.Now, Lease, Ct))!;
        delivery.RecordExternalId("xta.messageId", "urn:de:xta:messageid:1");
        delivery.Apply(DeliveryOutcome.Retry("Der Server antwortete 503."), TestData.Now.AddSeconds(1), TestData.Retry, 0.5);
        await Deliveries.SaveAsync(delivery, Ct);
        delivery = (await Deliveries.ClaimNextDueAsync("worker-b", TestData.Now.AddHours(1), Lease, Ct))!;
        delivery.Apply(DeliveryOutcome.Succeeded(awaitsReceipt: true), TestData.Now.AddHours(1).AddSeconds(2), TestData.Retry, 0);
        Assert.True(delivery.NoteReceiptCheck("Noch kein Bericht.", TestData.Now.AddHours(2)));
        await Deliveries.SaveAsync(delivery, Ct);

        var stored = (await Deliveries.FindAsync(delivery.Id, Ct))!;
        foreach (var property in typeof(Delivery).GetProperties().Where(p => p.CanRead))
        {
            var expected = property.GetValue(delivery);
            var actual = property.GetValue(stored);
            if (expected is System.Collections.IEnumerable sequence and not string)
            {
                Assert.Equal(sequence.Cast<object>(), ((System.Collections.IEnumerable)actual!).Cast<object>());
            }
            else
            {
                Assert.True(Equals(expected, actual), $"{property.Name}: saved {expected}, read {actual}");
            }
        }

        Assert.Null(stored.LeaseOwner);
        Assert.Equal(2, stored.AttemptCount);
        Assert.Equal(DeliveryState.Delivered, stored.State);
        Assert.Equal("Noch kein Bericht.", stored.ReceiptNote);
    }

    [Fact]
    public async Task External_ids_and_mapper_ids_round_trip()
    {
        var submission = TestData.Submission();
        var delivery = TestData.Delivery(submission, mapperIds: ["xbau-2.3", "fim-json", "pdf"]);
        await Submissions.AddAsync(submission, [delivery], Ct);
        var claimed = (await Deliveries.ClaimNextDueAsync("worker-a", TestData.Now, Lease, Ct))!;

        claimed.RecordExternalId("fitconnect.submissionId", "9b3c…");
        claimed.RecordExternalId("fitconnect.caseId", "c-42");
        await Deliveries.SaveAsync(claimed, Ct);

        var stored = (await Deliveries.FindAsync(delivery.Id, Ct))!;
        Assert.Equal(["xbau-2.3", "fim-json", "pdf"], stored.MapperIds);
        Assert.Equal(
            new Dictionary<string, string> { ["fitconnect.submissionId"] = "9b3c…", ["fitconnect.caseId"] = "c-42" },
            stored.ExternalIds);
    }

    [Fact]
    public async Task A_store_used_repeatedly_in_one_scope_sees_changes_made_elsewhere()
    {
        var submission = TestData.Submission();
        var delivery = TestData.Delivery(submission);
        await Submissions.AddAsync(submission, [delivery], Ct);
        var reader = Deliveries;
        Assert.Equal(DeliveryState.Pending, (await reader.FindAsync(delivery.Id, Ct))?.State);

        await Deliveries.ClaimNextDueAsync("worker-b", TestData.Now, Lease, Ct);

        Assert.Equal(DeliveryState.InFlight, (await reader.FindAsync(delivery.Id, Ct))?.State);
        Assert.Equal(DeliveryState.InFlight, Assert.Single(await reader.ListForSubmissionAsync(submission.Id, Ct)).State);
    }

    [Fact]
    public async Task A_fallback_is_added_and_linked_in_one_transaction()
    {
        var submission = TestData.Submission();
        await Submissions.AddAsync(submission, [TestData.Delivery(submission)], Ct);
        var failed = (await Deliveries.ClaimNextDueAsync("worker-a", TestData.Now, Lease, Ct))!;
        failed.Apply(DeliveryOutcome.Fail("Empfänger unbekannt"), TestData.Now, TestData.Retry, 0);
        await Deliveries.SaveAsync(failed, Ct);
        var stale = (await Deliveries.FindAsync(failed.Id, Ct))!;

        var fallback = Delivery.Create(Guid.NewGuid(), submission.Id, submission.TenantId, submission.ProcessId, "postkorb", ["pdf"], null,
            TestData.Now, fallbackFor: failed.Id);
        failed.LinkFallback(fallback.Id);
        await Deliveries.AddFallbackAsync(failed, fallback, Ct);

        // A second, stale attempt to link another fallback loses and leaves no orphan behind.
        var orphan = Delivery.Create(Guid.NewGuid(), submission.Id, submission.TenantId, submission.ProcessId, "postkorb", ["pdf"], null,
            TestData.Now, fallbackFor: failed.Id);
        stale.LinkFallback(orphan.Id);
        await Assert.ThrowsAsync<DeliveryConflictException>(() => Deliveries.AddFallbackAsync(stale, orphan, Ct));

        var stored = await Deliveries.ListForSubmissionAsync(submission.Id, Ct);
        Assert.Equal(2, stored.Count);
        Assert.Equal(fallback.Id, stored.Single(d => d.Id == failed.Id).FallbackDeliveryId);
        Assert.Equal(failed.Id, stored.Single(d => d.Id == fallback.Id).FallbackForDeliveryId);
        Assert.Null(await Deliveries.FindAsync(orphan.Id, Ct));
    }

    [Fact]
    public async Task Expired_leases_and_dead_lettered_deliveries_are_listed()
    {
        var submission = TestData.Submission();
        var createdAt = TestData.Now.AddMinutes(-20);
        await Submissions.AddAsync(submission,
            [TestData.Delivery(submission, createdAt), TestData.Delivery(submission, createdAt), TestData.Delivery(submission, createdAt)], Ct);
        var expired = (await Deliveries.ClaimNextDueAsync("worker-a", TestData.Now.AddMinutes(-10), Lease, Ct))!;
        var running = (await Deliveries.ClaimNextDueAsync("worker-b", TestData.Now, Lease, Ct))!;
        var dead = (await Deliveries.ClaimNextDueAsync("worker-c", TestData.Now, Lease, Ct))!;
        dead.Apply(DeliveryOutcome.Fail("Schema ungültig"), TestData.Now, TestData.Retry, 0);
        await Deliveries.SaveAsync(dead, Ct);

        var leases = await Deliveries.ListExpiredLeasesAsync(TestData.Now, 10, Ct);
        var deadLettered = await Deliveries.ListDeadLetteredAsync(TestData.TenantId, Ct);

        Assert.Equal(expired.Id, Assert.Single(leases).Id);
        Assert.DoesNotContain(leases, d => d.Id == running.Id);
        Assert.Equal(dead.Id, Assert.Single(deadLettered).Id);
        Assert.Empty(await Deliveries.ListDeadLetteredAsync("andere-stadt", Ct));
    }
}
