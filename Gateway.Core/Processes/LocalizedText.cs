namespace EfaGateway.Core.Processes;

/// <summary>Citizen-facing text: German first (required), English second (optional).</summary>
public sealed record LocalizedText(string De, string? En = null)
{
    public string For(string? language) =>
        language is not null && language.StartsWith("en", StringComparison.OrdinalIgnoreCase) && !string.IsNullOrEmpty(En) ? En : De;

    public override string ToString() => De;
}
