using EfaGateway.Core.Ports;
using EfaGateway.Host.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace EfaGateway.Host.Tests.FaultMatrix;

/// <summary>One host whose database and blob store fail when a <see cref="StorageFaultPlan"/> says so.</summary>
public sealed class StorageFaultGateway : IDisposable
{
    public StorageFaultGateway() => Factory = new GatewayFactory(DeliveryDriver.RetrySettings(), services =>
    {
        services.AddSingleton(Plan);
        services.Decorate<IBlobStore>((sp, inner) => new FaultyBlobStore(inner, Plan));
        services.Decorate<IDeliveryStore>((sp, inner) => new FaultyDeliveryStore(inner, Plan));
    });

    public StorageFaultPlan Plan { get; } = new();

    public GatewayFactory Factory { get; }

    public void Dispose() => Factory.Dispose();
}

/// <summary>
/// The fault matrix for the Postkorb: its steps are writes to the gateway's own database and blob store, so its faults
/// are storage errors (database refused, timed out or reset; blob file system full or reset; slow). Each ends with
/// exactly one complete Postkorb item for the application, and the backoff visible in the delivery record. A store
/// has no "malformed answer"; that column does not apply.
/// </summary>
public sealed class PostkorbFaultMatrixTests(StorageFaultGateway gateway) : IClassFixture<StorageFaultGateway>
{
    private readonly GatewayFactory factory = gateway.Factory;

    public static TheoryData<StorageStep, MatrixFault> Cases()
    {
        var data = new TheoryData<StorageStep, MatrixFault>();
        foreach (var step in Enum.GetValues<StorageStep>())
        {
            foreach (var fault in new[] { MatrixFault.ServerError, MatrixFault.Timeout, MatrixFault.ConnectionReset, MatrixFault.Slow })
            {
                data.Add(step, fault);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task A_storage_fault_while_handing_over_to_the_postkorb_is_retried_with_backoff_and_leaves_one_item(StorageStep step, MatrixFault fault)
    {
        var driver = await SubmitAsync();
        gateway.Plan.Arm(step, fault);

        var record = await driver.RunAsync();

        Assert.True(record.State == "Confirmed", $"{record.State}: {record.LastError}");
        driver.AssertBackoff(fault == MatrixFault.Slow ? [] : [ExpectedReason(step, fault)], DemoApplication.Distinctive);
        await AssertOneCompleteItemAsync(record);
    }

    [Fact]
    public async Task A_database_that_stays_down_dead_letters_the_delivery_after_the_last_attempt_with_a_readable_reason()
    {
        var driver = await SubmitAsync();
        gateway.Plan.Arm(StorageStep.RecordOutcome, MatrixFault.ServerError, times: DeliveryDriver.MaxAttempts);

        var record = await driver.RunAsync();

        Assert.Equal("DeadLettered", record.State);
        Assert.Equal(DeliveryDriver.MaxAttempts, record.Attempts);
        Assert.Null(record.NextAttemptAt);
        Assert.Equal($"Gave up after {DeliveryDriver.MaxAttempts} attempts. Last error: Unexpected error in the gateway (NpgsqlException caused by SocketException).",
            record.LastError);
        driver.AssertBackoff([.. Enumerable.Repeat("NpgsqlException", DeliveryDriver.MaxAttempts - 1)], DemoApplication.Distinctive);
        await using var scope = factory.Services.CreateAsyncScope();
        var items = await scope.ServiceProvider.GetRequiredService<IPostkorbStore>().ListAsync(DemoApplication.Tenant, DemoApplication.Process, CancellationToken.None);
        Assert.DoesNotContain(items, i => i.DeliveryId == record.Id);
    }

    /// <summary>
    /// What the record names: the exception types of the storage fault. When the item and outcome could not be saved
    /// together, the worker records the attempt as failed from the stored row, so that names the cause too.
    /// </summary>
    private static string ExpectedReason(StorageStep step, MatrixFault fault) =>
        "Unexpected error in the gateway (" + string.Join(" caused by ", Causes(StorageFaultPlan.ExceptionFor(step, fault))) + ").";

    private static IEnumerable<string> Causes(Exception? exception)
    {
        for (; exception is not null; exception = exception.InnerException)
        {
            yield return exception.GetType().Name;
        }
    }

    private async Task<DeliveryDriver> SubmitAsync()
    {
        using var client = factory.CreateClient();
        var accepted = await DemoApplication.SubmitAsync(client);
        return new DeliveryDriver(factory, accepted.Id, DemoApplication.Tenant);
    }

    /// <summary>Exactly one Postkorb item for the delivery, under the recorded id, with every file readable.</summary>
    private async Task AssertOneCompleteItemAsync(EfaGateway.Host.Api.DeliveryDto record)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var items = await scope.ServiceProvider.GetRequiredService<IPostkorbStore>().ListAsync(DemoApplication.Tenant, DemoApplication.Process, CancellationToken.None);
        var item = Assert.Single(items, i => i.DeliveryId == record.Id);
        Assert.Equal(record.ExternalIds["postkorb.itemId"], item.Id.ToString("D"));
        Assert.Equal(3, item.Files.Count); // PDF, XML and the upload
        var blobs = scope.ServiceProvider.GetRequiredService<IBlobStore>();
        foreach (var file in item.Files)
        {
            Assert.Equal((long?)file.Size, (await blobs.GetAsync(file.BlobKey, CancellationToken.None))?.LongLength);
        }
    }
}
