using EfaGateway.Core.Tenants;
using Microsoft.Extensions.Options;

namespace EfaGateway.Host.Privacy;

/// <summary>
/// What the data-protection documentation cannot read from a process's configuration: who is responsible, who the data
/// protection officer is, and who processes data on the municipality's behalf. Bound from <c>Gateway:Privacy</c>. The
/// parties at the top level are the operator's defaults for every tenant (one operator usually runs the gateway for
/// many municipalities); a tenant's own entry under <c>Tenants:{tenant id}</c> wins. Whatever is missing appears in the
/// documents as <see cref="PrivacyText.Placeholder"/>, for the municipality to fill in.
/// </summary>
public sealed class PrivacyOptions
{
    public const string SectionName = "Gateway:Privacy";

    /// <summary>The operator of the gateway (Auftragsverarbeiter), e.g. the municipal IT service provider.</summary>
    public PrivacyParty? Operator { get; set; }

    /// <summary>The operator of the FIT-Connect Zustelldienst the routes use (FITKO or a federal state's instance).</summary>
    public PrivacyParty? FitConnectProcessor { get; set; }

    /// <summary>The XTA server / OSCI intermediary the XTA routes send through.</summary>
    public PrivacyParty? XtaIntermediary { get; set; }

    /// <summary>The mail relay that carries resume links of saved drafts.</summary>
    public PrivacyParty? MailRelay { get; set; }

    /// <summary>The data protection supervisory authority citizens may complain to (e.g. the federal state's).</summary>
    public PrivacyParty? SupervisoryAuthority { get; set; }

    public Dictionary<string, TenantPrivacySettings> Tenants { get; set; } = new(StringComparer.Ordinal);
}

/// <summary>A tenant's own entries; each one left out falls back to the operator's default or a placeholder.</summary>
public sealed class TenantPrivacySettings
{
    /// <summary>The Verantwortlicher (Art. 4 No. 7 GDPR): the municipality; default: the tenant's name.</summary>
    public PrivacyParty? Controller { get; set; }

    public PrivacyParty? DataProtectionOfficer { get; set; }

    public PrivacyParty? Operator { get; set; }

    public PrivacyParty? FitConnectProcessor { get; set; }

    public PrivacyParty? XtaIntermediary { get; set; }

    public PrivacyParty? MailRelay { get; set; }

    public PrivacyParty? SupervisoryAuthority { get; set; }

    /// <summary>Per process id: purpose and legal basis, which no process definition carries.</summary>
    public Dictionary<string, ProcessPrivacySettings> Processes { get; set; } = new(StringComparer.Ordinal);
}

/// <summary>A named party: name, postal address, and how to reach it (e-mail, phone, web form).</summary>
public sealed class PrivacyParty
{
    public string? Name { get; set; }

    public string? Address { get; set; }

    public string? Contact { get; set; }
}

public sealed class ProcessPrivacySettings
{
    /// <summary>The purposes in the municipality's words, beyond "handling the application".</summary>
    public string? Purpose { get; set; }

    /// <summary>e.g. "Art. 6 Abs. 1 lit. e DSGVO i. V. m. § … Hundesteuersatzung".</summary>
    public string? LegalBasis { get; set; }
}

/// <summary>Every problem at once, so the operator fixes the section in one go.</summary>
public sealed class PrivacyOptionsValidator : IValidateOptions<PrivacyOptions>
{
    private const int MaxText = 2000;

    public ValidateOptionsResult Validate(string? name, PrivacyOptions options)
    {
        var failures = new List<string>();
        CheckParty(options.Operator, $"{PrivacyOptions.SectionName}:Operator", failures);
        CheckParty(options.FitConnectProcessor, $"{PrivacyOptions.SectionName}:FitConnectProcessor", failures);
        CheckParty(options.XtaIntermediary, $"{PrivacyOptions.SectionName}:XtaIntermediary", failures);
        CheckParty(options.MailRelay, $"{PrivacyOptions.SectionName}:MailRelay", failures);
        CheckParty(options.SupervisoryAuthority, $"{PrivacyOptions.SectionName}:SupervisoryAuthority", failures);
        foreach (var (tenantId, tenant) in options.Tenants)
        {
            var where = $"{PrivacyOptions.SectionName}:Tenants:{tenantId}";
            if (!TenantId.IsValid(tenantId))
            {
                failures.Add($"{where}: '{tenantId}' is not a tenant id (lower-case letters, digits, single hyphens).");
            }

            if (tenant is null)
            {
                continue;
            }

            CheckParty(tenant.Controller, where + ":Controller", failures);
            CheckParty(tenant.DataProtectionOfficer, where + ":DataProtectionOfficer", failures);
            CheckParty(tenant.Operator, where + ":Operator", failures);
            CheckParty(tenant.FitConnectProcessor, where + ":FitConnectProcessor", failures);
            CheckParty(tenant.XtaIntermediary, where + ":XtaIntermediary", failures);
            CheckParty(tenant.MailRelay, where + ":MailRelay", failures);
            CheckParty(tenant.SupervisoryAuthority, where + ":SupervisoryAuthority", failures);
            foreach (var (processId, process) in tenant.Processes)
            {
                var processWhere = $"{where}:Processes:{processId}";
                if (!TenantId.IsValid(processId))
                {
                    failures.Add($"{processWhere}: '{processId}' is not a process id (lower-case letters, digits, single hyphens).");
                }

                CheckText(process?.Purpose, processWhere + ":Purpose", multiline: true, failures);
                CheckText(process?.LegalBasis, processWhere + ":LegalBasis", multiline: true, failures);
            }
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void CheckParty(PrivacyParty? party, string where, List<string> failures)
    {
        if (party is null)
        {
            return;
        }

        CheckText(party.Name, where + ":Name", multiline: false, failures);
        CheckText(party.Address, where + ":Address", multiline: true, failures);
        CheckText(party.Contact, where + ":Contact", multiline: true, failures);
    }

    // A value that is given must say something: a blank one would silently hide the placeholder the municipality needs to see.
    private static void CheckText(string? value, string where, bool multiline, List<string> failures)
    {
        if (value is null)
        {
            return;
        }

        if (string.IsNullOrWhiteSpace(value))
        {
            failures.Add($"{where} is blank; leave it out to get the placeholder \"{PrivacyText.Placeholder}\" instead.");
        }
        else if (value.Length > MaxText)
        {
            failures.Add($"{where} is longer than {MaxText} characters.");
        }
        else if (value.Any(c => char.IsControl(c) && !(multiline && c is '\n' or '\r')))
        {
            failures.Add($"{where} contains control characters{(multiline ? " (line breaks are allowed)" : string.Empty)}.");
        }
    }
}
