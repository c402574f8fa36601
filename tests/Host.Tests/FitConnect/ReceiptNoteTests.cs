using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json;
using EfaGateway.Conformance.FitConnect.Scenarios;
using EfaGateway.Core.Pipeline;
using EfaGateway.Host.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace EfaGateway.Host.Tests.FitConnect;

/// <summary>
/// A receipt check that gives no verdict because the Zustelldienst cannot be reached leaves its note in the delivery
/// record (written once, not per poll), and the note goes when the receipt comes.
/// </summary>
public sealed class ReceiptNoteTests : IAsyncLifetime
{
    private const string Unreachable = "The event log request did not reach FIT-Connect or broke off";

    private DirectFitConnect setup = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => setup = await DirectFitConnect.StartAsync();

    public async ValueTask DisposeAsync() => await setup.DisposeAsync();

    [Fact]
    public async Task An_unreachable_Zustelldienst_is_noted_once_and_the_note_is_cleared_when_the_receipt_comes()
    {
        var run = await setup.Sender.SendAsync(setup.Target, 1, Ct);
        await setup.Sender.SetRouteAsync(setup.Target with { SubmissionApiUrl = ClosedPort() }, 1);
        var time = setup.Sender.Factory.Time;

        time.Advance(TimeSpan.FromMinutes(5));
        await setup.Sender.Factory.PollReceiptsAsync(Ct);
        var noted = await setup.Sender.DeliveryAsync(run);
        Assert.Equal("Delivered", noted.State.ToString());
        Assert.StartsWith(Unreachable, noted.ReceiptNote, StringComparison.Ordinal);
        // Within a millisecond: PostgreSQL keeps microseconds, the test clock has ticks.
        Assert.Equal(time.GetUtcNow(), noted.ReceiptCheckedAt!.Value, TimeSpan.FromMilliseconds(1));
        Assert.Null(noted.LastError);

        // Still down at the next poll: the same note, so no write.
        time.Advance(TimeSpan.FromMinutes(5));
        await setup.Sender.Factory.PollReceiptsAsync(Ct);
        var again = await setup.Sender.DeliveryAsync(run);
        Assert.Equal(noted.Version, again.Version);
        Assert.Equal(noted.ReceiptCheckedAt, again.ReceiptCheckedAt);

        var listed = await AdminDeliveryAsync(run);
        Assert.Equal(noted.ReceiptNote, listed.GetProperty("receiptNote").GetString());
        Assert.Equal(noted.ReceiptCheckedAt, listed.GetProperty("receiptCheckedAt").GetDateTimeOffset());
        Assert.All(DemoApplication.Distinctive, value => Assert.DoesNotContain(value, listed.GetRawText(), StringComparison.OrdinalIgnoreCase));

        // Reachable again and accepted: confirmed, and the failure note does not linger.
        await setup.Sender.SetRouteAsync(setup.Target, 1);
        using (var subscriber = setup.Subscriber())
        {
            await subscriber.ProcessPendingAsync(Ct);
        }

        await setup.Sender.Factory.PollReceiptsAsync(Ct);
        var confirmed = await setup.Sender.DeliveryAsync(run);
        Assert.Equal("Confirmed", confirmed.State.ToString());
        Assert.Null(confirmed.ReceiptNote);
        Assert.Null(confirmed.ReceiptCheckedAt);
        Assert.Equal(JsonValueKind.Null, (await AdminDeliveryAsync(run)).GetProperty("receiptNote").ValueKind);
    }

    [Fact]
    public async Task An_overdue_delivery_whose_checks_fail_alerts_once_and_the_stuck_list_quotes_the_note()
    {
        var run = await setup.Sender.SendAsync(setup.Target, 1, Ct);
        await setup.Sender.SetRouteAsync(setup.Target with { SubmissionApiUrl = ClosedPort() }, 1);
        var time = setup.Sender.Factory.Time;

        time.Advance(TimeSpan.FromDays(3) + TimeSpan.FromMinutes(1));
        await setup.Sender.Factory.PollReceiptsAsync(Ct);
        await setup.Sender.Factory.PollReceiptsAsync(Ct);
        var overdue = await setup.Sender.DeliveryAsync(run);
        time.Advance(TimeSpan.FromHours(1));
        await setup.Sender.Factory.PollReceiptsAsync(Ct);
        await setup.Sender.Factory.PollReceiptsAsync(Ct);

        var delivery = await setup.Sender.DeliveryAsync(run);
        Assert.Equal("Delivered", delivery.State.ToString());
        // The note goes into the alert's text too, unless the check the submission's callback started in the background
        // (still on the old route) was first to find it overdue; either way the alert is raised once.
        Assert.StartsWith("No receipt within 3.00:00:00 of delivery.", delivery.LastError, StringComparison.Ordinal);
        Assert.StartsWith(Unreachable, delivery.ReceiptNote, StringComparison.Ordinal);
        Assert.Equal(overdue.Version, delivery.Version);
        await setup.Sender.Factory.OverdueAlertLoggedAsync(Ct);
        Assert.Single(setup.Sender.Factory.Logs.Lines, ReceiptSteps.IsOverdueAlert);

        using var client = setup.Sender.Factory.CreateOperatorClient();
        var stuck = await client.GetFromJsonAsync<JsonElement>("/api/v1/admin/stuck", Ct);
        var tenant = Assert.Single(stuck.GetProperty("tenants").EnumerateArray(), t => t.GetProperty("tenantId").GetString() == DemoApplication.Tenant);
        var entry = Assert.Single(tenant.GetProperty("stuck").EnumerateArray(), e => e.GetProperty("deliveryId").GetGuid() == delivery.Id);
        Assert.Equal("unconfirmed", entry.GetProperty("kind").GetString());
        var quoted = $"Last receipt check (since {delivery.ReceiptCheckedAt:u}): {delivery.ReceiptNote}";
        Assert.Contains(quoted, entry.GetProperty("reason").GetString(), StringComparison.Ordinal);

        // The operator page shows the same report.
        using var raw = RawClient();
        var session = await Observability.OperatorConsoleTests.SignInAsync(raw, GatewayFactory.OperatorKey);
        using var page = await Observability.OperatorConsoleTests.GetAsync(raw, "/betrieb", session);
        var html = await page.Content.ReadAsStringAsync(Ct);
        Assert.Contains($"data-delivery=\"{delivery.Id}\"", html, StringComparison.Ordinal);
        Assert.Contains(quoted, System.Net.WebUtility.HtmlDecode(html), StringComparison.Ordinal);
    }

    /// <summary>A local port nobody listens on: connecting is refused at once, as with a Zustelldienst that is down.</summary>
    private static Uri ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return new Uri($"http://127.0.0.1:{port}/");
    }

    /// <summary>
    /// Cookies and redirects by hand, as the console tests do. The host listens on Kestrel here, where the factory's
    /// client options do not reach the handler: a plain client to its address.
    /// </summary>
    private HttpClient RawClient()
    {
        using var probe = setup.Sender.Factory.CreateClient();
        return new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false }, disposeHandler: true)
        {
            BaseAddress = probe.BaseAddress,
        };
    }

    private async Task<JsonElement> AdminDeliveryAsync(SenderRun run)
    {
        using var client = setup.Sender.Factory.CreateOperatorClient();
        var all = await client.GetFromJsonAsync<JsonElement>($"/api/v1/admin/tenants/{DemoApplication.Tenant}/deliveries", Ct);
        return Assert.Single(all.EnumerateArray(), d => d.GetProperty("id").GetString() == run.Id);
    }
}
