using EfaGateway.Conformance.FitConnect.Scenarios;
using EfaGateway.Conformance.FitConnect.Subscriber;
using EfaGateway.Core.Deliveries;
using EfaGateway.Core.Ports;
using EfaGateway.Transports.FitConnect;
using Microsoft.Extensions.DependencyInjection;

namespace EfaGateway.Host.Tests.FitConnect;

/// <summary>
/// A delivery attempt that dies at any point of the FIT-Connect flow resumes with the ids it persisted: the attempt
/// is killed just before or just after one id is recorded (as a crash would), and the next attempt must finish the
/// same submission — one submit, one submission at the subscriber, confirmed.
/// </summary>
public sealed class CrashPointTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static TheoryData<string, bool> CrashPoints() => new()
    {
        { FitConnectIds.AttachmentIds, true },      // ids chosen, nothing announced yet
        { FitConnectIds.SubmissionId, true },       // announced and recorded (submission and case id in one write)
        { FitConnectIds.AttachmentTagPrefix, false }, // first upload taken, not recorded
        { FitConnectIds.AttachmentTagPrefix, true },  // first upload recorded
        { FitConnectIds.Submitted, false },         // submit taken by the Zustelldienst, its tags and mark not recorded
        { FitConnectIds.Submitted, true },          // tags and mark recorded, the outcome not yet saved
    };

    [Theory]
    [MemberData(nameof(CrashPoints))]
    public async Task An_attempt_killed_at_any_point_resumes_the_same_submission(string key, bool afterRecording)
    {
        await using var setup = await DirectFitConnect.StartAsync(services => services.AddKeyedSingleton<ITransport>(FitConnectTransport.TransportId,
            (provider, _) => new DyingTransport(ActivatorUtilities.CreateInstance<FitConnectTransport>(provider), key, afterRecording)));

        var run = await setup.Sender.SendAsync(setup.Target, 3, Ct);

        var status = await setup.Sender.StatusAsync(run, Ct);
        Assert.True(status.State == SenderState.AwaitingReceipt, status.Reason);
        Assert.Equal(2, (await setup.Sender.DeliveryAsync(run)).AttemptCount);
        Assert.Single(setup.Fake.Announces, a => a.Status == 201);
        Assert.Single(setup.Fake.Submits, s => s.Status is >= 200 and < 300);
        await AssertConfirmedAsync(setup, run);
    }

    [Fact]
    public async Task A_crash_between_the_announcement_and_recording_its_ids_leaves_an_unsent_announcement_and_delivers_once()
    {
        // The one window FIT-Connect's API leaves open: the submission id exists only in the lost answer. The next
        // attempt announces again; the first announcement is never submitted, so the Zustelldienst discards it
        // unseen by the subscriber.
        await using var setup = await DirectFitConnect.StartAsync(services => services.AddKeyedSingleton<ITransport>(FitConnectTransport.TransportId,
            (provider, _) => new DyingTransport(ActivatorUtilities.CreateInstance<FitConnectTransport>(provider), FitConnectIds.SubmissionId, afterRecording: false)));

        var run = await setup.Sender.SendAsync(setup.Target, 3, Ct);

        Assert.Equal(2, setup.Fake.Announces.Count(a => a.Status == 201));
        Assert.Single(setup.Fake.Submits, s => s.Status is >= 200 and < 300);
        await AssertConfirmedAsync(setup, run);
    }

    private static async Task AssertConfirmedAsync(DirectFitConnect setup, SenderRun run)
    {
        using var subscriber = setup.Subscriber();
        var report = Assert.Single(await subscriber.ProcessPendingAsync(Ct));
        Assert.True(report.Verdict == SubscriberVerdict.Accepted, string.Join("; ", report.Problems.Select(p => p.Detail)));
        Assert.Equal(3, report.Attachments.Count);
        var status = await setup.Sender.CheckReceiptAsync(run, Ct);
        Assert.True(status.State == SenderState.Confirmed, status.Reason);
    }

    /// <summary>Kills the first attempt when it records the id named <c>key</c> (before or after it is persisted).</summary>
    private sealed class DyingTransport(ITransport inner, string key, bool afterRecording) : ITransport
    {
        private int died;

        public string Id => inner.Id;

        public Task<DeliveryOutcome> DeliverAsync(DeliveryRequest request, CancellationToken cancellationToken)
        {
            var wrapped = new DeliveryRequest(request.DeliveryId, request.TenantProcess, request.Submission, request.Artifacts, request.Attachments,
                request.ExternalIds, async (ids, token) =>
                {
                    var here = ids.Keys.Any(name => name.StartsWith(key, StringComparison.Ordinal)) && Volatile.Read(ref died) == 0;
                    if (here && !afterRecording && Interlocked.Exchange(ref died, 1) == 0)
                    {
                        throw new ProcessDiedException();
                    }

                    await request.RecordExternalIdsAsync(ids, token);
                    if (here && afterRecording && Interlocked.Exchange(ref died, 1) == 0)
                    {
                        throw new ProcessDiedException();
                    }
                }, request.Route);
            return inner.DeliverAsync(wrapped, cancellationToken);
        }
    }

    /// <summary>Stands for the process dying: the worker records the attempt as failed and a later one resumes.</summary>
    private sealed class ProcessDiedException : Exception;
}
