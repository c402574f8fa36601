using EfaGateway.Core.Ports;
using EfaGateway.Host.Admin;
using EfaGateway.Host.Composition;
using EfaGateway.Host.Staff;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace EfaGateway.Host.Pages.Staff;

/// <summary>
/// The tenant's Postkorb entry: the sign-in form for anyone not signed in as staff of this tenant, else the processes
/// the staff member may see, each with its count of new items, a link to its part of the inbox, and the entry link citizens
/// use (issue 6 point 8). A session of another tenant counts as not signed in here.
/// </summary>
[AllowAnonymous]
[EnableRateLimiting(Host.Forms.RateLimits.Pin)]
public sealed class IndexModel(ICatalogStore catalog, StaffAccounts accounts, StaffPostkorb postkorb, IOptions<StaffOptions> options, IOptions<GatewayOptions> gateway)
    : StaffPageModel(catalog)
{
    [BindProperty]
    public string UserId { get; set; } = string.Empty;

    [BindProperty]
    public string Password { get; set; } = string.Empty;

    public bool SignedIn { get; private set; }

    public string DisplayName { get; private set; } = string.Empty;

    public bool IsAdministrator { get; private set; }

    public IReadOnlyList<LandingProcess> Processes { get; private set; } = [];

    public string InboxLink => StaffRoutes.Inbox(Tenant);

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (await LoadTenantAsync(cancellationToken) is { } early)
        {
            return early;
        }

        var session = await HttpContext.AuthenticateAsync(StaffAuthentication.Scheme);
        if (session.Principal is { } principal && StaffPrincipal.IsStaffOf(principal, Tenant))
        {
            SignedIn = true;

            // The sign-out form's antiforgery token must belong to this session, as the sign-out page sees it.
            HttpContext.User = principal;
            DisplayName = principal.FindFirst(StaffClaims.DisplayName)?.Value ?? StaffPrincipal.Login(principal);
            IsAdministrator = StaffPrincipal.IsAdministratorOf(principal, Tenant);
            var site = EntryLinks.Base(gateway.Value.PublicBaseUrl, new Uri($"{Request.Scheme}://{Request.Host}/"));
            var processes = new List<LandingProcess>();
            foreach (var process in await postkorb.ProcessesAsync(principal, Tenant, English, cancellationToken))
            {
                var newItems = (await postkorb.ItemsAsync(Tenant, process.Id, cancellationToken)).Count(i => i.FirstFetchedAt is null);
                processes.Add(new LandingProcess(process.Id, process.Title, newItems, EntryLinks.For(site, Tenant, process.Id)));
            }

            Processes = processes;
        }

        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (await LoadTenantAsync(cancellationToken) is { } early)
        {
            return early;
        }

        var outcome = string.IsNullOrWhiteSpace(UserId) || string.IsNullOrEmpty(Password)
            ? SignInOutcome.Failed
            : await accounts.SignInAsync(Tenant, UserId, Password, cancellationToken);
        switch (outcome)
        {
            case SignInOutcome.SignedIn:
                return Redirect(Home);
            case SignInOutcome.NeedsCode:
                return Redirect(Home + "/anmelden/code");
            case SignInOutcome.LockedOut:
                var minutes = (int)Math.Ceiling(options.Value.LockoutPeriod.TotalMinutes);
                AddError("UserId", T($"Zu viele fehlgeschlagene Anmeldungen. Das Konto ist für {minutes} Minuten gesperrt.",
                    $"Too many failed sign-ins. The account is locked for {minutes} minutes."));
                break;
            default:
                AddError("UserId", T("Benutzerkennung oder Passwort ist falsch, oder das Konto ist nicht aktiv.",
                    "The user id or password is wrong, or the account is not active."));
                break;
        }

        Password = string.Empty;
        return Page();
    }
}

/// <summary>A process on the landing page: its count of new items and the address citizens use.</summary>
public sealed record LandingProcess(string Id, string Title, int NewItems, Uri EntryLink);
