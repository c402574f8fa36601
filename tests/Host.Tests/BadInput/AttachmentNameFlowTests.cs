using System.IO.Compression;
using System.Net;
using EfaGateway.Core.Ports;
using EfaGateway.Host.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using static EfaGateway.Host.Tests.Postkorb.PostkorbPagesKit;
using static EfaGateway.Host.Tests.Staff.StaffKit;

namespace EfaGateway.Host.Tests.BadInput;

/// <summary>
/// A file name is data: names the intake accepts although no file system likes them (Windows device names, dots only)
/// travel as text, never become a path in the gateway, and reach staff as ZIP entries that unpack safely everywhere.
/// </summary>
public sealed class AttachmentNameFlowTests : IDisposable
{
    private static readonly string[] AwkwardNames = ["CON.pdf", "aux", "...", "nul.tar.pdf", "LPT1", "com9 .pdf", "Prn.PDF"];
    private static readonly HashSet<string> DeviceNames = new(
        ["CON", "PRN", "AUX", "NUL", .. Enumerable.Range(0, 10).SelectMany(n => new[] { $"COM{n}", $"LPT{n}" })], StringComparer.OrdinalIgnoreCase);

    private readonly GatewayFactory factory = CreateFactory();

    [Fact]
    public async Task Awkward_but_harmless_names_are_kept_as_data_and_unpack_safely_from_the_staff_zip()
    {
        var staff = await SignedInAsync(factory, "zipper");
        foreach (var name in AwkwardNames)
        {
            var request = DemoApplication.Request();
            request["attachments"]![0]!["fileName"] = name;
            using var citizen = factory.CreateClient();
            var accepted = await DemoApplication.SubmitAsync(citizen, request);
            await factory.DeliverDueAsync();
            var item = await ItemAsync(accepted.Vorgangsnummer);
            // The Postkorb names uploads "Anlage-01-<name as given>": the citizen's name is kept as data, after a prefix.
            Assert.Contains(item.Files, f => f.Name.EndsWith("-" + name, StringComparison.Ordinal));

            using var zip = await staff.GetAsync($"{ItemPath(item.Id)}/zip");
            Assert.Equal(HttpStatusCode.OK, zip.StatusCode);
            using var archive = new ZipArchive(new MemoryStream(await zip.Content.ReadAsByteArrayAsync()), ZipArchiveMode.Read);
            foreach (var entry in archive.Entries.Select(e => e.FullName))
            {
                Assert.DoesNotContain('/', entry);
                Assert.DoesNotContain('\\', entry);
                Assert.False(entry.StartsWith('.') || entry.EndsWith('.') || entry.EndsWith(' '), entry);
                Assert.False(DeviceNames.Contains(entry.Split('.')[0].TrimEnd()), $"'{entry}' is a Windows device name");
                var unpacked = Path.GetFullPath(Path.Combine(factory.DataDirectory, "unpack", entry));
                Assert.StartsWith(Path.Combine(factory.DataDirectory, "unpack") + Path.DirectorySeparatorChar, unpacked, StringComparison.Ordinal);
            }

            var upload = item.Files.Count - 1;
            using var single = await staff.GetAsync($"{ItemPath(item.Id)}/datei/{upload}");
            Assert.Equal(HttpStatusCode.OK, single.StatusCode);
            Assert.Equal("attachment", single.Content.Headers.ContentDisposition!.DispositionType);

            using var xdomea = await staff.GetAsync($"{ItemPath(item.Id)}/xdomea");
            Assert.Equal(HttpStatusCode.OK, xdomea.StatusCode);
        }

        // Blob keys are built from ids only: no name ever became part of a path.
        await using var scope = factory.Services.CreateAsyncScope();
        await foreach (var key in scope.ServiceProvider.GetRequiredService<IBlobStore>().ListKeysAsync(string.Empty, CancellationToken.None))
        {
            Assert.DoesNotContain("..", key, StringComparison.Ordinal);
            Assert.DoesNotContain(AwkwardNames, name => key.Contains(name, StringComparison.OrdinalIgnoreCase) && name.Length > 3);
        }

        Assert.DoesNotContain(Directory.EnumerateFileSystemEntries(factory.DataDirectory, "*", SearchOption.AllDirectories),
            p => AwkwardNames.Any(n => Path.GetFileName(p).Equals(n, StringComparison.OrdinalIgnoreCase)));
    }

    private async Task<Core.Postkorb.PostkorbItem> ItemAsync(string vorgangsnummer)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var items = await scope.ServiceProvider.GetRequiredService<Core.Ports.IPostkorbStore>().ListAsync(Tenant, Process, CancellationToken.None);
        return Assert.Single(items, i => i.Vorgangsnummer == vorgangsnummer);
    }

    public void Dispose() => factory.Dispose();
}
