using System.Text.Json;
using EfaGateway.Host.Composition;
using EfaGateway.Host.Staff;
using Microsoft.Extensions.Options;

namespace EfaGateway.Host.Cli;

/// <summary>
/// <c>staff list|invite|deactivate|reactivate|grant|revoke|reset</c>: a tenant's staff from the command line, through
/// the same <see cref="StaffAdministration"/> as the admin API (audited with the actor "operator (CLI)").
/// </summary>
public static class StaffVerb
{
    public const string Usage = "staff list <tenant> | invite <tenant> <member.json> | deactivate|reactivate <tenant> <login>\n"
        + "                               | grant|revoke <tenant> <login> <process> | reset <tenant> <login> [--second-factor]\n"
        + "                               the tenant's staff: the authorised users and their processes, invitations, rights";

    private const string Actor = "operator (CLI)";
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public static async Task<int> RunAsync(IServiceProvider services, string[] args, TextWriter output)
    {
        var staff = services.GetRequiredService<StaffAdministration>();
        var site = new Uri(services.GetRequiredService<IOptions<GatewayOptions>>().Value.PublicBaseUrl ?? Admin.EntryLinks.LocalSite);
        var ct = CancellationToken.None;
        try
        {
            switch (args)
            {
                case ["list", var tenant]:
                    await output.WriteLineAsync(JsonSerializer.Serialize(await staff.ListAsync(tenant, ct), Json));
                    return 0;
                case ["invite", var tenant, var file]:
                    if (await ReadMemberAsync(file) is not { } member)
                    {
                        return 1;
                    }

                    var invitation = await staff.InviteAsync(tenant, member with { ProcessIds = member.ProcessIds ?? [] }, Actor, site, ct);
                    await output.WriteLineAsync(invitation.Mailed
                        ? $"Invited '{invitation.Login}'; the link went out by e-mail (valid until {invitation.ExpiresAt:u})."
                        : $"Invited '{invitation.Login}'; the e-mail could not be sent, pass this link on (valid until {invitation.ExpiresAt:u}): {invitation.Link}");
                    return 0;
                case ["deactivate", var tenant, var login]:
                    await staff.DeactivateAsync(tenant, login, Actor, ct);
                    return await Done(output, $"'{login}' can no longer sign in.");
                case ["reactivate", var tenant, var login]:
                    await staff.ReactivateAsync(tenant, login, Actor, ct);
                    return await Done(output, $"'{login}' can sign in again.");
                case ["grant", var tenant, var login, var process]:
                    await staff.GrantProcessAsync(tenant, login, process, Actor, ct);
                    return await Done(output, $"'{login}' now sees '{process}'.");
                case ["revoke", var tenant, var login, var process]:
                    await staff.RevokeProcessAsync(tenant, login, process, Actor, ct);
                    return await Done(output, $"'{login}' no longer sees '{process}'.");
                case ["reset", var tenant, var login, .. var rest] when rest is [] or ["--second-factor"]:
                    var reset = await staff.ForceResetAsync(tenant, login, rest is ["--second-factor"], Actor, site, ct);
                    return await Done(output, reset.Mailed ? $"Reset link for '{login}' sent by e-mail." : $"Pass this reset link on: {reset.Link}");
                default:
                    await Console.Error.WriteLineAsync("Usage: " + Usage);
                    return 2;
            }
        }
        catch (StaffAdministrationException ex)
        {
            await Console.Error.WriteLineAsync($"Refused: {ex.Error} ({ex.Subject}).");
            return 1;
        }
    }

    private static async Task<NewStaffMember?> ReadMemberAsync(string file)
    {
        try
        {
            return JsonSerializer.Deserialize<NewStaffMember>(await File.ReadAllTextAsync(file), Json) ?? throw new JsonException("null");
        }
        catch (Exception ex) when (ex is JsonException or IOException)
        {
            await Console.Error.WriteLineAsync($"'{file}' is not a staff member in JSON (login, firstName, lastName, email, isAdministrator, processIds): {ex.Message}");
            return null;
        }
    }

    private static async Task<int> Done(TextWriter output, string message)
    {
        await output.WriteLineAsync(message);
        return 0;
    }
}
