using System.Net;
using EfaGateway.Host.Tests.Support;
using static EfaGateway.Host.Tests.Postkorb.PostkorbPagesKit;
using static EfaGateway.Host.Tests.Staff.StaffKit;

namespace EfaGateway.Host.Tests.Postkorb;

/// <summary>The staff inbox and item page through the real host: what a granted member sees, and what everyone else does not.</summary>
public sealed class StaffPostkorbInboxTests : IDisposable
{
    private readonly GatewayFactory factory = CreateFactory();

    [Fact]
    public async Task A_granted_member_sees_the_new_item_with_every_column_and_the_deletion_note()
    {
        var (accepted, item) = await DeliveredItemAsync(factory);
        var client = await SignedInAsync(factory, "sachb");

        var inbox = await HtmlPage.OpenAsync(client, $"/{Tenant}/postkorb/eingang");

        Assert.Equal(HttpStatusCode.OK, inbox.Status);
        var row = inbox.Document.QuerySelector($"tr[data-item='{item.Id}']")!;
        Assert.NotNull(row);
        Assert.Equal("neu", Cell(row, "status"));
        Assert.Equal("26.11.2026, 10:00 Uhr", Cell(row, "eingang")); // 09:00 UTC is 10:00 in Berlin in November
        Assert.Equal(accepted.Vorgangsnummer, Cell(row, "vorgangsnummer"));
        Assert.Equal(ItemPath(item.Id), row.QuerySelector("[data-column=vorgangsnummer] a")!.GetAttribute("href"));
        Assert.Equal("Hund zur Hundesteuer anmelden", Cell(row, "leistung"));
        Assert.Equal("24.02.2027", Cell(row, "loeschung"));
        Assert.Equal(["Status", "Eingang", "Vorgangsnummer", "Leistung", "wird gelöscht am"],
            inbox.Document.QuerySelectorAll($"section[data-process='{Process}'] thead th").Select(th => th.TextContent.Trim()));
        Assert.All(inbox.Document.QuerySelectorAll("thead th"), th => Assert.Equal("col", th.GetAttribute("scope")));
        Assert.NotNull(inbox.Document.QuerySelector($"section[data-process='{Process}'] caption"));
        Assert.Contains("90 Tage nach der Bereitstellung gelöscht, ob abgerufen oder nicht", inbox.Text, StringComparison.Ordinal);
        Assert.Contains("auch dann, wenn ihn niemand abgerufen hat", inbox.Document.QuerySelector("#loeschhinweis")!.TextContent, StringComparison.Ordinal);

        var landing = await HtmlPage.OpenAsync(client, $"/{Tenant}/postkorb");
        var process = landing.Document.QuerySelector($"#verfahren li[data-process='{Process}']")!;
        Assert.Contains("Eingang: 1 neu", process.TextContent, StringComparison.Ordinal);
        Assert.Equal($"http://localhost/{Tenant}/{Process}", process.QuerySelector("[data-entry-link]")!.TextContent.Trim());
    }

    [Fact]
    public async Task The_filters_are_plain_links_by_status_and_by_process_and_an_ungranted_process_is_a_404()
    {
        var (_, fetched) = await DeliveredItemAsync(factory);
        factory.Time.Advance(TimeSpan.FromMinutes(1));
        var (_, fresh) = await DeliveredItemAsync(factory);
        var client = await SignedInAsync(factory, "filter");
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"{ItemPath(fetched.Id)}/datei/0")).StatusCode);

        var all = await HtmlPage.OpenAsync(client, $"/{Tenant}/postkorb/eingang");
        var newOnly = await HtmlPage.OpenAsync(client, all.Document.QuerySelectorAll("#filter a").Single(a => a.TextContent == "Neu").GetAttribute("href")!);
        var fetchedOnly = await HtmlPage.OpenAsync(client, $"/{Tenant}/postkorb/eingang?status=abgerufen&verfahren={Process}");

        Assert.Equal([fresh.Id.ToString(), fetched.Id.ToString()], Rows(all)); // newest first
        Assert.Equal([fresh.Id.ToString()], Rows(newOnly));
        Assert.Equal([fetched.Id.ToString()], Rows(fetchedOnly));
        Assert.StartsWith("abgerufen am 26.11.2026, 10:01 Uhr von filter", Cell(fetchedOnly.Document.QuerySelector("tbody tr")!, "status"), StringComparison.Ordinal);
        Assert.Equal("true", newOnly.Document.QuerySelectorAll("#filter a").Single(a => a.TextContent == "Neu").GetAttribute("aria-current"));
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/{Tenant}/postkorb/eingang?verfahren={OtherProcess}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/{Tenant}/postkorb/eingang?verfahren=gibt-es-nicht")).StatusCode);
    }

    [Fact]
    public async Task A_member_without_the_grant_neither_sees_the_item_nor_opens_or_downloads_it()
    {
        var (accepted, item) = await DeliveredItemAsync(factory);
        var client = await SignedInAsync(factory, "baurecht", [OtherProcess]);

        var inbox = await HtmlPage.OpenAsync(client, $"/{Tenant}/postkorb/eingang");

        Assert.Null(inbox.Document.QuerySelector($"section[data-process='{Process}']"));
        Assert.NotNull(inbox.Document.QuerySelector($"section[data-process='{OtherProcess}']"));
        Assert.DoesNotContain(accepted.Vorgangsnummer, inbox.Text, StringComparison.Ordinal);
        foreach (var path in new[] { ItemPath(item.Id), $"{ItemPath(item.Id)}/datei/0", $"{ItemPath(item.Id)}/zip", $"{ItemPath(item.Id)}/xdomea" })
        {
            using var response = await client.GetAsync(path);
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
            Assert.DoesNotContain(accepted.Vorgangsnummer, await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        Assert.Null((await StoredAsync(factory, item.Id)).FirstFetchedAt);
        Assert.Empty(await DownloadsAsync(factory));
    }

    [Fact]
    public async Task The_item_page_lists_every_file_with_name_type_size_and_hash_and_links_to_each_download()
    {
        var (accepted, item) = await DeliveredItemAsync(factory);
        var client = await SignedInAsync(factory, "sachb");

        var page = await HtmlPage.OpenAsync(client, ItemPath(item.Id));

        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Equal(accepted.Vorgangsnummer, page.Document.QuerySelector("#vorgangsnummer")!.TextContent.Trim());
        Assert.Equal("neu (noch nicht abgerufen)", page.Document.QuerySelector("#status")!.TextContent.Trim());
        Assert.Equal("24.02.2027", page.Document.QuerySelector("#loeschung")!.TextContent.Trim());
        Assert.Contains("90 Tage nach der Bereitstellung gelöscht", page.Document.QuerySelector("#loeschhinweis")!.TextContent, StringComparison.Ordinal);
        var rows = page.Document.QuerySelectorAll("#dateien tbody tr");
        Assert.Equal(item.Files.Count, rows.Length);
        Assert.True(item.Files.Count >= 3); // PDF, XML and the upload
        for (var i = 0; i < item.Files.Count; i++)
        {
            var cells = rows[i].Children.Select(c => c.TextContent.Trim()).ToList();
            Assert.Equal(item.Files[i].Name, cells[0]);
            Assert.Equal(item.Files[i].Sha256, cells[3]);
            Assert.Equal($"{ItemPath(item.Id)}/datei/{i}", rows[i].QuerySelector("a")!.GetAttribute("href"));
        }

        Assert.Equal(["PDF", "XML"], rows.Take(2).Select(r => r.Children[1].TextContent.Trim()));
        Assert.EndsWith(" Byte", rows[^1].Children[2].TextContent.Trim(), StringComparison.Ordinal);
        Assert.Equal($"{ItemPath(item.Id)}/zip", page.Document.QuerySelector("#zip")!.GetAttribute("href"));
        Assert.Equal($"{ItemPath(item.Id)}/xdomea", page.Document.QuerySelector("#xdomea")!.GetAttribute("href"));
    }

    [Fact]
    public async Task Unknown_ids_items_of_another_tenant_and_unknown_downloads_are_404()
    {
        await AddOtherTenantWithProcessAsync(factory);
        var (otherAccepted, otherItem) = await DeliveredItemAsync(factory, OtherTenant);
        var (_, item) = await DeliveredItemAsync(factory);
        var client = await SignedInAsync(factory, "sachb");

        string[] paths =
        [
            ItemPath(Guid.NewGuid()), $"{ItemPath(Guid.NewGuid())}/datei/0", $"{ItemPath(Guid.NewGuid())}/zip", $"{ItemPath(Guid.NewGuid())}/xdomea",
            ItemPath(otherItem.Id), $"{ItemPath(otherItem.Id)}/datei/0", $"{ItemPath(otherItem.Id)}/zip", $"{ItemPath(otherItem.Id)}/xdomea",
            $"{ItemPath(item.Id)}/datei/{item.Files.Count}", $"{ItemPath(item.Id)}/datei/-1", $"{ItemPath(item.Id)}/alles", $"{ItemPath(item.Id)}/zip/1",
        ];
        foreach (var path in paths)
        {
            using var response = await client.GetAsync(path);
            Assert.True(response.StatusCode == HttpStatusCode.NotFound, path);
            Assert.DoesNotContain(otherAccepted.Vorgangsnummer, await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        Assert.Null((await StoredAsync(factory, otherItem.Id)).FirstFetchedAt);
        Assert.Null((await StoredAsync(factory, item.Id)).FirstFetchedAt);

        // The 404 is the German error page, and the session (renewed as that page is sent) still works afterwards.
        var notFound = await HtmlPage.OpenAsync(client, ItemPath(Guid.NewGuid()));
        Assert.Equal(HttpStatusCode.NotFound, notFound.Status);
        Assert.Equal("Seite nicht gefunden", notFound.Document.QuerySelector("h1")!.TextContent.Trim());
        Assert.Equal(HttpStatusCode.OK, (await HtmlPage.OpenAsync(client, ItemPath(item.Id))).Status);

        // The other tenant's own member, granted the process, does see it there.
        var other = await SignedInAsync(factory, "regen", tenant: OtherTenant);
        var otherPage = await HtmlPage.OpenAsync(other, ItemPath(otherItem.Id, OtherTenant));
        Assert.Equal(otherAccepted.Vorgangsnummer, otherPage.Document.QuerySelector("#vorgangsnummer")!.TextContent.Trim());
        Assert.Contains("30 Tage nach der Bereitstellung gelöscht", otherPage.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_a_session_every_postkorb_page_and_download_shows_the_sign_in_form_and_changes_nothing()
    {
        var (_, item) = await DeliveredItemAsync(factory);
        var client = Browser(factory);

        foreach (var path in new[] { $"/{Tenant}/postkorb/eingang", ItemPath(item.Id), $"{ItemPath(item.Id)}/datei/0", $"{ItemPath(item.Id)}/zip", $"{ItemPath(item.Id)}/xdomea" })
        {
            var page = await HtmlPage.OpenAsync(client, path);
            Assert.Equal($"/{Tenant}/postkorb", page.Path);
            Assert.True(ShowsSignInForm(page), path);
        }

        Assert.Null((await StoredAsync(factory, item.Id)).FirstFetchedAt);
        Assert.Empty(await DownloadsAsync(factory));
    }

    [Fact]
    public async Task The_inbox_speaks_english_when_chosen()
    {
        var (_, item) = await DeliveredItemAsync(factory);
        var client = await SignedInAsync(factory, "english");

        var inbox = await HtmlPage.OpenAsync(client, $"/{Tenant}/postkorb/eingang?lang=en");

        Assert.Equal("en", inbox.Document.DocumentElement.GetAttribute("lang"));
        var row = inbox.Document.QuerySelector($"tr[data-item='{item.Id}']")!;
        Assert.Equal("new", Cell(row, "status"));
        Assert.Equal("26 Nov 2026, 10:00", Cell(row, "eingang"));
        Assert.Equal("24 Feb 2027", Cell(row, "loeschung"));
        Assert.Contains("deleted 90 days after arrival, whether fetched or not", inbox.Text, StringComparison.Ordinal);
    }

    public void Dispose() => factory.Dispose();

    private static string Cell(AngleSharp.Dom.IElement row, string column) =>
        string.Join(' ', row.QuerySelector($"[data-column='{column}']")!.TextContent.Split((char[])[' ', '\n', '\r'], StringSplitOptions.RemoveEmptyEntries));

    private static List<string?> Rows(HtmlPage page) => page.Document.QuerySelectorAll("tbody tr[data-item]").Select(r => r.GetAttribute("data-item")).ToList();
}
