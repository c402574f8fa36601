using EfaGateway.Core.Submissions.Din91379;
using Microsoft.Extensions.Options;

namespace EfaGateway.Mappers.Xdomea;

/// <summary>
/// The xdomea export's settings (section <c>Gateway:Xdomea</c>): the product named in the Nachrichtenkopf
/// (SendendesSystem) and, per tenant, who sends the message (Absender: the tenant's online service on this gateway) and
/// who imports it (Empfaenger: the municipality's records office). A tenant without an entry cannot export.
/// </summary>
public sealed class XdomeaOptions
{
    public const string SectionName = "Gateway:Xdomea";

    /// <summary>SendendesSystem/Produktname.</summary>
    public string Produktname { get; set; } = "EfaGateway";

    /// <summary>SendendesSystem/Version; defaults to this assembly's version.</summary>
    public string? Produktversion { get; set; }

    /// <summary>By tenant id.</summary>
    public Dictionary<string, XdomeaTenantOptions> Tenants { get; set; } = new(StringComparer.Ordinal);
}

public sealed class XdomeaTenantOptions
{
    /// <summary>The sender: the tenant's online service, e.g. "Gemeinde Schönwetter am Berg", unit "Online-Dienste".</summary>
    public XdomeaKontaktOptions? Absender { get; set; }

    /// <summary>The receiver: the office whose records system imports the message, e.g. the Registratur.</summary>
    public XdomeaKontaktOptions? Empfaenger { get; set; }
}

/// <summary>A party of the Nachrichtenkopf (xdomea <c>KontaktType</c>): an institution and, optionally, its unit.</summary>
public sealed class XdomeaKontaktOptions
{
    /// <summary>Institution/Name: the official name of the authority.</summary>
    public string? Institution { get; set; }

    /// <summary>Institution/Kurzbezeichnung (optional).</summary>
    public string? Kurzbezeichnung { get; set; }

    /// <summary>Organisationseinheit/Name (optional), e.g. "Hauptamt, Registratur".</summary>
    public string? Organisationseinheit { get; set; }
}

/// <summary>Checks every configured tenant at start-up and reports all gaps at once.</summary>
public sealed class XdomeaOptionsValidator : IValidateOptions<XdomeaOptions>
{
    public ValidateOptionsResult Validate(string? name, XdomeaOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var problems = new List<string>();
        Check(options.Produktname, $"{XdomeaOptions.SectionName}:Produktname", required: true, problems);
        Check(options.Produktversion, $"{XdomeaOptions.SectionName}:Produktversion", required: false, problems);
        foreach (var (tenant, settings) in options.Tenants.OrderBy(t => t.Key, StringComparer.Ordinal))
        {
            var prefix = $"{XdomeaOptions.SectionName}:Tenants:{tenant}";
            CheckKontakt(settings.Absender, $"{prefix}:Absender", problems);
            CheckKontakt(settings.Empfaenger, $"{prefix}:Empfaenger", problems);
        }

        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }

    private static void CheckKontakt(XdomeaKontaktOptions? kontakt, string path, List<string> problems)
    {
        if (kontakt is null)
        {
            problems.Add($"{path} is missing.");
            return;
        }

        Check(kontakt.Institution, $"{path}:Institution", required: true, problems);
        Check(kontakt.Kurzbezeichnung, $"{path}:Kurzbezeichnung", required: false, problems);
        Check(kontakt.Organisationseinheit, $"{path}:Organisationseinheit", required: false, problems);
    }

    private static void Check(string? value, string path, bool required, List<string> problems)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            if (required)
            {
                problems.Add($"{path} is missing or blank.");
            }
        }
        else if (Din91379.InvalidCharacters(value) is { Count: > 0 } invalid)
        {
            // The receiving records system stores these as they are; XÖV texts are limited to DIN 91379 (datatypeC).
            problems.Add($"{path} has characters outside DIN 91379: {string.Join(" ", invalid)}.");
        }
    }
}
