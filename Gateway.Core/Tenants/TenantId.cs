using System.Text.RegularExpressions;

namespace EfaGateway.Core.Tenants;

/// <summary>Tenant and process ids are URL slugs: lower-case letters, digits and single hyphens.</summary>
public static partial class TenantId
{
    public static bool IsValid(string? id) => id is { Length: >= 2 and <= 64 } && SlugPattern().IsMatch(id);

    [GeneratedRegex("^[a-z0-9]+(-[a-z0-9]+)*$", RegexOptions.CultureInvariant)]
    private static partial Regex SlugPattern();
}
