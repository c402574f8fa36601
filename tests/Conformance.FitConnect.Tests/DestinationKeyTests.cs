using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using EfaGateway.Conformance.FitConnect.Fake;
using EfaGateway.Conformance.FitConnect.Tests.Support;

namespace EfaGateway.Conformance.FitConnect.Tests;

public sealed class DestinationKeyTests(SharedFake shared)
{
    private FakeZustelldienst Fake => shared.Fake;

    [Fact]
    public async Task The_demo_destination_describes_status_service_schema_encryption_kid_and_metadata_versions()
    {
        using var sender = new TestSender(Fake);

        var destination = await sender.GetJsonAsync($"v1/destinations/{Fake.DemoDestination!.DestinationId}");

        Assert.Equal(Fake.DemoDestination.DestinationId, destination.GetProperty("destinationId").GetString());
        Assert.Equal("active", destination.GetProperty("status").GetString());
        var service = Assert.Single(destination.GetProperty("services").EnumerateArray());
        Assert.Equal("urn:de:fim:leika:leistung:99108008000000", service.GetProperty("identifier").GetString());
        var schema = Assert.Single(service.GetProperty("submissionSchemas").EnumerateArray());
        Assert.Equal("https://schema.fitko.de/fim/s00000000000_1.0.schema.json", schema.GetProperty("schemaUri").GetString());
        Assert.Equal("application/json", schema.GetProperty("mimeType").GetString());
        Assert.Equal(Fake.DemoDestination.EncryptionKid, destination.GetProperty("encryptionKid").GetString());
        Assert.Equal(["1.0.0", "2.0.0", "2.1.0"], destination.GetProperty("metadataVersions").EnumerateArray().Select(v => v.GetString()));
    }

    [Fact]
    public async Task An_unknown_destination_is_404_destination_not_found_as_problem_json()
    {
        using var sender = new TestSender(Fake);

        using var response = await sender.SendAsync(HttpMethod.Get, $"v1/destinations/{Guid.NewGuid()}");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).RootElement;
        Assert.Equal("https://schema.fitko.de/fit-connect/submission-api/problems/destination-not-found", problem.GetProperty("type").GetString());
        Assert.Equal(404, problem.GetProperty("status").GetInt32());
    }

    [Fact]
    public async Task The_encryption_key_is_an_rsa_4096_wrap_key_whose_x5c_chain_builds_to_the_root_with_online_crl_checks()
    {
        using var sender = new TestSender(Fake);
        var destination = Fake.DemoDestination!;

        var jwk = await sender.GetJsonAsync($"v1/destinations/{destination.DestinationId}/keys/{destination.EncryptionKid}");

        Assert.Equal("RSA", jwk.GetProperty("kty").GetString());
        Assert.Equal("RSA-OAEP-256", jwk.GetProperty("alg").GetString());
        Assert.Equal(["wrapKey"], jwk.GetProperty("key_ops").EnumerateArray().Select(o => o.GetString()));
        Assert.Equal("AQAB", jwk.GetProperty("e").GetString());
        Assert.True(jwk.GetProperty("n").GetString()!.Length >= 683);
        var (status, leaf) = BuildChain(jwk);
        Assert.Equal(X509ChainStatusFlags.NoError, status);
        Assert.True(leaf.GetKeyUsage().HasFlag(X509KeyUsageFlags.KeyEncipherment));
        Assert.Equal(jwk.GetProperty("n").GetString(), Base64Url(leaf.GetRSAPublicKey()!.ExportParameters(false).Modulus!));
    }

    [Fact]
    public async Task The_signature_key_is_a_ps512_verify_key_certified_for_digital_signature_and_non_repudiation()
    {
        using var sender = new TestSender(Fake);
        var destination = Fake.DemoDestination!;

        var jwk = await sender.GetJsonAsync($"v1/destinations/{destination.DestinationId}/keys/{destination.SignatureKey.Kid}");

        Assert.Equal("PS512", jwk.GetProperty("alg").GetString());
        Assert.Equal(["verify"], jwk.GetProperty("key_ops").EnumerateArray().Select(o => o.GetString()));
        var (status, leaf) = BuildChain(jwk);
        Assert.Equal(X509ChainStatusFlags.NoError, status);
        Assert.Equal(X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.NonRepudiation, leaf.GetKeyUsage());
    }

    [Fact]
    public async Task Certificates_are_signed_rsassa_pss_with_sha512_and_carry_the_crl_distribution_point_of_the_fake()
    {
        using var sender = new TestSender(Fake);
        var destination = Fake.DemoDestination!;

        var jwk = await sender.GetJsonAsync($"v1/destinations/{destination.DestinationId}/keys/{destination.EncryptionKid}");

        var chain = jwk.GetProperty("x5c").EnumerateArray().Select(c => X509CertificateLoader.LoadCertificate(Convert.FromBase64String(c.GetString()!))).ToList();
        Assert.Equal(3, chain.Count);
        Assert.All(chain, certificate => Assert.Equal("1.2.840.113549.1.1.10", certificate.SignatureAlgorithm.Value));
        Assert.Equal(chain[2].RawData, Fake.TrustAnchor.RawData);
        var cdp = Assert.IsType<X509Extension>(chain[0].Extensions["2.5.29.31"], exactMatch: false);
        Assert.Contains(new Uri(Fake.BaseUrl, "pki/intermediate.crl").ToString(), System.Text.Encoding.ASCII.GetString(cdp.RawData), StringComparison.Ordinal);
        Assert.True(chain[1].Extensions.OfType<X509BasicConstraintsExtension>().Single().CertificateAuthority);
        Assert.NotNull(chain[0].Extensions.OfType<X509AuthorityKeyIdentifierExtension>().SingleOrDefault());
    }

    [Theory]
    [InlineData(BadEncryptionKey.RevokedCertificate)]
    [InlineData(BadEncryptionKey.UnknownRoot)]
    public async Task A_bad_certificate_chain_fails_chain_validation(BadEncryptionKey kind)
    {
        var destination = Fake.AddDestination();
        var bad = Fake.ServeBadEncryptionKey(destination, kind);
        using var sender = new TestSender(Fake);

        var jwk = await sender.GetJsonAsync($"v1/destinations/{destination.DestinationId}/keys/{bad.Kid}");

        var (status, _) = BuildChain(jwk);
        Assert.True(status.HasFlag(kind == BadEncryptionKey.RevokedCertificate ? X509ChainStatusFlags.Revoked : X509ChainStatusFlags.UntrustedRoot),
            $"chain status: {status}");
    }

    [Fact]
    public async Task The_deliberately_bad_keys_differ_from_a_good_key_in_exactly_the_advertised_way()
    {
        var destination = Fake.AddDestination();
        using var sender = new TestSender(Fake);

        async Task<JsonElement> Serve(BadEncryptionKey kind)
        {
            var key = Fake.ServeBadEncryptionKey(destination, kind);
            var served = await sender.GetJsonAsync($"v1/destinations/{destination.DestinationId}");
            Assert.Equal(key.Kid, served.GetProperty("encryptionKid").GetString());
            return await sender.GetJsonAsync($"v1/destinations/{destination.DestinationId}/keys/{key.Kid}");
        }

        var weak = await Serve(BadEncryptionKey.WeakRsa2048);
        var wrongAlgorithm = await Serve(BadEncryptionKey.WrongAlgorithm);
        var noWrapKey = await Serve(BadEncryptionKey.NoWrapKeyOperation);
        var mismatch = await Serve(BadEncryptionKey.CertificateKeyMismatch);

        Assert.Equal(2048 / 8, TestSender.Base64UrlDecode(weak.GetProperty("n").GetString()!).Length);
        Assert.Equal("RSA-OAEP", wrongAlgorithm.GetProperty("alg").GetString());
        Assert.DoesNotContain("wrapKey", noWrapKey.GetProperty("key_ops").EnumerateArray().Select(o => o.GetString()));
        var (status, leaf) = BuildChain(mismatch);
        Assert.Equal(X509ChainStatusFlags.NoError, status);
        Assert.NotEqual(mismatch.GetProperty("n").GetString(), Base64Url(leaf.GetRSAPublicKey()!.ExportParameters(false).Modulus!));
    }

    [Fact]
    public async Task The_zustelldienst_publishes_its_ps512_set_key_in_the_jwks()
    {
        using var anonymous = new HttpClient { BaseAddress = Fake.BaseUrl };

        var jwks = JsonDocument.Parse(await anonymous.GetStringAsync(".well-known/jwks.json", TestContext.Current.CancellationToken)).RootElement;

        var key = Assert.Single(jwks.GetProperty("keys").EnumerateArray());
        Assert.Equal(Fake.SigningKey.Kid, key.GetProperty("kid").GetString());
        Assert.Equal("PS512", key.GetProperty("alg").GetString());
    }

    /// <summary>The chain of a JWK's x5c against the fake's trust anchor, CRLs downloaded from the fake.</summary>
    private (X509ChainStatusFlags Status, X509Certificate2 Leaf) BuildChain(JsonElement jwk)
    {
        var certificates = jwk.GetProperty("x5c").EnumerateArray()
            .Select(c => X509CertificateLoader.LoadCertificate(Convert.FromBase64String(c.GetString()!))).ToList();
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(X509Certificate2.CreateFromPem(Fake.TrustAnchorPem));
        chain.ChainPolicy.ExtraStore.AddRange(certificates.Skip(1).ToArray());
        chain.ChainPolicy.RevocationMode = X509RevocationMode.Online;
        chain.ChainPolicy.RevocationFlag = X509RevocationFlag.EntireChain;
        chain.Build(certificates[0]);
        return (chain.ChainStatus.Aggregate(X509ChainStatusFlags.NoError, (all, s) => all | s.Status), certificates[0]);
    }

    private static string Base64Url(byte[] bytes) => System.Buffers.Text.Base64Url.EncodeToString(bytes);
}

internal static class CertificateExtensions
{
    public static X509KeyUsageFlags GetKeyUsage(this X509Certificate2 certificate) =>
        certificate.Extensions.OfType<X509KeyUsageExtension>().Single().KeyUsages;
}
