using EfaGateway.Core.Audit;
using EfaGateway.Core.Ports;
using EfaGateway.Host.Security;
using EfaGateway.Host.Staff;
using Microsoft.AspNetCore.Http.HttpResults;

namespace EfaGateway.Host.Api;

/// <summary>
/// The operator's side of a tenant's staff (<c>/api/v1/admin/tenants/{tenant}/staff</c>): who is authorised for which
/// process (the list the service description promises on request), invitations, rights, deactivation, forced reset,
/// and the tenant's audit log. Operator keys only.
/// </summary>
public static class StaffAdminApi
{
    private const string Actor = "operator (admin API)";

    public static RouteGroupBuilder MapStaffAdminApi(this RouteGroupBuilder api)
    {
        var staff = api.MapGroup("/admin/tenants/{tenant}").WithTags("Administration: staff").RequireAuthorization(OperatorApiKeyAuthentication.Policy);
        staff.MapGet("/staff", ListAsync).WithSummary("The tenant's staff with their processes (no password data).");
        staff.MapPost("/staff", InviteAsync).WithSummary("Invite a staff member: a one-time link to set the password goes out by e-mail.");
        staff.MapPost("/staff/{login}/deactivate", (string tenant, string login, StaffAdministration a, CancellationToken ct) =>
            RunAsync(() => a.DeactivateAsync(tenant, login, Actor, ct))).WithSummary("Deactivate: no sign-in, open sessions end.");
        staff.MapPost("/staff/{login}/reactivate", (string tenant, string login, StaffAdministration a, CancellationToken ct) =>
            RunAsync(() => a.ReactivateAsync(tenant, login, Actor, ct))).WithSummary("Reactivate a deactivated staff member.");
        staff.MapPut("/staff/{login}/processes/{process}", (string tenant, string login, string process, StaffAdministration a, CancellationToken ct) =>
            RunAsync(() => a.GrantProcessAsync(tenant, login, process, Actor, ct))).WithSummary("Grant access to a process.");
        staff.MapDelete("/staff/{login}/processes/{process}", (string tenant, string login, string process, StaffAdministration a, CancellationToken ct) =>
            RunAsync(() => a.RevokeProcessAsync(tenant, login, process, Actor, ct))).WithSummary("Revoke access to a process.");
        staff.MapPut("/staff/{login}/administrator", (string tenant, string login, AdministratorInput input, StaffAdministration a, CancellationToken ct) =>
            RunAsync(() => a.SetAdministratorAsync(tenant, login, input.IsAdministrator, Actor, ct))).WithSummary("Make or unmake a tenant administrator.");
        staff.MapPost("/staff/{login}/reset", ResetAsync).WithSummary("Force a password reset (and optionally the second factor).");
        staff.MapGet("/audit", AuditAsync).WithSummary("The tenant's audit log, newest first (page from 1).");
        return api;
    }

    internal static async Task<Results<Ok<IReadOnlyList<StaffMemberView>>, ProblemHttpResult>> ListAsync(
        string tenant, ICatalogStore catalog, StaffAdministration administration, CancellationToken cancellationToken) =>
        await catalog.FindTenantAsync(tenant, cancellationToken) is null
            ? Problems.TenantNotFound(tenant)
            : TypedResults.Ok(await administration.ListAsync(tenant, cancellationToken));

    internal static async Task<Results<Created<InvitationDto>, ProblemHttpResult>> InviteAsync(string tenant, NewStaffMember member,
        StaffAdministration administration, HttpContext context, CancellationToken cancellationToken)
    {
        try
        {
            var invitation = await administration.InviteAsync(tenant, member with { ProcessIds = member.ProcessIds ?? [] }, Actor, Problems.RequestBase(context),
                cancellationToken);
            return TypedResults.Created($"/api/v1/admin/tenants/{tenant}/staff", InvitationDto.From(invitation));
        }
        catch (StaffAdministrationException ex)
        {
            return Refusal(ex);
        }
    }

    internal static async Task<Results<Ok<InvitationDto>, ProblemHttpResult>> ResetAsync(string tenant, string login, ResetInput? input,
        StaffAdministration administration, HttpContext context, CancellationToken cancellationToken)
    {
        try
        {
            var invitation = await administration.ForceResetAsync(tenant, login, input?.ResetSecondFactor == true, Actor, Problems.RequestBase(context), cancellationToken);
            return TypedResults.Ok(InvitationDto.From(invitation));
        }
        catch (StaffAdministrationException ex)
        {
            return Refusal(ex);
        }
    }

    internal static async Task<Results<Ok<AuditPage>, ProblemHttpResult>> AuditAsync(string tenant, int? page, ICatalogStore catalog, IAuditLog audit,
        CancellationToken cancellationToken)
    {
        if (await catalog.FindTenantAsync(tenant, cancellationToken) is null)
        {
            return Problems.TenantNotFound(tenant);
        }

        return page is < 1
            ? Problems.Malformed("Seiten beginnen bei 1. (Pages start at 1.)")
            : TypedResults.Ok(await audit.ReadAsync(tenant, page ?? 1, 100, cancellationToken));
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> RunAsync(Func<Task> change)
    {
        try
        {
            await change();
            return TypedResults.NoContent();
        }
        catch (StaffAdministrationException ex)
        {
            return Refusal(ex);
        }
    }

    /// <summary>Refusals name the field or the id refused, never a password.</summary>
    private static ProblemHttpResult Refusal(StaffAdministrationException ex) => ex.Error switch
    {
        StaffAdministrationError.UnknownTenant => Problems.TenantNotFound(ex.Subject),
        StaffAdministrationError.UnknownUser => Problems.NotFound($"Die Kennung '{ex.Subject}' gibt es bei diesem Mandanten nicht. (No staff member '{ex.Subject}'.)"),
        StaffAdministrationError.UnknownProcess => Problems.NotFound(
            $"Der Mandant bietet die Leistung '{ex.Subject}' nicht an. (The tenant does not offer process '{ex.Subject}'.)"),
        StaffAdministrationError.LoginTaken => Problems.Conflict($"Die Kennung '{ex.Subject}' ist schon vergeben. (Login '{ex.Subject}' is taken.)"),
        StaffAdministrationError.InvalidLogin => Field("login",
            "Die Kennung besteht aus 2 bis 64 Buchstaben, Ziffern, Punkt, Binde- oder Unterstrich. (2 to 64 letters, digits, dot, hyphen or underscore.)"),
        StaffAdministrationError.InvalidEmail => Field("email", "Bitte geben Sie eine gültige E-Mail-Adresse an. (Enter a valid e-mail address.)"),
        _ => Field("firstName", "Vor- und Nachname sind erforderlich. (First and last name are required.)"),
    };

    private static ProblemHttpResult Field(string field, string message) =>
        Problems.InvalidFields(new Dictionary<string, string[]> { [field] = [message] });
}

public sealed record AdministratorInput(bool IsAdministrator);

public sealed record ResetInput(bool ResetSecondFactor);

/// <summary>An invitation or reset: the link is shown only when the e-mail could not be sent, so the operator can pass it on.</summary>
public sealed record InvitationDto(string Login, bool Mailed, DateTimeOffset ExpiresAt, Uri? Link)
{
    public static InvitationDto From(StaffInvitation invitation) =>
        new(invitation.Login, invitation.Mailed, invitation.ExpiresAt, invitation.Mailed ? null : invitation.Link);
}
