using System.Text;
using EfaGateway.Core.Drafts;
using EfaGateway.Core.Ports;
using EfaGateway.TestSupport;
using Microsoft.Data.Sqlite;

namespace EfaGateway.Persistence.Tests;

public abstract partial class StoreTests
{
    [Fact]
    public async Task Postkorb_items_are_due_for_deletion_at_their_date_whether_fetched_or_not()
    {
        var fetched = TestData.PostkorbItem(Guid.NewGuid(), TestData.Now.AddDays(-92));
        var neverFetched = TestData.PostkorbItem(Guid.NewGuid(), TestData.Now.AddDays(-91));
        var recent = TestData.PostkorbItem(Guid.NewGuid(), TestData.Now.AddDays(-10));
        var shortRetention = TestData.PostkorbItem(Guid.NewGuid(), TestData.Now.AddDays(-10), retentionDays: 10);
        foreach (var item in new[] { recent, neverFetched, fetched, shortRetention })
        {
            await Postkorb.AddAsync(item, Ct);
        }

        fetched.MarkFetched("sachbearbeitung-1", TestData.Now.AddDays(-80));
        await Postkorb.SaveAsync(fetched, Ct);

        Assert.Equal([fetched.Id, neverFetched.Id, shortRetention.Id],
            (await Postkorb.ListDueForDeletionAsync(TestData.Now, 10, Ct)).Select(i => i.Id));
        Assert.Equal([fetched.Id], (await Postkorb.ListDueForDeletionAsync(TestData.Now, 1, Ct)).Select(i => i.Id));
    }

    [Fact]
    public async Task Unnotified_postkorb_items_are_listed_oldest_first_until_marked_and_marking_keeps_the_first_time()
    {
        var older = TestData.PostkorbItem(Guid.NewGuid(), TestData.Now.AddHours(-2));
        var newer = TestData.PostkorbItem(Guid.NewGuid(), TestData.Now.AddHours(-1));
        var later = TestData.PostkorbItem(Guid.NewGuid(), TestData.Now);
        foreach (var item in new[] { newer, older, later })
        {
            await Postkorb.AddAsync(item, Ct);
        }

        Assert.Equal([older.Id, newer.Id, later.Id], (await Postkorb.ListUnnotifiedAsync(10, Ct)).Select(i => i.Id));
        Assert.Equal([older.Id], (await Postkorb.ListUnnotifiedAsync(1, Ct)).Select(i => i.Id));

        await Postkorb.MarkNotifiedAsync([older.Id, newer.Id, Guid.NewGuid()], TestData.Now, Ct);
        await Postkorb.MarkNotifiedAsync([older.Id, later.Id], TestData.Now.AddMinutes(15), Ct);

        Assert.Empty(await Postkorb.ListUnnotifiedAsync(10, Ct));
        Assert.Equal(TestData.Now, (await Postkorb.FindAsync(older.Id, Ct))!.NotifiedAt);
        Assert.Equal(TestData.Now, (await Postkorb.FindAsync(newer.Id, Ct))!.NotifiedAt);
        Assert.Equal(TestData.Now.AddMinutes(15), (await Postkorb.FindAsync(later.Id, Ct))!.NotifiedAt);
        Assert.Null(older.NotifiedAt);
    }

    [Fact]
    public async Task Any_for_submission_tells_whether_the_postkorb_still_holds_an_item_of_it()
    {
        var submissionId = Guid.NewGuid();
        var item = TestData.PostkorbItem(submissionId, TestData.Now);
        await Postkorb.AddAsync(item, Ct);

        Assert.True(await Postkorb.AnyForSubmissionAsync(submissionId, Ct));
        Assert.False(await Postkorb.AnyForSubmissionAsync(Guid.NewGuid(), Ct));

        Assert.True(await Postkorb.DeleteAsync(item, Ct));
        Assert.False(await Postkorb.DeleteAsync(item, Ct));

        Assert.False(await Postkorb.AnyForSubmissionAsync(submissionId, Ct));
        Assert.Null(await Postkorb.FindAsync(item.Id, Ct));
    }

    [Fact]
    public async Task A_postkorb_item_keeps_its_files_in_order_and_its_first_fetch()
    {
        var item = TestData.PostkorbItem(Guid.NewGuid(), TestData.Now, files: 3);
        await Postkorb.AddAsync(item, Ct);
        var loaded = (await Postkorb.FindAsync(item.Id, Ct))!;

        loaded.MarkFetched("sachbearbeitung-1", TestData.Now.AddHours(1));
        await Postkorb.SaveAsync(loaded, Ct);
        loaded.MarkFetched("sachbearbeitung-2", TestData.Now.AddHours(2));
        await Postkorb.SaveAsync(loaded, Ct);

        var stored = (await Postkorb.FindAsync(item.Id, Ct))!;
        Assert.Equal(item.Files, stored.Files);
        Assert.Equal(TestData.Now.AddHours(1), stored.FirstFetchedAt);
        Assert.Equal("sachbearbeitung-1", stored.FirstFetchedBy);
        Assert.Equal(item.DeleteAt, stored.DeleteAt);
    }

    [Fact]
    public async Task Postkorb_items_are_listed_per_tenant_and_process_newest_first()
    {
        var older = TestData.PostkorbItem(Guid.NewGuid(), TestData.Now.AddHours(-1));
        var newer = TestData.PostkorbItem(Guid.NewGuid(), TestData.Now);
        var otherProcess = TestData.PostkorbItem(Guid.NewGuid(), TestData.Now, processId: "gewerbeanzeige");
        foreach (var item in new[] { older, newer, otherProcess })
        {
            await Postkorb.AddAsync(item, Ct);
        }

        Assert.Equal([newer.Id, older.Id], (await Postkorb.ListAsync(TestData.TenantId, TestData.ProcessId, Ct)).Select(i => i.Id));
        Assert.Equal(3, (await Postkorb.ListAsync(TestData.TenantId, null, Ct)).Count);
        Assert.Empty(await Postkorb.ListAsync("andere-stadt", null, Ct));
    }

    [Fact]
    public async Task Drafts_saved_before_the_cutoff_are_listed_oldest_first()
    {
        var oldest = TestData.Draft(TestData.Now.AddDays(-40));
        var old = TestData.Draft(TestData.Now.AddDays(-31));
        var fresh = TestData.Draft(TestData.Now.AddDays(-29));
        foreach (var draft in new[] { fresh, old, oldest })
        {
            await Drafts.AddAsync(draft, Ct);
        }

        var cutoff = TestData.Now.AddDays(-30);

        Assert.Equal([oldest.Id, old.Id], (await Drafts.ListSavedBeforeAsync(cutoff, 10, Ct)).Select(d => d.Id));
        Assert.Equal([oldest.Id], (await Drafts.ListSavedBeforeAsync(cutoff, 1, Ct)).Select(d => d.Id));
    }

    [Fact]
    public async Task A_draft_round_trips_and_is_gone_after_deletion()
    {
        var draft = TestData.Draft(TestData.Now);
        await Drafts.AddAsync(draft, Ct);

        var stored = (await Drafts.FindAsync(draft.Id, Ct))!;
        Assert.Equal(draft.PinHash, stored.PinHash);
        Assert.Equal(draft.DataJson, stored.DataJson);
        Assert.Equal(draft.DeleteAt, stored.DeleteAt);

        await Drafts.DeleteAsync(stored, Ct);

        Assert.Null(await Drafts.FindAsync(draft.Id, Ct));
    }

    [Fact]
    public async Task Deleted_data_leaves_the_database_files_after_maintenance()
    {
        const string Marker = "Geheimnis-4711-Mustermann";
        var draft = new Draft(Guid.NewGuid(), TestData.TenantId, TestData.ProcessId, "1.0", $$"""{"name":"{{Marker}}"}""", "hash", TestData.Now);
        await Drafts.AddAsync(draft, Ct);
        await Drafts.DeleteAsync(draft, Ct);

        await InNewScope<IStoreMaintenance>().AfterDeletionAsync(Ct);

        if (Database.Provider == TestDatabase.Sqlite)
        {
            var file = new SqliteConnectionStringBuilder(Database.ConnectionString).DataSource;
            foreach (var path in new[] { file, file + "-wal" }.Where(File.Exists))
            {
                var bytes = await ReadSharedAsync(path);
                Assert.Equal(-1, bytes.AsSpan().IndexOf(Encoding.UTF8.GetBytes(Marker)));
            }
        }
    }

    private static async Task<byte[]> ReadSharedAsync(string path)
    {
        await using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        using var buffer = new MemoryStream();
        await stream.CopyToAsync(buffer, Ct);
        return buffer.ToArray();
    }
}
