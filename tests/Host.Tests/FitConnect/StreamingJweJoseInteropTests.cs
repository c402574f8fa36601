using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using EfaGateway.Transports.FitConnect.Crypto;

namespace EfaGateway.Host.Tests.FitConnect;

/// <summary>
/// npm jose (an independent JOSE stack) decrypts what <see cref="StreamingJweWriter"/> writes: the sizes that leave
/// each base64 remainder, a chunk boundary, and a plaintext of several megabytes; the hash and tag agree with the writer's.
/// </summary>
public sealed class StreamingJweJoseInteropTests
{
    private static readonly RSA Key = RSA.Create(4096);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static TheoryData<int> Sizes => [0, 1, 2, 3, 4, StreamingJweWriter.ChunkSize + 1, (6 * 1024 * 1024) + 2];

    [Theory]
    [MemberData(nameof(Sizes))]
    public async Task Npm_jose_decrypts_what_the_streaming_writer_wrote(int size)
    {
        var plaintext = RandomNumberGenerator.GetBytes(size);
        using var output = new MemoryStream();
        using var input = new MemoryStream(plaintext);
        var written = await StreamingJweWriter.WriteAsync(output, Key, "interop-kid-1", "application/pdf", input, Ct);

        var answer = await NodeJose.RunAsync(new JsonObject
        {
            ["command"] = "decrypt-one",
            ["privateKeyPem"] = NodeJose.Pem(Key),
            ["jwe"] = Encoding.ASCII.GetString(output.ToArray()),
        }, Ct);

        Assert.Equal(size, answer["length"]!.GetValue<int>());
        Assert.Equal(Convert.ToHexStringLower(SHA512.HashData(plaintext)), NodeJose.Text(answer, "sha512"));
        Assert.Equal(written.Sha512Hex, NodeJose.Text(answer, "sha512"));
        Assert.Equal(written.AuthenticationTag, NodeJose.Text(answer, "tag"));
        var header = answer["header"]!.AsObject();
        Assert.Equal("RSA-OAEP-256", header["alg"]!.GetValue<string>());
        Assert.Equal("A256GCM", header["enc"]!.GetValue<string>());
        Assert.Equal("interop-kid-1", header["kid"]!.GetValue<string>());
        Assert.Equal("application/pdf", header["cty"]!.GetValue<string>());
        Assert.Null(header["zip"]);
    }
}
