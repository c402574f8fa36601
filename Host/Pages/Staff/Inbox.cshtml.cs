using EfaGateway.Core.Ports;
using EfaGateway.Core.Postkorb;
using EfaGateway.Host.Staff;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace EfaGateway.Host.Pages.Staff;

/// <summary>
/// The inbox: one table per process granted to the staff member, newest first, filtered by process and by new/fetched
/// with plain links (no script). A process that is not granted — or does not exist — is a 404, so the filter reveals nothing.
/// </summary>
[Authorize(Policy = StaffPolicies.Member)]
public sealed class InboxModel(ICatalogStore catalog, StaffPostkorb postkorb) : StaffPageModel(catalog)
{
    public const string New = "neu";
    public const string Fetched = "abgerufen";

    [FromQuery(Name = "verfahren")]
    public string? ProcessFilter { get; set; }

    [FromQuery(Name = "status")]
    public string? StatusFilter { get; set; }

    public IReadOnlyList<InboxProcess> Processes { get; private set; } = [];

    public IReadOnlyList<InboxSection> Sections { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (await LoadTenantAsync(cancellationToken) is { } early)
        {
            return early;
        }

        Processes = await postkorb.ProcessesAsync(User, Tenant, English, cancellationToken);
        if (ProcessFilter is { Length: > 0 } && Processes.All(p => p.Id != ProcessFilter))
        {
            return NotFound();
        }

        if (StatusFilter is not (New or Fetched))
        {
            StatusFilter = null;
        }

        var sections = new List<InboxSection>();
        foreach (var process in Processes.Where(p => ProcessFilter is not { Length: > 0 } || p.Id == ProcessFilter))
        {
            var items = (await postkorb.ItemsAsync(Tenant, process.Id, cancellationToken))
                .Where(i => StatusFilter is null || (StatusFilter == New) == (i.FirstFetchedAt is null))
                .ToList();
            sections.Add(new InboxSection(process, items));
        }

        Sections = sections;
        return Page();
    }

    /// <summary>The inbox address with these filters (null: all).</summary>
    public string Link(string? process, string? status)
    {
        var query = new List<string>();
        if (process is not null)
        {
            query.Add("verfahren=" + Uri.EscapeDataString(process));
        }

        if (status is not null)
        {
            query.Add("status=" + status);
        }

        return StaffRoutes.Inbox(Tenant) + (query.Count == 0 ? string.Empty : "?" + string.Join('&', query));
    }

    public string? CurrentProcess => ProcessFilter is { Length: > 0 } ? ProcessFilter : null;

    public string ItemLink(PostkorbItem item) => StaffRoutes.Item(Tenant, item.Id);

    public string Time(DateTimeOffset at) => StaffFormat.Time(at, English);

    public string Date(DateTimeOffset at) => StaffFormat.Date(at, English);
}

/// <summary>One process's table in the inbox.</summary>
public sealed record InboxSection(InboxProcess Process, IReadOnlyList<PostkorbItem> Items);
