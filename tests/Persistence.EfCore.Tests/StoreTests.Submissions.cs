using EfaGateway.Core.Ports;
using EfaGateway.Core.Processes;
using EfaGateway.Core.Tenants;
using Microsoft.EntityFrameworkCore;

namespace EfaGateway.Persistence.Tests;

public abstract partial class StoreTests
{
    [Fact]
    public async Task A_tenant_process_round_trips_with_its_routes_and_retention()
    {
        var catalog = Catalog;
        await catalog.AddTenantAsync(new Tenant(TestData.TenantId, "Stadt Musterstadt", TestData.Now), Ct);
        await catalog.AddProcessDefinitionAsync(ProcessDefinitionJson.Parse(TestData.ProcessJson), TestData.ProcessJson, Ct);
        RouteDefinition[] routes = [new() { TransportId = "fitconnect", MapperIds = ["xbau", "pdf"], FallbackTransportId = "postkorb" }];

        await catalog.EnableProcessAsync(TestData.TenantId, TestData.ProcessId, "1.0", routes, 60, Ct);
        var found = await Catalog.FindTenantProcessAsync(TestData.TenantId, TestData.ProcessId, Ct);

        Assert.NotNull(found);
        Assert.Equal("Stadt Musterstadt", found.TenantName);
        Assert.Equal("1.0", found.Process.Version);
        Assert.Equal("name", Assert.Single(found.Process.AllFields).Id);
        var route = Assert.Single(found.Routes);
        Assert.Equal("fitconnect", route.TransportId);
        Assert.Equal(["xbau", "pdf"], route.MapperIds);
        Assert.Equal("postkorb", route.FallbackTransportId);
        Assert.Equal(60, found.PostkorbRetentionDays);
        Assert.Equal("Stadt Musterstadt", (await Catalog.FindTenantAsync(TestData.TenantId, Ct))?.Name);
        Assert.Null(await Catalog.FindTenantProcessAsync(TestData.TenantId, "unbekannt", Ct));
    }

    [Fact]
    public async Task Enabling_a_process_again_reconfigures_it()
    {
        await Catalog.AddTenantAsync(new Tenant(TestData.TenantId, "Musterstadt", TestData.Now), Ct);
        await Catalog.AddProcessDefinitionAsync(ProcessDefinitionJson.Parse(TestData.ProcessJson), TestData.ProcessJson, Ct);
        await Catalog.EnableProcessAsync(TestData.TenantId, TestData.ProcessId, "1.0", [new() { TransportId = "xta", MapperIds = ["xml"] }], 90, Ct);

        await Catalog.EnableProcessAsync(TestData.TenantId, TestData.ProcessId, "1.0", [new() { TransportId = "postkorb", MapperIds = ["pdf"] }], 30, Ct);

        var enabled = Assert.Single(await Catalog.ListTenantProcessesAsync(TestData.TenantId, Ct));
        Assert.Equal("postkorb", Assert.Single(enabled.Routes).TransportId);
        Assert.Equal(30, enabled.PostkorbRetentionDays);
    }

    [Fact]
    public async Task Storing_the_same_process_version_twice_is_an_error()
    {
        var definition = ProcessDefinitionJson.Parse(TestData.ProcessJson);
        await Catalog.AddProcessDefinitionAsync(definition, TestData.ProcessJson, Ct);

        await Assert.ThrowsAsync<InvalidOperationException>(() => Catalog.AddProcessDefinitionAsync(definition, TestData.ProcessJson, Ct));
    }

    [Fact]
    public async Task Enabling_a_process_for_an_unknown_tenant_or_version_is_an_error()
    {
        await Catalog.AddProcessDefinitionAsync(ProcessDefinitionJson.Parse(TestData.ProcessJson), TestData.ProcessJson, Ct);
        await Assert.ThrowsAsync<InvalidOperationException>(() =>
            Catalog.EnableProcessAsync("niemandsland", TestData.ProcessId, "1.0", [], 90, Ct));

        await Catalog.AddTenantAsync(new Tenant(TestData.TenantId, "Musterstadt", TestData.Now), Ct);
        await Assert.ThrowsAsync<InvalidOperationException>(() =>
            Catalog.EnableProcessAsync(TestData.TenantId, TestData.ProcessId, "9.9", [], 90, Ct));
    }

    [Fact]
    public async Task Submission_and_its_deliveries_are_written_in_one_transaction()
    {
        var submission = TestData.Submission(attachments: 2);
        var deliveries = new[] { TestData.Delivery(submission), TestData.Delivery(submission, transportId: "postkorb") };

        await Submissions.AddAsync(submission, deliveries, Ct);

        var found = await Submissions.FindAsync(submission.Id, Ct);
        Assert.NotNull(found);
        Assert.Equal(submission.Vorgangsnummer, found.Vorgangsnummer);
        Assert.Equal(submission.DataJson, found.DataJson);
        Assert.Equal(submission.DataSha256, found.DataSha256);
        Assert.Equal(submission.ReceivedAt, found.ReceivedAt);
        Assert.Equal(submission.Attachments.Select(a => (a.Id, a.FileName, a.BlobKey, a.Size)),
            found.Attachments.OrderBy(a => a.Size).Select(a => (a.Id, a.FileName, a.BlobKey, a.Size)));
        var stored = await Deliveries.ListForSubmissionAsync(submission.Id, Ct);
        Assert.Equal(deliveries.Select(d => d.Id).Order(), stored.Select(d => d.Id).Order());
        Assert.Equal(submission.Id, (await Submissions.FindByVorgangsnummerAsync(TestData.TenantId, submission.Vorgangsnummer, Ct))?.Id);
        Assert.Null(await Submissions.FindByVorgangsnummerAsync("andere-stadt", submission.Vorgangsnummer, Ct));
    }

    [Fact]
    public async Task A_Vorgangsnummer_taken_in_the_tenant_is_reported_as_such_and_nothing_is_stored()
    {
        var first = TestData.Submission();
        await Submissions.AddAsync(first, [TestData.Delivery(first)], Ct);
        var clash = TestData.Submission(vorgangsnummer: first.Vorgangsnummer);
        var clashDelivery = TestData.Delivery(clash);

        await Assert.ThrowsAsync<DuplicateVorgangsnummerException>(() => Submissions.AddAsync(clash, [clashDelivery], Ct));

        Assert.Null(await Submissions.FindAsync(clash.Id, Ct));
        Assert.Null(await Deliveries.FindAsync(clashDelivery.Id, Ct));
    }

    [Fact]
    public async Task A_failure_writing_the_deliveries_stores_nothing_of_the_submission()
    {
        var first = TestData.Submission();
        var firstDelivery = TestData.Delivery(first);
        await Submissions.AddAsync(first, [firstDelivery], Ct);

        // The second delivery reuses an existing id: its insert fails after the submission's insert was sent.
        var second = TestData.Submission(attachments: 3);
        await Assert.ThrowsAnyAsync<DbUpdateException>(() =>
            Submissions.AddAsync(second, [TestData.Delivery(second), TestData.Delivery(second, id: firstDelivery.Id)], Ct));

        Assert.Null(await Submissions.FindAsync(second.Id, Ct));
        Assert.Empty(await Deliveries.ListForSubmissionAsync(second.Id, Ct));
        Assert.Equal([first.Id], await Submissions.ListUnpurgedAsync(10, Ct));
        var db = InNewScope<GatewayDbContext>();
        Assert.Equal(1, await db.Submissions.SelectMany(s => s.Attachments).CountAsync(Ct));
        Assert.Equal(1, await db.Deliveries.CountAsync(Ct));
    }

    [Fact]
    public async Task A_vorgangsnummer_is_unique_within_a_tenant()
    {
        var first = TestData.Submission(vorgangsnummer: "2026-ABCD-EFG7");
        await Submissions.AddAsync(first, [], Ct);

        await Assert.ThrowsAsync<DuplicateVorgangsnummerException>(() =>
            Submissions.AddAsync(TestData.Submission(vorgangsnummer: "2026-ABCD-EFG7"), [], Ct));
        await Submissions.AddAsync(TestData.Submission(vorgangsnummer: "2026-ABCD-EFG7", tenantId: "andere-stadt"), [], Ct);
    }

    [Fact]
    public async Task A_purged_submission_keeps_only_its_minimal_record()
    {
        var submission = TestData.Submission(attachments: 2);
        await Submissions.AddAsync(submission, [TestData.Delivery(submission)], Ct);
        var loaded = (await Submissions.FindAsync(submission.Id, Ct))!;

        loaded.PurgePersonalData(TestData.Now.AddDays(1));
        await Submissions.SaveAsync(loaded, Ct);

        var purged = (await Submissions.FindAsync(submission.Id, Ct))!;
        Assert.True(purged.IsPurged);
        Assert.Null(purged.DataJson);
        Assert.Equal(TestData.Now.AddDays(1), purged.PersonalDataPurgedAt);
        Assert.Equal(submission.DataSha256, purged.DataSha256);
        Assert.Equal(2, purged.Attachments.Count);
        Assert.All(purged.Attachments, a => Assert.Null(a.FileName));
        Assert.All(purged.Attachments, a => Assert.Equal(new string('a', 64), a.Sha256));
        Assert.Empty(await Submissions.ListUnpurgedAsync(10, Ct));
    }

    [Fact]
    public async Task Unpurged_submissions_are_listed_oldest_first_up_to_the_maximum()
    {
        var newer = TestData.Submission(TestData.Now);
        var oldest = TestData.Submission(TestData.Now.AddDays(-2));
        var older = TestData.Submission(TestData.Now.AddDays(-1));
        foreach (var submission in new[] { newer, oldest, older })
        {
            await Submissions.AddAsync(submission, [], Ct);
        }

        Assert.Equal([oldest.Id, older.Id], await Submissions.ListUnpurgedAsync(2, Ct));
    }
}
