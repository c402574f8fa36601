using System.Text.Json;
using System.Text.Json.Nodes;
using EfaGateway.Transports.Xta.Soap;
using Microsoft.Extensions.Time.Testing;

namespace EfaGateway.Transports.Xta.Tests;

/// <summary>Which connection the pool hands out, and when it lets one go (no call is made: connections open lazily).</summary>
public sealed class XtaConnectionPoolTests : IDisposable
{
    private readonly FakeTimeProvider time = new(new DateTimeOffset(2026, 11, 27, 8, 0, 0, TimeSpan.Zero));
    private readonly XtaConnectionPool pool;

    public XtaConnectionPoolTests() => pool = new XtaConnectionPool(time);

    public void Dispose() => pool.Dispose();

    [Fact]
    public void The_same_settings_get_the_same_connection()
    {
        var settings = XtaFixtures.SettingsJson();

        var first = Client("schoenwetter/bauantrag", settings);
        first.Dispose();
        var second = Client("schoenwetter/bauantrag", settings);

        Assert.Same(first.Connection, second.Connection);
        Assert.False(first.Connection.IsDisposed);
        Assert.Equal(1, pool.Count);
    }

    [Fact]
    public void A_connection_still_in_use_is_disposed_only_when_its_last_call_ends()
    {
        var settings = XtaFixtures.SettingsJson();
        var held = Client("schoenwetter/bauantrag", settings);

        settings["serverTrustAnchors"] = new JsonArray(OtherRootPem());
        var replacing = Client("schoenwetter/bauantrag", settings);
        var whileHeld = held.Connection.IsDisposed;
        held.Dispose();

        Assert.NotSame(held.Connection, replacing.Connection);
        Assert.False(whileHeld);
        Assert.True(held.Connection.IsDisposed);
        Assert.False(replacing.Connection.IsDisposed);
    }

    [Fact]
    public void Routes_with_equal_settings_share_a_connection_until_the_last_of_them_changes()
    {
        var shared = XtaFixtures.SettingsJson();
        var changed = XtaFixtures.SettingsJson();

        var first = Client("schoenwetter/bauantrag", shared);
        var second = Client("regenbach/bauantrag", shared);
        first.Dispose();
        second.Dispose();
        Client("schoenwetter/bauantrag", changed).Dispose();
        var keptForTheOther = !first.Connection.IsDisposed;
        Client("regenbach/bauantrag", changed).Dispose();

        Assert.Same(first.Connection, second.Connection);
        Assert.True(keptForTheOther);
        Assert.True(first.Connection.IsDisposed);
        Assert.Equal(1, pool.Count);
    }

    [Fact]
    public void A_connection_is_replaced_once_it_reaches_its_maximum_age()
    {
        var settings = XtaFixtures.SettingsJson();
        var young = Client("schoenwetter/bauantrag", settings);
        young.Dispose();

        time.Advance(XtaConnectionPool.MaxAge - TimeSpan.FromSeconds(1));
        var stillYoung = Client("schoenwetter/bauantrag", settings);
        stillYoung.Dispose();
        time.Advance(TimeSpan.FromSeconds(1));
        var renewed = Client("schoenwetter/bauantrag", settings);
        renewed.Dispose();

        Assert.Same(young.Connection, stillYoung.Connection);
        Assert.NotSame(young.Connection, renewed.Connection);
        Assert.True(young.Connection.IsDisposed);
        Assert.Equal(1, pool.Count);
    }

    [Fact]
    public void Settings_that_cannot_be_used_get_their_problem_and_no_connection()
    {
        var settings = XtaFixtures.SettingsJson();
        settings["clientCertificatePassword"] = "falsch";

        var (client, problem) = pool.ClientFor("schoenwetter/bauantrag", JsonSerializer.SerializeToElement(settings));

        Assert.Null(client);
        Assert.Equal("The XTA route settings are not usable: clientCertificate cannot be opened with clientCertificatePassword, or holds no private key.", problem);
        Assert.Equal(0, pool.Count);
    }

    private XtaClient Client(string route, JsonObject settings)
    {
        var (client, problem) = pool.ClientFor(route, JsonSerializer.SerializeToElement(settings));
        return client ?? throw new InvalidOperationException(problem);
    }

    private static string OtherRootPem()
    {
        using var key = System.Security.Cryptography.RSA.Create(2048);
        using var root = new System.Security.Cryptography.X509Certificates.CertificateRequest("CN=Andere Wurzel", key,
            System.Security.Cryptography.HashAlgorithmName.SHA256, System.Security.Cryptography.RSASignaturePadding.Pkcs1)
            .CreateSelfSigned(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero), new DateTimeOffset(2027, 1, 1, 0, 0, 0, TimeSpan.Zero));
        return root.ExportCertificatePem();
    }
}
