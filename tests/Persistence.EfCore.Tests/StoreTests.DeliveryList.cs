using EfaGateway.Core.Deliveries;
using EfaGateway.Core.Ports;

namespace EfaGateway.Persistence.Tests;

public abstract partial class StoreTests
{
    private ITenantDataStore TenantData => InNewScope<ITenantDataStore>();

    [Fact]
    public async Task The_delivery_list_pages_by_id_in_creation_order_without_repeating_or_skipping_any()
    {
        var submission = TestData.Submission();
        // UUIDv7 ids, as the gateway creates them: id order is creation order.
        var deliveries = Enumerable.Range(0, 7)
            .Select(i => TestData.Delivery(submission, TestData.Now.AddSeconds(i), id: Guid.CreateVersion7(TestData.Now.AddSeconds(i))))
            .ToList();
        await Submissions.AddAsync(submission, deliveries, Ct);

        var seen = new List<Guid>();
        Guid? after = null;
        var pages = 0;
        while (true)
        {
            var page = await TenantData.ListDeliveriesAsync(TestData.TenantId, new DeliveryListQuery(null, null, after, 3), Ct);
            pages++;
            seen.AddRange(page.Select(d => d.Id));
            if (page.Count < 3)
            {
                break;
            }

            after = page[^1].Id;
        }

        Assert.Equal(3, pages);
        Assert.Equal(deliveries.Select(d => d.Id), seen);
    }

    [Fact]
    public async Task The_delivery_list_filters_by_state_and_creation_time_in_the_database()
    {
        var submission = TestData.Submission();
        var early = TestData.Delivery(submission, TestData.Now.AddMinutes(-10), id: Guid.CreateVersion7(TestData.Now.AddMinutes(-10)));
        var late = TestData.Delivery(submission, TestData.Now, id: Guid.CreateVersion7(TestData.Now));
        var other = TestData.Submission(tenantId: "anderstadt");
        await Submissions.AddAsync(submission, [early, late], Ct);
        await Submissions.AddAsync(other, [TestData.Delivery(other)], Ct);
        Assert.Equal(early.Id, (await Deliveries.ClaimNextDueAsync("worker-a", TestData.Now, Lease, Ct))?.Id);

        var inFlight = await TenantData.ListDeliveriesAsync(TestData.TenantId, new DeliveryListQuery(DeliveryState.InFlight, null, null, 10), Ct);
        var recent = await TenantData.ListDeliveriesAsync(TestData.TenantId, new DeliveryListQuery(null, TestData.Now.AddMinutes(-1), null, 10), Ct);
        var none = await TenantData.ListDeliveriesAsync(TestData.TenantId, new DeliveryListQuery(DeliveryState.InFlight, TestData.Now.AddMinutes(-1), null, 10), Ct);
        var all = await TenantData.ListDeliveriesAsync(TestData.TenantId, new DeliveryListQuery(null, null, null, 10), Ct);

        Assert.Equal(early.Id, Assert.Single(inFlight).Id);
        Assert.Equal(late.Id, Assert.Single(recent).Id);
        Assert.Empty(none);
        Assert.Equal([early.Id, late.Id], all.Select(d => d.Id)); // the other tenant's delivery is not listed
    }
}
