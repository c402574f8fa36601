using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using EfaGateway.Host.Tests.Staff;
using EfaGateway.Host.Tests.Support;

namespace EfaGateway.Host.Tests.Admin;

/// <summary>
/// An operator manages a tenant's staff over the admin API: invite (the link is mailed), list the authorised users with
/// their processes, grant and revoke, deactivate; every change is in the tenant's audit log; bad input changes nothing.
/// </summary>
public sealed class StaffAdminApiTests : IDisposable
{
    private readonly GatewayFactory factory = StaffKit.CreateFactory();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public void Dispose() => factory.Dispose();

    [Fact]
    public async Task An_operator_invites_lists_grants_and_deactivates_staff_and_each_change_is_audited()
    {
        using var client = factory.CreateOperatorClient();
        var path = $"/api/v1/admin/tenants/{StaffKit.Tenant}/staff";

        using var invited = await client.PostAsJsonAsync(path, new
        {
            login = "hmeier", firstName = "Hanne", lastName = "Meier", email = "hmeier@example.org", isAdministrator = false,
            processIds = new[] { StaffKit.Process },
        }, Ct);
        Assert.Equal(HttpStatusCode.Created, invited.StatusCode);
        var invitation = (await invited.Content.ReadFromJsonAsync<JsonObject>(Ct))!;
        Assert.True(invitation["mailed"]!.GetValue<bool>());
        Assert.Null(invitation["link"]); // mailed: the link is not handed to the operator as well
        using var granted = await client.PutAsync($"{path}/hmeier/processes/bauantrag-vereinfacht", null, Ct);
        using var revoked = await client.DeleteAsync($"{path}/hmeier/processes/{StaffKit.Process}", Ct);
        using var deactivated = await client.PostAsync($"{path}/hmeier/deactivate", null, Ct);

        Assert.Equal(HttpStatusCode.NoContent, granted.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, revoked.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, deactivated.StatusCode);
        var member = Assert.Single((await client.GetFromJsonAsync<JsonArray>(path, Ct))!)!;
        Assert.Equal("hmeier", member["login"]!.GetValue<string>());
        Assert.False(member["isActive"]!.GetValue<bool>());
        Assert.Equal(["bauantrag-vereinfacht"], member["processIds"]!.AsArray().Select(p => p!.GetValue<string>()));
        Assert.DoesNotContain("PasswordHash", member.ToJsonString(), StringComparison.OrdinalIgnoreCase);
        var audit = (await client.GetFromJsonAsync<JsonObject>($"/api/v1/admin/tenants/{StaffKit.Tenant}/audit", Ct))!;
        var actions = audit["entries"]!.AsArray().Select(e => e!["action"]!.GetValue<string>()).ToList();
        Assert.Equal(4, actions.Count);
        Assert.All(audit["entries"]!.AsArray(), e => Assert.Equal("operator (admin API)", e!["actor"]!.GetValue<string>()));
    }

    [Fact]
    public async Task Mails_for_a_tenant_go_out_from_its_own_sender_when_it_has_one()
    {
        using var client = factory.CreateOperatorClient();
        var tenant = (await client.GetFromJsonAsync<JsonObject>($"/api/v1/admin/tenants/{StaffKit.Tenant}", Ct))!["tenant"]!.AsObject();
        tenant["mailSenderAddress"] = "postkorb@schoenwetter.example";
        tenant["mailSenderName"] = "Gemeinde Schönwetter";
        (await client.PutAsJsonAsync($"/api/v1/admin/tenants/{StaffKit.Tenant}", tenant, Ct)).EnsureSuccessStatusCode();

        (await client.PostAsJsonAsync($"/api/v1/admin/tenants/{StaffKit.Tenant}/staff", new
        {
            login = "absender", firstName = "Ab", lastName = "Sender", email = "absender-test@example.org", isAdministrator = false,
            processIds = new[] { StaffKit.Process },
        }, Ct)).EnsureSuccessStatusCode();
        var invitation = await EfaGateway.TestSupport.SmtpTestServer.Shared.WaitForAsync("absender-test@example.org");
        await using var scope = factory.Services.CreateAsyncScope();
        var process = await scope.ServiceProvider.GetRequiredService<EfaGateway.Core.Ports.ICatalogStore>()
            .FindTenantProcessAsync(StaffKit.Tenant, StaffKit.Process, Ct);

        var from = Assert.Single(invitation.From.Mailboxes);
        Assert.Equal(("postkorb@schoenwetter.example", "Gemeinde Schönwetter"), (from.Address, from.Name));
        Assert.Equal("postkorb@schoenwetter.example", process!.TenantMailSenderAddress); // what the citizen's draft and confirmation mails use
    }

    [Fact]
    public async Task Bad_invitations_are_refused_by_field_or_state_and_nothing_is_created()
    {
        using var client = factory.CreateOperatorClient();
        var path = $"/api/v1/admin/tenants/{StaffKit.Tenant}/staff";
        object Member(string login, string email, string process) =>
            new { login, firstName = "A", lastName = "B", email, isAdministrator = false, processIds = new[] { process } };

        using var badLogin = await client.PostAsJsonAsync(path, Member("a b", "ab@example.org", StaffKit.Process), Ct);
        using var badEmail = await client.PostAsJsonAsync(path, Member("ab", "keine-adresse", StaffKit.Process), Ct);
        using var badProcess = await client.PostAsJsonAsync(path, Member("ab", "ab@example.org", "gibt-es-nicht"), Ct);
        using var badTenant = await client.PostAsJsonAsync("/api/v1/admin/tenants/gibt-es-nicht/staff", Member("ab", "ab@example.org", StaffKit.Process), Ct);
        using var unknownUser = await client.PostAsync($"{path}/niemand/deactivate", null, Ct);
        using var first = await client.PostAsJsonAsync(path, Member("ab", "ab@example.org", StaffKit.Process), Ct);
        using var twice = await client.PostAsJsonAsync(path, Member("ab", "ab2@example.org", StaffKit.Process), Ct);

        Assert.Equal(HttpStatusCode.BadRequest, badLogin.StatusCode);
        Assert.Contains("\"login\"", await badLogin.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, badEmail.StatusCode);
        Assert.Contains("\"email\"", await badEmail.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, badProcess.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, badTenant.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, unknownUser.StatusCode);
        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, twice.StatusCode);
        Assert.Single((await client.GetFromJsonAsync<JsonArray>(path, Ct))!);
    }

    [Fact]
    public async Task The_contract_end_export_holds_the_staff_without_password_data_and_the_audit_log()
    {
        await StaffKit.AccountAsync(factory, "exportiert");
        using var client = factory.CreateOperatorClient();

        using var response = await client.GetAsync($"/api/v1/admin/tenants/{StaffKit.Tenant}/export", Ct);
        using var zip = new System.IO.Compression.ZipArchive(await response.Content.ReadAsStreamAsync(Ct));
        string Read(string name)
        {
            using var reader = new StreamReader(zip.GetEntry(name)!.Open());
            return reader.ReadToEnd();
        }

        var staff = Read("staff.json");
        Assert.Contains("\"login\": \"exportiert\"", staff, StringComparison.Ordinal);
        Assert.DoesNotContain("hash", staff, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(StaffKit.GoodPassword, staff, StringComparison.Ordinal);
        var audit = JsonNode.Parse(Read("audit.json"))!.AsArray();
        Assert.Contains(audit, e => e!["target"]?.GetValue<string>() == "exportiert");
    }
}
