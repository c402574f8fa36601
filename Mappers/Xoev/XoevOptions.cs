using EfaGateway.Core.Submissions.Din91379;
using Microsoft.Extensions.Options;

namespace EfaGateway.Mappers.Xoev;

/// <summary>
/// The XÖV header values that are not the process's (section <c>Gateway:Xoev</c>): the product that writes the
/// messages, and per tenant who sends them (autor) and who reads them (leser), as registered in a directory such as
/// the DVDV. Operators keep these, like every other address of a back office, in the host configuration.
/// </summary>
public sealed class XoevOptions
{
    public const string SectionName = "Gateway:Xoev";

    /// <summary>The message root's <c>produkt</c> attribute.</summary>
    public string Produkt { get; set; } = "EfaGateway";

    /// <summary>The message root's <c>produkthersteller</c> attribute: who answers for the software.</summary>
    public string Produkthersteller { get; set; } = "EfaGateway-Projekt";

    /// <summary>The message root's <c>produktversion</c> attribute; defaults to this assembly's version.</summary>
    public string? Produktversion { get; set; }

    /// <summary>By tenant id.</summary>
    public Dictionary<string, XoevTenantOptions> Tenants { get; set; } = new(StringComparer.Ordinal);
}

public sealed class XoevTenantOptions
{
    /// <summary>The sender: the tenant's online service as registered in the directory.</summary>
    public XoevAuthorityOptions? Autor { get; set; }

    /// <summary>The receiving authority, e.g. the untere Bauaufsichtsbehörde responsible for the tenant.</summary>
    public XoevAuthorityOptions? Leser { get; set; }

    /// <summary>Marks every message of this tenant as a test message (root attribute <c>test="true"</c>), e.g. while onboarding.</summary>
    public bool Test { get; set; }
}

/// <summary>An authority in a directory service (XÖV <c>BehoerdeType</c>).</summary>
public sealed class XoevAuthorityOptions
{
    /// <summary>Code of the directory service, e.g. <c>DVDV</c> (list urn:xoev-de:kosit:codeliste:verzeichnisdienst).</summary>
    public string? Verzeichnisdienst { get; set; }

    /// <summary>The version of that code list; the schema requires it and it must match what the receiver expects.</summary>
    public string? VerzeichnisdienstListVersionId { get; set; }

    /// <summary>The authority's key in the directory, e.g. <c>bau:091620000000</c> (präfix:schlüssel).</summary>
    public string? Kennung { get; set; }

    public string? Name { get; set; }
}

/// <summary>Checks every configured tenant at start-up and reports all gaps at once.</summary>
public sealed class XoevOptionsValidator : IValidateOptions<XoevOptions>
{
    public ValidateOptionsResult Validate(string? name, XoevOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var problems = new List<string>();
        Require(options.Produkt, $"{XoevOptions.SectionName}:Produkt", problems);
        Require(options.Produkthersteller, $"{XoevOptions.SectionName}:Produkthersteller", problems);
        foreach (var (tenant, identity) in options.Tenants.OrderBy(t => t.Key, StringComparer.Ordinal))
        {
            var prefix = $"{XoevOptions.SectionName}:Tenants:{tenant}";
            CheckAuthority(identity.Autor, $"{prefix}:Autor", problems);
            CheckAuthority(identity.Leser, $"{prefix}:Leser", problems);
        }

        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }

    private static void CheckAuthority(XoevAuthorityOptions? authority, string path, List<string> problems)
    {
        if (authority is null)
        {
            problems.Add($"{path} is missing.");
            return;
        }

        Require(authority.Verzeichnisdienst, $"{path}:Verzeichnisdienst", problems);
        Require(authority.VerzeichnisdienstListVersionId, $"{path}:VerzeichnisdienstListVersionId", problems);
        Require(authority.Kennung, $"{path}:Kennung", problems);
        Require(authority.Name, $"{path}:Name", problems);
    }

    private static void Require(string? value, string path, List<string> problems)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            problems.Add($"{path} is missing or blank.");
        }
        else if (Din91379.InvalidCharacters(value) is { Count: > 0 } invalid)
        {
            // Every one of these goes into the Nachrichtenkopf, whose strings XÖV types as DIN 91379 (datatypeC).
            problems.Add($"{path} has characters outside DIN 91379: {string.Join(" ", invalid)}.");
        }
    }
}
