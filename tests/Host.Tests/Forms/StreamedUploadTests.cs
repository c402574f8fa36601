using System.Text;
using EfaGateway.Core.Pipeline;
using EfaGateway.Core.Ports;
using EfaGateway.Host.Forms;
using Microsoft.AspNetCore.Http;
using EfaGateway.Host.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace EfaGateway.Host.Tests.Forms;

/// <summary>
/// An upload larger than any buffer goes into the blob store and on into the submission as a stream: scanning, sealing,
/// hashing and the intake's copy. Measured as the most live memory meanwhile (run alone, so no other test counts): a
/// small fraction of the file, on both blob stores. (ASP.NET itself buffers a posted file to disk, not memory.)
/// </summary>
[Collection(nameof(MemoryMeasurement))]
public sealed class StreamedUploadTests
{
    private const int FileSize = 48 * 1024 * 1024;
    private const string Start = $"/{DemoApplication.Tenant}/grosse-datei";

    private const string Definition = """
        { "id": "grosse-datei", "version": "1.0.0", "title": { "de": "Große Datei" }, "sections": [
          { "id": "s1", "title": { "de": "Unterlagen" }, "fields": [
            { "id": "name", "label": { "de": "Name" }, "type": "text", "required": true, "maxLength": 100 },
            { "id": "plan", "label": { "de": "Bauplan" }, "type": "file", "required": true, "mediaTypes": ["application/pdf"] } ] } ] }
        """;

    [Theory]
    [InlineData("FileSystem")]
    [InlineData("Database")]
    public async Task A_48_MB_upload_is_scanned_stored_and_submitted_without_being_held_whole_in_memory(string store)
    {
        using var factory = new GatewayFactory(new Dictionary<string, string?>
        {
            ["Gateway:Forms:MaxUploadBytes"] = (64 * 1024 * 1024).ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Gateway:Blobs:Store"] = store,
        });
        await RegisterProcessAsync(factory);
        await using var scope = factory.Services.CreateAsyncScope();
        var services = scope.ServiceProvider;
        var tenantProcess = (await services.GetRequiredService<ICatalogStore>().FindTenantProcessAsync(DemoApplication.Tenant, "grosse-datei", CancellationToken.None))!;
        var definition = tenantProcess.Process;
        var session = new FormSession
        {
            Id = Guid.CreateVersion7(),
            TenantId = DemoApplication.Tenant,
            ProcessId = "grosse-datei",
            ProcessVersion = "1.0.0",
            StartedAt = factory.Time.GetUtcNow(),
        };
        session.Data["name"] = "Anna";
        // What ASP.NET hands over for a posted file: a stream over its (disk-buffered) request body.
        using var body = new GeneratedPdf(FileSize);
        var files = new FormFileCollection
        {
            new FormFile(body, 0, FileSize, "plan", "bauplan.pdf") { Headers = new HeaderDictionary(), ContentType = "application/pdf" },
        };

        List<StepError> errors = [];
        var uploadPeak = await LiveMemory.PeakDuringAsync(async () =>
            errors = await services.GetRequiredService<UploadService>().AcceptAsync(session, definition, definition.Sections[0], files, english: false, CancellationToken.None));
        IntakeResult? result = null;
        var submitPeak = await LiveMemory.PeakDuringAsync(async () =>
            result = await services.GetRequiredService<FormFlow>().SubmitAsync(session, CancellationToken.None));

        Assert.Empty(errors);
        Assert.IsType<IntakeResult.Accepted>(result);
        Assert.True(uploadPeak < 16 * 1024 * 1024, $"Uploading held up to {uploadPeak / 1_048_576} MiB for a {FileSize / 1_048_576} MiB file.");
        Assert.True(submitPeak < 16 * 1024 * 1024, $"Sending held up to {submitPeak / 1_048_576} MiB for a {FileSize / 1_048_576} MiB file.");
        var blobs = services.GetRequiredService<IBlobStore>();
        var stored = await blobs.ListKeysAsync("submissions/", CancellationToken.None).Where(k => k.Contains("/attachments/", StringComparison.Ordinal)).SingleAsync();
        var copy = new CountingStream();
        Assert.True(await blobs.CopyToAsync(stored, copy, CancellationToken.None));
        Assert.Equal(FileSize, copy.Count);
        Assert.Equal(session.Uploads.Single().Sha256, ((IntakeResult.Accepted)result!).Submission.Attachments.Single().Sha256);
    }

    [Fact]
    public async Task The_measurement_sees_a_file_held_in_memory()
    {
        var peak = await LiveMemory.PeakDuringAsync(() => LiveMemory.HoldFreshAsync(FileSize, TestContext.Current.CancellationToken));

        Assert.True(peak >= FileSize * 3L / 4, $"Only {peak / 1_048_576} MiB seen."); // the baseline may still hold a little garbage-to-be
    }

    private static async Task RegisterProcessAsync(GatewayFactory factory)
    {
        using var client = factory.CreateClient(); // starts the host
        await using var scope = factory.Services.CreateAsyncScope();
        var catalog = scope.ServiceProvider.GetRequiredService<ICatalogStore>();
        await catalog.AddProcessDefinitionAsync(Core.Processes.ProcessDefinitionJson.Parse(Definition), Definition, CancellationToken.None);
        await catalog.EnableProcessAsync(DemoApplication.Tenant, "grosse-datei", "1.0.0",
            [new Core.Processes.RouteDefinition { TransportId = "postkorb", MapperIds = ["pdf"] }], 90, CancellationToken.None);
    }

    /// <summary>A PDF-looking stream of any length, produced as it is read: the test holds no copy either.</summary>
    private sealed class GeneratedPdf(long length) : Stream
    {
        private static readonly byte[] Header = Encoding.ASCII.GetBytes("%PDF-1.7\n");
        private long position;

        public override bool CanRead => true;

        public override bool CanSeek => true;

        public override bool CanWrite => false;

        public override long Length => length;

        public override long Position { get => position; set => position = value; }

        public override void Flush()
        {
        }

        public override int Read(byte[] buffer, int offset, int count)
        {
            var take = (int)Math.Min(count, length - position);
            for (var i = 0; i < take; i++)
            {
                var at = position + i;
                buffer[offset + i] = at < Header.Length ? Header[at] : (byte)('a' + (at % 26));
            }

            position += take;
            return take;
        }

        public override long Seek(long offset, SeekOrigin origin) => position = origin switch
        {
            SeekOrigin.Begin => offset,
            SeekOrigin.Current => position + offset,
            _ => length + offset,
        };

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }

    private sealed class CountingStream : Stream
    {
        public long Count { get; private set; }

        public override bool CanRead => false;

        public override bool CanSeek => false;

        public override bool CanWrite => true;

        public override long Length => Count;

        public override long Position { get => Count; set => throw new NotSupportedException(); }

        public override void Flush()
        {
        }

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => Count += count;
    }
}
