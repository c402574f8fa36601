using System.IO.Compression;
using System.Net;
using EfaGateway.Core.Audit;
using EfaGateway.Host.Tests.Support;
using static EfaGateway.Host.Tests.Postkorb.PostkorbPagesKit;
using static EfaGateway.Host.Tests.Staff.StaffKit;

namespace EfaGateway.Host.Tests.Postkorb;

/// <summary>Downloads from the staff item page: single files, all as one ZIP, the xdomea export; each marks fetched and is audited.</summary>
public sealed class StaffPostkorbDownloadTests : IDisposable
{
    private readonly GatewayFactory factory = CreateFactory();

    [Fact]
    public async Task Downloading_a_file_sends_it_as_an_attachment_marks_the_item_fetched_with_login_and_time_and_audits_it()
    {
        var (accepted, item) = await DeliveredItemAsync(factory);
        factory.Time.Advance(TimeSpan.FromHours(2));
        var client = await SignedInAsync(factory, "sachb");
        var downloadedAt = factory.Time.GetUtcNow();

        using var response = await client.GetAsync($"{ItemPath(item.Id)}/datei/0");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(item.Files[0].MediaType, response.Content.Headers.ContentType!.MediaType);
        Assert.Equal("attachment", response.Content.Headers.ContentDisposition!.DispositionType);
        Assert.Equal(item.Files[0].Name, response.Content.Headers.ContentDisposition.FileNameStar);
        Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
        Assert.Equal(item.Files[0].Sha256, Sha256(await response.Content.ReadAsByteArrayAsync()));

        var stored = await StoredAsync(factory, item.Id);
        Assert.Equal(downloadedAt, stored.FirstFetchedAt);
        Assert.Equal("sachb", stored.FirstFetchedBy);
        var line = Assert.Single(await DownloadsAsync(factory));
        Assert.Equal(("sachb", AuditActions.PostkorbDownload, item.Id.ToString("D")), (line.Actor, line.Action, line.Target));
        Assert.Equal($"Vorgangsnummer {accepted.Vorgangsnummer}; file 0 (PDF)", line.Details);

        // A later download by someone else is audited too, but the first fetch is what the item keeps.
        factory.Time.Advance(TimeSpan.FromHours(1));
        var colleague = await SignedInAsync(factory, "kollegin");
        var upload = item.Files.Count - 1;
        using var second = await colleague.GetAsync($"{ItemPath(item.Id)}/datei/{upload}");
        Assert.Equal(item.Files[upload].Sha256, Sha256(await second.Content.ReadAsByteArrayAsync()));
        Assert.Equal("sachb", (await StoredAsync(factory, item.Id)).FirstFetchedBy);
        Assert.Equal(2, (await DownloadsAsync(factory)).Count);
        Assert.Contains(await DownloadsAsync(factory), l => l.Actor == "kollegin" && l.Details!.EndsWith($"file {upload} (PDF)", StringComparison.Ordinal));

        var page = await HtmlPage.OpenAsync(colleague, ItemPath(item.Id));
        Assert.Equal("abgerufen am 26.11.2026, 12:00 Uhr von sachb", page.Document.QuerySelector("#status")!.TextContent.Trim());
    }

    [Fact]
    public async Task The_ZIP_holds_every_file_with_its_bytes_marks_the_item_fetched_and_is_audited()
    {
        var (accepted, item) = await DeliveredItemAsync(factory);
        var client = await SignedInAsync(factory, "zipper");

        using var response = await client.GetAsync($"{ItemPath(item.Id)}/zip");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/zip", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal("attachment", response.Content.Headers.ContentDisposition!.DispositionType);
        Assert.Equal($"{accepted.Vorgangsnummer}.zip", response.Content.Headers.ContentDisposition.FileNameStar);
        Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
        using var zip = new ZipArchive(new MemoryStream(await response.Content.ReadAsByteArrayAsync()), ZipArchiveMode.Read);
        Assert.Equal(item.Files.Select(f => f.Name), zip.Entries.Select(e => e.FullName));
        foreach (var file in item.Files)
        {
            await using var entry = await zip.GetEntry(file.Name)!.OpenAsync(TestContext.Current.CancellationToken);
            using var bytes = new MemoryStream();
            await entry.CopyToAsync(bytes, TestContext.Current.CancellationToken);
            Assert.Equal(file.Sha256, Sha256(bytes.ToArray()));
        }

        var stored = await StoredAsync(factory, item.Id);
        Assert.Equal(("zipper", factory.Time.GetUtcNow()), (stored.FirstFetchedBy, stored.FirstFetchedAt));
        var line = Assert.Single(await DownloadsAsync(factory));
        Assert.Equal(item.Id.ToString("D"), line.Target);
        Assert.StartsWith($"Vorgangsnummer {accepted.Vorgangsnummer}; ZIP of all files: 0 (PDF), 1 (XML)", line.Details, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_xdomea_export_is_a_ZIP_with_the_message_marks_the_item_fetched_and_is_audited()
    {
        var (accepted, item) = await DeliveredItemAsync(factory);
        var client = await SignedInAsync(factory, "akte");

        using var response = await client.GetAsync($"{ItemPath(item.Id)}/xdomea");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/zip", response.Content.Headers.ContentType!.MediaType);
        var name = response.Content.Headers.ContentDisposition!.FileNameStar!;
        Assert.EndsWith("_Information.Information.0101.zip", name, StringComparison.Ordinal);
        using var zip = new ZipArchive(new MemoryStream(await response.Content.ReadAsByteArrayAsync()), ZipArchiveMode.Read);
        var message = zip.GetEntry(name.Replace(".zip", ".xml", StringComparison.Ordinal));
        Assert.NotNull(message);
        Assert.Equal(item.Files.Count + 1, zip.Entries.Count);
        await using (var xml = await message.OpenAsync(TestContext.Current.CancellationToken))
        {
            var text = await new StreamReader(xml).ReadToEndAsync(TestContext.Current.CancellationToken);
            Assert.Contains(accepted.Vorgangsnummer, text, StringComparison.Ordinal);
        }

        Assert.Equal("akte", (await StoredAsync(factory, item.Id)).FirstFetchedBy);
        var line = Assert.Single(await DownloadsAsync(factory));
        Assert.StartsWith($"Vorgangsnummer {accepted.Vorgangsnummer}; xdomea export of {item.Files.Count} files", line.Details, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_xdomea_export_that_cannot_be_built_shows_a_german_page_and_marks_nothing()
    {
        await AddOtherTenantWithProcessAsync(factory); // no Gateway:Xdomea settings for this tenant
        var (_, item) = await DeliveredItemAsync(factory, OtherTenant);
        var client = await SignedInAsync(factory, "regen", tenant: OtherTenant);

        var page = await HtmlPage.OpenAsync(client, $"{ItemPath(item.Id, OtherTenant)}/xdomea");

        Assert.Equal(HttpStatusCode.Conflict, page.Status);
        Assert.Contains("kann nicht als xdomea-Nachricht exportiert werden", page.Document.QuerySelector("#exportfehler")!.TextContent, StringComparison.Ordinal);
        Assert.Null((await StoredAsync(factory, item.Id)).FirstFetchedAt);
        Assert.Empty(await DownloadsAsync(factory, OtherTenant));
    }

    [Fact]
    public async Task No_download_writes_applicant_data_into_the_audit_log()
    {
        var (_, item) = await DeliveredItemAsync(factory);
        var client = await SignedInAsync(factory, "sachb");
        for (var i = 0; i < item.Files.Count; i++)
        {
            (await client.GetAsync($"{ItemPath(item.Id)}/datei/{i}")).Dispose();
        }

        (await client.GetAsync($"{ItemPath(item.Id)}/zip")).Dispose();
        (await client.GetAsync($"{ItemPath(item.Id)}/xdomea")).Dispose();

        var lines = await DownloadsAsync(factory);
        Assert.Equal(item.Files.Count + 2, lines.Count);
        foreach (var value in DemoApplication.Distinctive.Append("heimtierausweis"))
        {
            Assert.DoesNotContain(lines, l => $"{l.Target} {l.Details}".Contains(value, StringComparison.OrdinalIgnoreCase));
        }

        Assert.DoesNotContain(factory.Logs.Lines, line => DemoApplication.Distinctive.Any(v => line.Contains(v, StringComparison.Ordinal)));
    }

    public void Dispose() => factory.Dispose();
}
