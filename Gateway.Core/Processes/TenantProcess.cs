namespace EfaGateway.Core.Processes;

/// <summary>A process enabled for a tenant, with the tenant's routes and retention settings.</summary>
public sealed record TenantProcess
{
    public required string TenantId { get; init; }

    public required string TenantName { get; init; }

    /// <summary>The tenant's contract has ended (<c>Tenant.ClosedAt</c>): no new applications, open deliveries still finish.</summary>
    public bool TenantClosed { get; init; }

    /// <summary>The tenant's own mail sender (<c>TenantProfile.MailSenderAddress</c>/<c>Name</c>), if it has one.</summary>
    public string? TenantMailSenderAddress { get; init; }

    public string? TenantMailSenderName { get; init; }

    public required ProcessDefinition Process { get; init; }

    public required IReadOnlyList<RouteDefinition> Routes { get; init; }

    /// <summary>Days after handover to the Postkorb after which the item is deleted (service description: 90).</summary>
    public int PostkorbRetentionDays { get; init; } = 90;
}
