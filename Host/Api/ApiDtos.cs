using EfaGateway.Core.Deliveries;
using EfaGateway.Core.Postkorb;

namespace EfaGateway.Host.Api;

/// <summary>The request body of a submission (documented for OpenAPI; read by <see cref="SubmissionRequestReader"/>).</summary>
public sealed record SubmissionRequestDto(IDictionary<string, object?> Data, IReadOnlyList<AttachmentDto>? Attachments);

public sealed record AttachmentDto(string Field, string FileName, string MediaType, string Content);

public sealed record SubmissionAcceptedDto(Guid Id, string Vorgangsnummer, DateTimeOffset ReceivedAt, string Status);

public sealed record SubmissionStatusDto(Guid Id, string Vorgangsnummer, string Process, DateTimeOffset ReceivedAt,
    DateTimeOffset? PersonalDataDeletedAt, IReadOnlyList<DeliveryDto> Deliveries);

public sealed record DeliveryDto(Guid Id, Guid SubmissionId, string Transport, string State, int Attempts, DateTimeOffset? NextAttemptAt,
    DateTimeOffset? LastAttemptAt, string? LastError, DateTimeOffset? DeliveredAt, DateTimeOffset? ConfirmedAt,
    DateTimeOffset? DeadLetteredAt, Guid? FallbackFor, Guid? FallbackDelivery, IReadOnlyDictionary<string, string> ExternalIds,
    string? ReceiptNote, DateTimeOffset? ReceiptCheckedAt)
{
    public static DeliveryDto From(Delivery d) => new(d.Id, d.SubmissionId, d.TransportId, d.State.ToString(), d.AttemptCount, d.NextAttemptAt,
        d.LastAttemptAt, d.LastError, d.DeliveredAt, d.ConfirmedAt, d.DeadLetteredAt, d.FallbackForDeliveryId, d.FallbackDeliveryId, d.ExternalIds,
        d.ReceiptNote, d.ReceiptCheckedAt);
}

public sealed record PostkorbItemDto(Guid Id, string Vorgangsnummer, string Process, DateTimeOffset ProvidedAt, DateTimeOffset DeleteAt,
    DateTimeOffset? FetchedAt, string? FetchedBy, IReadOnlyList<PostkorbFileDto> Files)
{
    public static PostkorbItemDto From(PostkorbItem item, string tenant) => new(item.Id, item.Vorgangsnummer, item.ProcessId, item.ProvidedAt,
        item.DeleteAt, item.FirstFetchedAt, item.FirstFetchedBy,
        item.Files.Select((f, i) => new PostkorbFileDto(i, f.Name, f.MediaType, f.Size, f.Sha256,
            $"/api/v1/tenants/{tenant}/postkorb/{item.Id}/files/{i}")).ToList());
}

public sealed record PostkorbFileDto(int Index, string Name, string MediaType, long Size, string Sha256, string Href);

public sealed record TenantDto(string Id, string Name, DateTimeOffset CreatedAt, DateTimeOffset? ClosedAt, string? Ags, string? Ars,
    string? ContactName, string? ContactEmail, string? ContactPhone, string? MailSenderAddress, string? MailSenderName, bool HasLogo)
{
    public static TenantDto From(Core.Tenants.Tenant t) => new(t.Id, t.Name, t.CreatedAt, t.ClosedAt, t.Profile.Ags, t.Profile.Ars,
        t.Profile.ContactName, t.Profile.ContactEmail, t.Profile.ContactPhone, t.Profile.MailSenderAddress, t.Profile.MailSenderName,
        t.LogoMediaType is not null);
}

public sealed record TenantOverviewDto(TenantDto Tenant, IReadOnlyList<Admin.TenantProcessOverview> Processes)
{
    public static TenantOverviewDto From(Admin.TenantOverview overview) => new(TenantDto.From(overview.Tenant), overview.Processes);
}
