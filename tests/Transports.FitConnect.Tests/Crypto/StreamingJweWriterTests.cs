using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using EfaGateway.Transports.FitConnect.Crypto;
using Jose;

namespace EfaGateway.Transports.FitConnect.Tests.Crypto;

/// <summary>
/// The streaming writer against jose-jwt (an independent decrypter on the .NET side; npm jose checks it in Host.Tests):
/// sizes around base64's three-byte groups and the writer's chunk boundaries, hashes, tags and the predicted length.
/// </summary>
public sealed class StreamingJweWriterTests
{
    private static readonly RSA Key = RSA.Create(4096);

    private static readonly int[] OddWrites = [1, 2, 7, 100_000, 5, 3];

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static TheoryData<int> Sizes => [0, 1, 2, 3, 4, 5, 6, 1000,
        StreamingJweWriter.ChunkSize - 1, StreamingJweWriter.ChunkSize, StreamingJweWriter.ChunkSize + 1, (3 * StreamingJweWriter.ChunkSize) + 2];

    [Theory]
    [MemberData(nameof(Sizes))]
    public async Task Jose_jwt_decrypts_what_the_writer_wrote(int size)
    {
        var plaintext = RandomNumberGenerator.GetBytes(size);

        var (compact, result) = await WriteAsync(plaintext, "application/pdf");

        Assert.Equal(plaintext, JWT.DecodeBytes(compact, Key));
        Assert.Equal(Jwe.Sha512Hex(plaintext), result.Sha512Hex);
        Assert.Equal(Jwe.AuthenticationTag(compact), result.AuthenticationTag);
        Assert.Equal(size, result.PlaintextLength);
        Assert.Equal(compact.Length, result.EncodedLength);
        Assert.Equal(compact.Length, StreamingJweWriter.EncodedLength(Key, "kid-1234", "application/pdf", size));
        Assert.DoesNotContain('=', compact);
    }

    [Fact]
    public async Task The_header_carries_what_Jwe_Encrypt_sets_and_nothing_more()
    {
        var (compact, _) = await WriteAsync("{}"u8.ToArray(), "application/json");

        var streamed = JsonNode.Parse(Encoding.UTF8.GetString(Base64Url.Decode(compact[..compact.IndexOf('.', StringComparison.Ordinal)])))!.AsObject();
        var oneShot = JWT.Headers(Jwe.Encrypt("{}"u8, Key, "kid-1234", "application/json"));
        Assert.Equal(oneShot.Keys.Order(StringComparer.Ordinal), streamed.Select(p => p.Key).Order(StringComparer.Ordinal));
        Assert.All(oneShot, h => Assert.Equal(h.Value.ToString(), streamed[h.Key]!.GetValue<string>()));
        Assert.Equal(5, compact.Split('.').Length);
    }

    [Fact]
    public async Task Writes_of_odd_sizes_from_the_source_give_the_same_plaintext()
    {
        var plaintext = RandomNumberGenerator.GetBytes(200_003);
        using var output = new MemoryStream();

        // The blob store writes in its own chunk sizes: here 1, 2, 7, 100_000 … bytes at a time, synchronously and not.
        await StreamingJweWriter.WriteAsync(output, Key, "kid-1234", "application/pdf", async (sink, ct) =>
        {
            var offset = 0;
            foreach (var size in OddWrites)
            {
                sink.Write(plaintext, offset, size);
                offset += size;
            }

            await sink.WriteAsync(plaintext.AsMemory(offset), ct);
        }, plaintext.Length, Ct);

        Assert.Equal(plaintext, JWT.DecodeBytes(Encoding.ASCII.GetString(output.ToArray()), Key));
    }

    [Fact]
    public async Task Several_megabytes_decrypt_and_the_tag_authenticates_the_header()
    {
        var plaintext = RandomNumberGenerator.GetBytes(5 * 1024 * 1024 + 1);
        var (compact, _) = await WriteAsync(plaintext, "application/pdf");
        Assert.Equal(plaintext, JWT.DecodeBytes(compact, Key));

        // Another header under the same tag: the AAD covers the header, so decryption must fail.
        var parts = compact.Split('.');
        var forged = string.Join('.', StreamingJweWriter.ProtectedHeader("kid-9999", "application/pdf"), parts[1], parts[2], parts[3], parts[4]);
        Assert.ThrowsAny<JoseException>(() => JWT.DecodeBytes(forged, Key));
    }

    [Fact]
    public async Task A_source_shorter_than_announced_is_refused()
    {
        using var output = new MemoryStream();

        await Assert.ThrowsAsync<InvalidDataException>(() => StreamingJweWriter.WriteAsync(output, Key, "kid-1234", "application/pdf",
            (sink, ct) => sink.WriteAsync(new byte[10], ct).AsTask(), 11, Ct));
    }

    private static async Task<(string Compact, JweWriteResult Result)> WriteAsync(byte[] plaintext, string contentType)
    {
        using var output = new MemoryStream();
        using var input = new MemoryStream(plaintext);
        var result = await StreamingJweWriter.WriteAsync(output, Key, "kid-1234", contentType, input, Ct);
        return (Encoding.ASCII.GetString(output.ToArray()), result);
    }
}
