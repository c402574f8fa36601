using EfaGateway.Core.Tenants;

namespace EfaGateway.Host.Admin;

/// <summary>A tenant as an operator writes it (JSON of the admin API, file of the CLI); absent fields are empty.</summary>
public sealed record TenantInput(
    string? Id,
    string? Name,
    string? Ags = null,
    string? Ars = null,
    string? ContactName = null,
    string? ContactEmail = null,
    string? ContactPhone = null,
    string? MailSenderAddress = null,
    string? MailSenderName = null)
{
    public TenantProfile Profile => new(Blank(Ags), Blank(Ars), Blank(ContactName), Blank(ContactEmail), Blank(ContactPhone),
        Blank(MailSenderAddress), Blank(MailSenderName));

    /// <summary>Every problem of the name and the profile (the id is checked on creation only).</summary>
    public Dictionary<string, string[]> Problems()
    {
        var problems = Profile.Problems().GroupBy(p => p.Field, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Select(p => p.Message).ToArray(), StringComparer.Ordinal);
        if (string.IsNullOrWhiteSpace(Name))
        {
            problems["name"] = ["Bitte geben Sie den Namen des Mandanten an. (Enter the tenant's name.)"];
        }
        else if (Name.Length > 200 || Name.Any(char.IsControl))
        {
            problems["name"] = ["Höchstens 200 Zeichen, keine Steuerzeichen. (At most 200 characters, no control characters.)"];
        }

        return problems;
    }

    public static TenantInput From(Tenant tenant)
    {
        ArgumentNullException.ThrowIfNull(tenant);
        var p = tenant.Profile;
        return new(tenant.Id, tenant.Name, p.Ags, p.Ars, p.ContactName, p.ContactEmail, p.ContactPhone, p.MailSenderAddress, p.MailSenderName);
    }

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
