namespace EfaGateway.Host.Privacy;

/// <summary>The parties and texts for one tenant's process: the tenant's entries, else the operator's defaults, else null.</summary>
public sealed record ResolvedPrivacy
{
    public PrivacyParty? Controller { get; init; }

    public PrivacyParty? DataProtectionOfficer { get; init; }

    public PrivacyParty? Operator { get; init; }

    public PrivacyParty? FitConnectProcessor { get; init; }

    public PrivacyParty? XtaIntermediary { get; init; }

    public PrivacyParty? MailRelay { get; init; }

    public PrivacyParty? SupervisoryAuthority { get; init; }

    public string? Purpose { get; init; }

    public string? LegalBasis { get; init; }

    public static ResolvedPrivacy For(PrivacyOptions options, string tenantId, string processId)
    {
        var tenant = options.Tenants.GetValueOrDefault(tenantId);
        var process = tenant?.Processes.GetValueOrDefault(processId);
        return new ResolvedPrivacy
        {
            Controller = tenant?.Controller,
            DataProtectionOfficer = tenant?.DataProtectionOfficer,
            Operator = tenant?.Operator ?? options.Operator,
            FitConnectProcessor = tenant?.FitConnectProcessor ?? options.FitConnectProcessor,
            XtaIntermediary = tenant?.XtaIntermediary ?? options.XtaIntermediary,
            MailRelay = tenant?.MailRelay ?? options.MailRelay,
            SupervisoryAuthority = tenant?.SupervisoryAuthority ?? options.SupervisoryAuthority,
            Purpose = process?.Purpose,
            LegalBasis = process?.LegalBasis,
        };
    }
}
