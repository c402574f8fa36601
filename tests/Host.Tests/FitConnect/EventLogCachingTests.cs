using System.Text.Json;
using EfaGateway.Conformance.FitConnect.Scenarios;
using EfaGateway.Transports.FitConnect;
using EfaGateway.Transports.FitConnect.Api;
using EfaGateway.Transports.FitConnect.Destinations;
using EfaGateway.Transports.FitConnect.Events;
using EfaGateway.Transports.FitConnect.Keys;
using EfaGateway.Transports.FitConnect.Settings;
using Microsoft.Extensions.DependencyInjection;

namespace EfaGateway.Host.Tests.FitConnect;

/// <summary>
/// The receipt poll reads a case's event log until the destination answers. A token checked once is not checked again
/// while the key check it rested on holds; after that lifetime it is checked in full again, and the route's settings
/// are read once per settings text, a changed route giving its own answer.
/// </summary>
public sealed class EventLogCachingTests : IAsyncLifetime
{
    private DirectFitConnect setup = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => setup = await DirectFitConnect.StartAsync();

    public async ValueTask DisposeAsync() => await setup.DisposeAsync();

    [Fact]
    public async Task A_token_verified_before_is_not_verified_again_until_its_key_is_due_for_a_new_check()
    {
        var run = await setup.Sender.SendAsync(setup.Target, 1, Ct);
        using (var subscriber = setup.Subscriber())
        {
            await subscriber.ProcessPendingAsync(Ct);
        }

        var status = await setup.Sender.StatusAsync(run, Ct);
        var submission = setup.Fake.Submission(status.SubmissionId!)!;
        var settings = Settings();
        var reader = NewReader();

        var first = await ReadAsync(reader, settings, submission.SubmissionId, submission.CaseId);
        var checksAfterFirst = reader.SignatureChecks;
        var second = await ReadAsync(reader, settings, submission.SubmissionId, submission.CaseId);

        Assert.Contains(first.Events, e => e.EventUri == FitConnectEvents.AcceptSubmission);
        Assert.True(checksAfterFirst >= first.Events.Count, $"{checksAfterFirst} checks for {first.Events.Count} events");
        Assert.Equal(checksAfterFirst, reader.SignatureChecks);
        Assert.Equal(first.Events.Select(e => (e.EventUri, e.IssuedAt)), second.Events.Select(e => (e.EventUri, e.IssuedAt)));
        Assert.Empty(second.Refused);

        setup.Sender.Factory.Time.Advance(DestinationDirectory.KeyCheckLifetime + TimeSpan.FromMinutes(1));
        var third = await ReadAsync(reader, settings, submission.SubmissionId, submission.CaseId);

        Assert.Equal(checksAfterFirst + third.Events.Count, reader.SignatureChecks);
        Assert.Equal(SenderState.Confirmed, (await setup.Sender.CheckReceiptAsync(run, Ct)).State);
    }

    [Fact]
    public async Task A_token_verified_for_one_case_is_verified_afresh_for_another()
    {
        var run = await setup.Sender.SendAsync(setup.Target, 1, Ct);
        var status = await setup.Sender.StatusAsync(run, Ct);
        var submission = setup.Fake.Submission(status.SubmissionId!)!;
        var settings = Settings();
        var reader = NewReader();
        var genuine = await ReadAsync(reader, settings, submission.SubmissionId, submission.CaseId);
        Assert.NotEmpty(genuine.Events);

        // The same log read for another submission id: the cached verdicts of the genuine one must not be used for it.
        var other = await ReadAsync(reader, settings, Guid.NewGuid().ToString(), submission.CaseId);

        Assert.Empty(other.Events);
        Assert.All(other.Refused, r => Assert.Contains("its sub names another submission", r, StringComparison.Ordinal));
    }

    [Fact]
    public void Route_settings_are_read_once_per_text_and_a_changed_route_gets_its_own_answer()
    {
        var file = GatewaySender.RouteFile(setup.Target, new Uri("http://127.0.0.1/"), 1)["routes"]![0]!["settings"]!.AsObject();
        var good = file.Deserialize<JsonElement>();
        file["checkRevocation"] = false;
        file["environment"] = "prod";
        var changed = file.Deserialize<JsonElement>();

        var (first, firstProblem) = FitConnectTransport.ReadSettings(good);
        var (again, _) = FitConnectTransport.ReadSettings(good);
        var (refused, problem) = FitConnectTransport.ReadSettings(changed);

        Assert.Null(firstProblem);
        Assert.Same(first, again);
        Assert.Null(refused);
        Assert.Contains("checkRevocation can be switched off only in a test route", problem, StringComparison.Ordinal);
    }

    /// <summary>A reader of its own: the host's reader is busy with callbacks and polls at the same time.</summary>
    private EventLogReader NewReader()
    {
        var services = setup.Sender.Factory.Services;
        return new EventLogReader(services.GetRequiredService<SubmissionApi>(), services.GetRequiredService<KeyValidation>(), setup.Sender.Factory.Time);
    }

    private FitConnectRouteSettings Settings() =>
        FitConnectRouteSettings.Read(GatewaySender.RouteFile(setup.Target, new Uri("http://127.0.0.1/"), 1)["routes"]![0]!["settings"]
            .Deserialize<JsonElement>()).Settings!;

    private static async Task<EventLogReading> ReadAsync(EventLogReader reader, FitConnectRouteSettings settings, string submissionId, string caseId)
    {
        var reading = await reader.ReadAsync(settings, Guid.Parse(submissionId), Guid.Parse(caseId), Ct);
        for (var attempt = 1; reading.Failure is { IsTransient: true } && attempt < 3; attempt++)
        {
            // A transient answer (e.g. revocation status not reachable under load) means: ask again, as the poll would.
            reading = await reader.ReadAsync(settings, Guid.Parse(submissionId), Guid.Parse(caseId), Ct);
        }

        Assert.True(reading.Failure is null, reading.Failure?.Reason);
        return reading.Value!;
    }
}
