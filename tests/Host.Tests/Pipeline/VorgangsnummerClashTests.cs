using EfaGateway.Core.Deliveries;
using EfaGateway.Core.Ports;
using EfaGateway.Core.Submissions;
using EfaGateway.Host.Tests.Support;
using EfaGateway.Persistence.Stores;
using Microsoft.Extensions.DependencyInjection;

namespace EfaGateway.Host.Tests.Pipeline;

/// <summary>A drawn Vorgangsnummer that is already taken costs the citizen nothing: intake draws another.</summary>
public sealed class VorgangsnummerClashTests : IDisposable
{
    private readonly ClashLog clashes = new();
    private readonly GatewayFactory factory;

    public VorgangsnummerClashTests() => factory = new(configureServices: services =>
        services.AddScoped<ISubmissionStore>(sp => new ClashingOnceStore(ActivatorUtilities.CreateInstance<SubmissionStore>(sp), clashes)));

    [Fact]
    public async Task A_taken_number_is_replaced_by_a_fresh_one_and_the_application_is_accepted_once()
    {
        using var client = factory.CreateClient();

        var accepted = await DemoApplication.SubmitAsync(client);

        Assert.Equal(1, clashes.Count);
        await using var scope = factory.Services.CreateAsyncScope();
        var ids = await scope.ServiceProvider.GetRequiredService<ISubmissionStore>().ListUnpurgedAsync(10, CancellationToken.None);
        Assert.Equal(accepted.Id, Assert.Single(ids));
        var stored = await scope.ServiceProvider.GetRequiredService<ISubmissionStore>().FindAsync(accepted.Id, CancellationToken.None);
        Assert.NotNull(stored);
        Assert.Equal(accepted.Vorgangsnummer, stored.Vorgangsnummer);
        Assert.NotEqual(clashes.RefusedNumber, stored.Vorgangsnummer);
    }

    public void Dispose() => factory.Dispose();

    /// <summary>Refuses the first number it is given, as the database would if the tenant already had it.</summary>
    private sealed class ClashingOnceStore(SubmissionStore inner, ClashLog log) : ISubmissionStore
    {
        public Task AddAsync(Submission submission, IReadOnlyList<Delivery> deliveries, CancellationToken cancellationToken)
        {
            if (log.Count == 0)
            {
                log.Count++;
                log.RefusedNumber = submission.Vorgangsnummer;
                throw new DuplicateVorgangsnummerException();
            }

            return inner.AddAsync(submission, deliveries, cancellationToken);
        }

        public Task<Submission?> FindAsync(Guid id, CancellationToken cancellationToken) => inner.FindAsync(id, cancellationToken);

        public Task<Submission?> FindByVorgangsnummerAsync(string tenantId, string vorgangsnummer, CancellationToken cancellationToken) =>
            inner.FindByVorgangsnummerAsync(tenantId, vorgangsnummer, cancellationToken);

        public Task<IReadOnlySet<Guid>> FindExistingAsync(IReadOnlyCollection<Guid> ids, CancellationToken cancellationToken) =>
            inner.FindExistingAsync(ids, cancellationToken);

        public Task<Submission?> FindByIdempotencyKeyAsync(string tenantId, string idempotencyKey, CancellationToken cancellationToken) =>
            inner.FindByIdempotencyKeyAsync(tenantId, idempotencyKey, cancellationToken);

        public Task SaveAsync(Submission submission, CancellationToken cancellationToken) => inner.SaveAsync(submission, cancellationToken);

        public Task<IReadOnlyList<Guid>> ListUnpurgedAsync(int max, CancellationToken cancellationToken) => inner.ListUnpurgedAsync(max, cancellationToken);
    }

    private sealed class ClashLog
    {
        public int Count { get; set; }

        public string? RefusedNumber { get; set; }
    }
}
