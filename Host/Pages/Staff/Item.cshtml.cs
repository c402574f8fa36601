using EfaGateway.Core.Ports;
using EfaGateway.Core.Postkorb;
using EfaGateway.Host.Staff;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace EfaGateway.Host.Pages.Staff;

/// <summary>
/// One Postkorb item: its metadata and files, with links to download each file, all as one ZIP, or the xdomea export.
/// 404 alike for an unknown item, another tenant's, and one of a process not granted: existence is not revealed.
/// </summary>
[Authorize(Policy = StaffPolicies.Member)]
public sealed class ItemModel(ICatalogStore catalog, StaffPostkorb postkorb) : StaffPageModel(catalog)
{
    [FromRoute]
    public Guid Id { get; set; }

    public PostkorbItem Item { get; private set; } = null!;

    public InboxProcess Process { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (await LoadTenantAsync(cancellationToken) is { } early)
        {
            return early;
        }

        if (await postkorb.OpenAsync(User, Tenant, Id, cancellationToken) is not { } item)
        {
            return NotFound();
        }

        Item = item;
        Process = (await postkorb.ProcessesAsync(User, Tenant, English, cancellationToken)).Single(p => p.Id == item.ProcessId);
        return Page();
    }

    public string Self => StaffRoutes.Item(Tenant, Id);

    public string Time(DateTimeOffset at) => StaffFormat.Time(at, English);

    public string Date(DateTimeOffset at) => StaffFormat.Date(at, English);

    public string Size(long bytes) => StaffFormat.Size(bytes, English);
}
