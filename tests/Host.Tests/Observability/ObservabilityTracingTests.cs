using System.Diagnostics;
using EfaGateway.Core.Diagnostics;
using EfaGateway.Host.Tests.Support;

namespace EfaGateway.Host.Tests.Observability;

/// <summary>Spans from submit through map and deliver in one trace, with the submission id and nothing personal in any tag.</summary>
public sealed class ObservabilityTracingTests : IDisposable
{
    private readonly GatewayFactory factory = new();
    private readonly TelemetryCapture capture;

    public ObservabilityTracingTests() => capture = new TelemetryCapture(factory.Services);

    [Fact]
    public async Task Submit_map_and_deliver_spans_carry_the_ids_and_no_personal_data()
    {
        using var client = factory.CreateClient();
        var accepted = await DemoApplication.SubmitAsync(client);
        Assert.Equal(1, await factory.DeliverDueAsync());
        var submissionId = accepted.Id.ToString();

        var ours = capture.Activities.Where(a => a.Source.Name == GatewayTracing.SourceName
            && a.GetTagItem(GatewayTracing.Tags.SubmissionId)?.ToString() == submissionId).ToList();
        var submit = Assert.Single(ours, a => a.OperationName == "submit");
        Assert.Equal(DemoApplication.Tenant, submit.GetTagItem(GatewayTracing.Tags.Tenant));
        Assert.Equal(DemoApplication.Process, submit.GetTagItem(GatewayTracing.Tags.Process));
        Assert.Equal("accepted", submit.GetTagItem(GatewayTracing.Tags.Outcome));

        var deliver = Assert.Single(ours, a => a.OperationName == "deliver");
        Assert.Equal("postkorb", deliver.GetTagItem(GatewayTracing.Tags.Transport));
        Assert.Equal("delivered", deliver.GetTagItem(GatewayTracing.Tags.Outcome));
        Assert.Equal("Confirmed", deliver.GetTagItem(GatewayTracing.Tags.State));
        Assert.NotNull(deliver.GetTagItem(GatewayTracing.Tags.DeliveryId));

        // One trace from submit to deliver: the attempt, run later by a worker, continues the submit's trace as its child.
        Assert.Equal(submit.TraceId, deliver.TraceId);
        Assert.Equal(submit.SpanId, deliver.ParentSpanId);

        // The demo route maps with several mappers; each is a child span of the delivery attempt.
        var maps = ours.Where(a => a.OperationName == "map").ToList();
        Assert.NotEmpty(maps);
        Assert.All(maps, map =>
        {
            Assert.Equal(deliver.SpanId, map.ParentSpanId);
            Assert.False(string.IsNullOrEmpty(map.GetTagItem(GatewayTracing.Tags.Mapper) as string));
        });

        // Every span of the process during the run — ours, ASP.NET Core's, HttpClient's — is free of the test values.
        var tags = capture.Activities.SelectMany(a => a.TagObjects.Select(t => $"{a.OperationName} {t.Key}={t.Value}")
            .Append($"{a.OperationName} display={a.DisplayName} status={a.StatusDescription}")).ToList();
        Assert.NotEmpty(tags);
        foreach (var value in DemoApplication.Distinctive.Append(accepted.Vorgangsnummer))
        {
            Assert.DoesNotContain(tags, t => t.Contains(value, StringComparison.OrdinalIgnoreCase));
        }
    }

    public void Dispose()
    {
        capture.Dispose();
        factory.Dispose();
    }
}
