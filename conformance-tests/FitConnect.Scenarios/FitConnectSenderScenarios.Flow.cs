using EfaGateway.Conformance.FitConnect.Fake;
using EfaGateway.Conformance.FitConnect.Subscriber;
using Xunit;

namespace EfaGateway.Conformance.FitConnect.Scenarios;

public abstract partial class FitConnectSenderScenarios
{
    /// <summary>Every step × every fault that a request to that step can meet while sending.</summary>
    public static TheoryData<string, Fault> SendingFaults()
    {
        var data = new TheoryData<string, Fault>();
        foreach (var step in new[] { FlowStep.Token, FlowStep.Destination, FlowStep.Key, FlowStep.Announce, FlowStep.Upload, FlowStep.Submit })
        {
            foreach (var fault in new[] { Fault.ServerError, Fault.Timeout, Fault.ConnectionReset, Fault.Slow })
            {
                data.Add(step.Name, fault);
            }

            // Upload and submit answer without a body the sender reads: a "malformed" answer there is a lie, not a fault.
            if (step.AnswersJson && step != FlowStep.Submit)
            {
                data.Add(step.Name, Fault.MalformedAnswer);
            }
        }

        // The Zustelldienst took the upload or the submission, but the answer got lost: the API lets a sender find out.
        data.Add(FlowStep.Upload.Name, Fault.AnswerLost);
        data.Add(FlowStep.Submit.Name, Fault.AnswerLost);
        return data;
    }

    public static TheoryData<string, Fault> ReceiptFaults()
    {
        var data = new TheoryData<string, Fault>();
        foreach (var step in new[] { FlowStep.Events, FlowStep.ServiceKeys })
        {
            foreach (var fault in new[] { Fault.ServerError, Fault.Timeout, Fault.ConnectionReset, Fault.Slow, Fault.MalformedAnswer })
            {
                data.Add(step.Name, fault);
            }
        }

        return data;
    }

    public static TheoryData<string> RejectProblems() => [.. ProblemTypes.All];

    public static TheoryData<BadEncryptionKey> BadKeys() => [.. Enum.GetValues<BadEncryptionKey>()];

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(5)]
    public async Task An_application_is_delivered_decrypted_intact_and_confirmed_by_the_subscriber(int attachments)
    {
        var (_, status, report) = await SendAndDecideAsync(attachments);

        AssertAccepted(report);
        Assert.Equal(attachments, report.Attachments.Count);
        Assert.NotNull(report.Data);
        Assert.Equal(SenderState.Confirmed, status.State);
        AssertNoDuplicates();
    }

    [Theory]
    [MemberData(nameof(RejectProblems))]
    public async Task A_rejection_fails_the_delivery_and_names_the_problem(string problemType)
    {
        Subscriber.RejectWith(problemType);

        var (_, status, report) = await SendAndDecideAsync(1);

        Assert.Equal(SubscriberVerdict.Rejected, report.Verdict);
        Assert.Equal(SenderState.Failed, status.State);
        Assert.Contains(problemType, status.Reason, StringComparison.Ordinal);
        AssertNoDuplicates();
    }

    [Theory]
    [MemberData(nameof(SendingFaults))]
    public async Task A_fault_while_sending_is_overcome_without_a_second_submission(string step, Fault fault)
    {
        Proxy.Arm(FlowStep.All.Single(s => s.Name == step), fault, Fake.BaseUrl);

        var (_, status, report) = await SendAndDecideAsync(2);

        AssertAccepted(report);
        Assert.Equal(SenderState.Confirmed, status.State);
        AssertNoDuplicates();
    }

    [Theory]
    [MemberData(nameof(ReceiptFaults))]
    public async Task A_fault_while_reading_the_receipt_delays_the_confirmation_but_does_not_lose_it(string step, Fault fault)
    {
        var run = await Sender.SendAsync(Target(), 1, Ct);
        AssertAccepted(Assert.Single(await Subscriber.ProcessPendingAsync(Ct)));
        Proxy.Arm(FlowStep.All.Single(s => s.Name == step), fault, Fake.BaseUrl);

        var status = await Sender.CheckReceiptAsync(run, Ct);
        for (var check = 0; check < 3 && status.State == SenderState.AwaitingReceipt; check++)
        {
            status = await Sender.CheckReceiptAsync(run, Ct);
        }

        Assert.Equal(SenderState.Confirmed, status.State);
        AssertNoDuplicates();
    }

    [Fact]
    public async Task A_token_that_expires_between_applications_is_renewed_once()
    {
        var first = await SendAndDecideAsync(1);
        Fake.ExpireAllTokens();
        var second = await SendAndDecideAsync(1);

        Assert.Equal(SenderState.Confirmed, first.Status.State);
        Assert.Equal(SenderState.Confirmed, second.Status.State);
        Assert.Equal(2, Proxy.Count(FlowStep.Token, bodyContains: Fake.Sender.ClientId));
        AssertNoDuplicates(applications: 2);
    }

    [Fact]
    public async Task After_a_key_rotation_the_new_key_is_used()
    {
        var first = await SendAndDecideAsync(1);
        var rotated = Fake.RotateEncryptionKey(Destination);
        RenewSubscriber();
        var second = await SendAndDecideAsync(1);

        Assert.Equal(SenderState.Confirmed, first.Status.State);
        Assert.True(second.Status.State == SenderState.Confirmed, second.Status.Reason);
        Assert.Equal(rotated.Kid, Destination.EncryptionKid);
        AssertNoDuplicates(applications: 2);
    }

    [Theory]
    [MemberData(nameof(BadKeys))]
    public async Task A_bad_encryption_key_is_refused_before_anything_is_sent(BadEncryptionKey kind)
    {
        Fake.ServeBadEncryptionKey(Destination, kind);

        var run = await Sender.SendAsync(Target(), 1, Ct);
        var status = await Sender.StatusAsync(run, Ct);

        Assert.Equal(SenderState.Failed, status.State);
        Assert.Contains("key", status.Reason, StringComparison.OrdinalIgnoreCase);
        Assert.Empty(Fake.Announces);
    }
}
