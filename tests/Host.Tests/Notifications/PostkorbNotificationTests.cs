using System.Net;
using System.Net.Sockets;
using EfaGateway.Core.Ports;
using EfaGateway.Core.Tenants;
using EfaGateway.Host.Notifications;
using EfaGateway.Host.Tests.Staff;
using EfaGateway.Host.Tests.Support;
using EfaGateway.TestSupport;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;

namespace EfaGateway.Host.Tests.Notifications;

/// <summary>
/// The notice mail to Postkorb staff (issue 6 point 4), read off the wire from the real SMTP test server: one mail per
/// staff member and run, with process, count and link only; nothing twice; nothing lost when the relay is down.
/// </summary>
public sealed class PostkorbNotificationTests : IDisposable
{
    private const string Subject = "Neue Anträge im Postkorb: Hund zur Hundesteuer anmelden";
    private const string BaseUrl = "https://gateway.example.de";
    private readonly string run = Guid.NewGuid().ToString("N")[..8];
    private readonly List<GatewayFactory> factories = [];

    [Fact]
    public async Task Each_granted_active_staff_member_gets_one_mail_per_run_with_the_count_and_nobody_else_gets_any()
    {
        var factory = Create();
        var granted = await InviteAsync(factory, "grant-a");
        var alsoGranted = await InviteAsync(factory, "grant-b");
        var notGranted = await InviteAsync(factory, "andere", ["bauantrag-vereinfacht"]);
        var deactivated = await InviteAsync(factory, "inaktiv");
        await StaffKit.WithAdministrationAsync(factory, async a =>
        {
            await a.DeactivateAsync(StaffKit.Tenant, Login("inaktiv"), "operator", CancellationToken.None);
            return 0;
        });

        using var client = factory.CreateClient();
        await DemoApplication.SubmitAsync(client);
        await DemoApplication.SubmitAsync(client);
        Assert.Equal(2, await factory.DeliverDueAsync());
        factory.Time.Advance(TimeSpan.FromMinutes(15));

        var first = await NotifyAsync(factory);

        Assert.Equal(new PostkorbNoticeReport(2, 2, 0), first);
        foreach (var to in new[] { granted, alsoGranted })
        {
            var mail = Assert.Single(Notices(to));
            Assert.Equal($"{Subject} (2)", mail.Subject);
            Assert.Contains("- Hund zur Hundesteuer anmelden: 2 neue Anträge", mail.TextBody, StringComparison.Ordinal);
            Assert.Contains("- Register a dog for dog tax: 2 new applications", mail.TextBody, StringComparison.Ordinal);
            Assert.Contains($"{BaseUrl}/{StaffKit.Tenant}/postkorb\n", mail.TextBody!.ReplaceLineEndings("\n"), StringComparison.Ordinal);
            Assert.Contains("absichtlich keine Angaben zu den Antragstellenden", mail.TextBody, StringComparison.Ordinal);
            Assert.Equal("noreply@localhost", Assert.Single(mail.From.Mailboxes).Address);
        }

        Assert.Empty(Notices(notGranted));
        Assert.Empty(Notices(deactivated));

        // Run again without anything new: nothing is sent twice.
        factory.Time.Advance(TimeSpan.FromMinutes(15));
        Assert.Equal(new PostkorbNoticeReport(0, 0, 0), await NotifyAsync(factory));
        Assert.Single(Notices(granted));

        // A third application after the run: the next run announces just that one.
        await DemoApplication.SubmitAsync(client);
        await factory.DeliverDueAsync();
        factory.Time.Advance(TimeSpan.FromMinutes(15));
        Assert.Equal(new PostkorbNoticeReport(1, 2, 0), await NotifyAsync(factory));
        foreach (var to in new[] { granted, alsoGranted })
        {
            var notices = Notices(to);
            Assert.Equal(2, notices.Count);
            Assert.Equal($"{Subject} (1)", notices[1].Subject);
            Assert.Contains(": 1 neuer Antrag\n", notices[1].TextBody!.ReplaceLineEndings("\n"), StringComparison.Ordinal);
        }

        Assert.Empty(Notices(notGranted));
        Assert.Empty(Notices(deactivated));
        Assert.Equal(new PostkorbNoticeReport(0, 0, 0), await NotifyAsync(factory));
    }

    [Fact]
    public async Task The_mail_names_no_applicant_data_and_no_vorgangsnummer()
    {
        var factory = Create();
        var to = await InviteAsync(factory, "datenarm");
        using var client = factory.CreateClient();
        var accepted = new[] { await DemoApplication.SubmitAsync(client), await DemoApplication.SubmitAsync(client) };
        await factory.DeliverDueAsync();

        await NotifyAsync(factory);

        var mail = Assert.Single(Notices(to));
        var text = mail.Subject + "\n" + mail.TextBody + "\n" + mail.HtmlBody + "\n" + string.Join("\n", mail.Headers.Select(h => h.Value));
        foreach (var value in DemoApplication.Distinctive.Concat(accepted.Select(a => a.Vorgangsnummer)).Concat(accepted.Select(a => a.Id.ToString())))
        {
            Assert.DoesNotContain(value, text, StringComparison.OrdinalIgnoreCase);
        }

        Assert.Empty(mail.Attachments);
        foreach (var value in DemoApplication.Distinctive)
        {
            Assert.DoesNotContain(factory.Logs.Lines, line => line.Contains(value, StringComparison.OrdinalIgnoreCase));
        }

        Assert.DoesNotContain(factory.Logs.Lines, line => line.Contains(to, StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task With_the_relay_down_nothing_is_marked_and_the_next_run_after_it_is_back_sends()
    {
        var dataDirectory = Directory.CreateTempSubdirectory("efagw-notice-").FullName;
        try
        {
            string to;
            var down = Create(new() { ["Gateway:DataDirectory"] = dataDirectory, ["Gateway:Smtp:Port"] = ClosedPort() });
            to = await InviteAsync(down, "relais");
            using (var client = down.CreateClient())
            {
                await DemoApplication.SubmitAsync(client);
            }

            await down.DeliverDueAsync();

            var failed = await NotifyAsync(down);

            Assert.True(failed.RelayFailed);
            Assert.Equal(0, failed.ItemsNotified);
            Assert.Single(await UnnotifiedAsync(down));
            Assert.Contains(down.Logs.Lines, line => line.Contains("stay un-notified and are retried next run", StringComparison.Ordinal));
            Assert.DoesNotContain(down.Logs.Lines, line => line.Contains(to, StringComparison.OrdinalIgnoreCase));
            Assert.Empty(Notices(to));
            Dispose(down);

            // The relay is back (same data, the host now reaches the SMTP server): the next run sends and marks.
            var up = Create(new() { ["Gateway:DataDirectory"] = dataDirectory });
            var sent = await NotifyAsync(up);

            Assert.Equal(new PostkorbNoticeReport(1, 1, 0), sent);
            Assert.Equal($"{Subject} (1)", Assert.Single(Notices(to)).Subject);
            Assert.Empty(await UnnotifiedAsync(up));
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            try
            {
                Directory.Delete(dataDirectory, recursive: true);
            }
            catch (IOException)
            {
                // A file still held by a finishing background task; the OS temp cleaner takes it.
            }
        }
    }

    [Fact]
    public async Task The_tenants_own_sender_is_used_when_set()
    {
        var factory = Create();
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            Assert.True(await scope.ServiceProvider.GetRequiredService<ICatalogStore>().UpdateTenantAsync(StaffKit.Tenant,
                t => t.UpdateProfile(new TenantProfile(MailSenderAddress: "postkorb@schoenwetter-am-berg.de", MailSenderName: "Gemeinde Schönwetter am Berg")),
                CancellationToken.None));
        }

        var to = await InviteAsync(factory, "absender");
        using var client = factory.CreateClient();
        await DemoApplication.SubmitAsync(client);
        await factory.DeliverDueAsync();

        await NotifyAsync(factory);

        var from = Assert.Single(Assert.Single(Notices(to)).From.Mailboxes);
        Assert.Equal("postkorb@schoenwetter-am-berg.de", from.Address);
        Assert.Equal("Gemeinde Schönwetter am Berg", from.Name);
    }

    [Fact]
    public async Task Without_a_public_base_url_the_mail_names_the_path_and_the_log_says_why()
    {
        var factory = Create(publicBaseUrl: false);
        var to = await InviteAsync(factory, "ohne-url", baseUrl: new Uri("http://localhost"));
        using var client = factory.CreateClient();
        await DemoApplication.SubmitAsync(client);
        await factory.DeliverDueAsync();

        await NotifyAsync(factory);

        var mail = Assert.Single(Notices(to));
        Assert.Contains($"Pfad /{StaffKit.Tenant}/postkorb", mail.TextBody, StringComparison.Ordinal);
        Assert.DoesNotContain("http", mail.TextBody, StringComparison.Ordinal);
        Assert.Contains(factory.Logs.Lines, line => line.Contains("Gateway:PublicBaseUrl is not set", StringComparison.Ordinal));
    }

    public void Dispose()
    {
        foreach (var factory in factories)
        {
            factory.Dispose();
        }
    }

    private GatewayFactory Create(Dictionary<string, string?>? settings = null, bool publicBaseUrl = true)
    {
        var all = new Dictionary<string, string?>();
        if (publicBaseUrl)
        {
            all["Gateway:PublicBaseUrl"] = BaseUrl;
        }

        foreach (var (key, value) in settings ?? [])
        {
            all[key] = value;
        }

        var factory = new GatewayFactory(all);
        factories.Add(factory);
        return factory;
    }

    private void Dispose(GatewayFactory factory)
    {
        factories.Remove(factory);
        factory.Dispose();
    }

    private string Login(string name) => $"{name}-{run}";

    /// <summary>Invites a staff member (unique per test run, as the SMTP server is shared) and returns the address.</summary>
    private async Task<string> InviteAsync(GatewayFactory factory, string name, string[]? processes = null, Uri? baseUrl = null)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var administration = scope.ServiceProvider.GetRequiredService<EfaGateway.Host.Staff.StaffAdministration>();
        var login = Login(name);
        await administration.InviteAsync(StaffKit.Tenant, new(login, "Wiebke", "Quastenflosser", $"{login}@example.org", false, processes ?? [StaffKit.Process]),
            "operator", baseUrl, CancellationToken.None);
        return $"{login}@example.org";
    }

    private static async Task<PostkorbNoticeReport> NotifyAsync(GatewayFactory factory)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<PostkorbNotifier>().RunAsync(CancellationToken.None);
    }

    private static async Task<IReadOnlyList<Core.Postkorb.PostkorbItem>> UnnotifiedAsync(GatewayFactory factory)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<IPostkorbStore>().ListUnnotifiedAsync(100, CancellationToken.None);
    }

    /// <summary>The notice mails to an address so far (SMTP delivery is synchronous: the run returned after DATA was accepted).</summary>
    private static List<MimeMessage> Notices(string to) => SmtpTestServer.Shared.Messages
        .Where(m => m.To.Mailboxes.Any(b => b.Address == to) && (m.Subject ?? string.Empty).StartsWith("Neue Anträge im Postkorb", StringComparison.Ordinal))
        .ToList();

    /// <summary>A loopback port nothing listens on: bound, read, released.</summary>
    private static string ClosedPort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port.ToString(System.Globalization.CultureInfo.InvariantCulture);
    }
}
