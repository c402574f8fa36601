using System.Globalization;

namespace EfaGateway.Fim.CodeLists;

/// <summary>
/// The local code-list catalogue: every genericode file in one folder, indexed by canonical URI and version. Real
/// schemas often name list versions nobody has at hand, so <see cref="Resolve"/> falls back to the newest version of
/// the same list and says so.
/// </summary>
public sealed class CodeListCatalog
{
    private readonly Dictionary<string, List<CodeListIdentification>> byUri;
    private readonly Dictionary<string, CodeList> loaded = new(StringComparer.Ordinal);

    private CodeListCatalog(Dictionary<string, List<CodeListIdentification>> byUri) => this.byUri = byUri;

    public static CodeListCatalog Empty { get; } = new(new(StringComparer.Ordinal));

    /// <summary>Indexes every *.xml file in the folder; a file that is not genericode is an error naming it.</summary>
    public static CodeListCatalog FromDirectory(string directory)
    {
        if (!Directory.Exists(directory))
        {
            throw new DirectoryNotFoundException($"The code-list folder '{directory}' does not exist.");
        }

        var index = new Dictionary<string, List<CodeListIdentification>>(StringComparer.Ordinal);
        foreach (var file in Directory.EnumerateFiles(directory, "*.xml").Order(StringComparer.Ordinal))
        {
            var identification = GenericodeReader.ReadIdentification(file);
            if (!index.TryGetValue(identification.CanonicalUri, out var versions))
            {
                index[identification.CanonicalUri] = versions = [];
            }

            versions.Add(identification);
        }

        foreach (var versions in index.Values)
        {
            versions.Sort((a, b) => VersionOrder.Compare(a.Version, b.Version));
        }

        return new CodeListCatalog(index);
    }

    public int Count => byUri.Values.Sum(v => v.Count);

    public CodeListResolution Resolve(string canonicalUri, string? version, string? codeColumn = null, string? nameColumn = null)
    {
        if (!byUri.TryGetValue(canonicalUri, out var versions) || versions.Count == 0)
        {
            return new CodeListResolution(CodeListOutcome.Missing, null);
        }

        var exact = version is null ? null : versions.FirstOrDefault(v => v.Version == version);
        var chosen = exact ?? versions[^1];
        var outcome = exact is not null ? CodeListOutcome.Exact
            : version is null ? CodeListOutcome.NewestBecauseNoVersion
            : CodeListOutcome.NewestInstead;
        return new CodeListResolution(outcome, Load(chosen, codeColumn, nameColumn));
    }

    private CodeList Load(CodeListIdentification identification, string? codeColumn, string? nameColumn)
    {
        var key = $"{identification.Path}|{codeColumn}|{nameColumn}";
        if (!loaded.TryGetValue(key, out var list))
        {
            loaded[key] = list = GenericodeReader.Read(identification.Path, codeColumn, nameColumn);
        }

        return list;
    }
}

public enum CodeListOutcome
{
    Exact,

    /// <summary>The reference named a version the catalogue does not have; the newest of the same list was used.</summary>
    NewestInstead,

    /// <summary>The reference named no version; the newest was used.</summary>
    NewestBecauseNoVersion,
    Missing,
}

public sealed record CodeListResolution(CodeListOutcome Outcome, CodeList? CodeList);

/// <summary>Orders list versions: ISO dates by date, dotted numbers numerically, anything else by text.</summary>
internal static class VersionOrder
{
    public static int Compare(string a, string b)
    {
        if (DateOnly.TryParseExact(a, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var da) &&
            DateOnly.TryParseExact(b, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var db))
        {
            return da.CompareTo(db);
        }

        var pa = a.Split('.');
        var pb = b.Split('.');
        if (pa.All(IsNumber) && pb.All(IsNumber))
        {
            for (var i = 0; i < Math.Max(pa.Length, pb.Length); i++)
            {
                var c = (i < pa.Length ? long.Parse(pa[i], CultureInfo.InvariantCulture) : 0)
                    .CompareTo(i < pb.Length ? long.Parse(pb[i], CultureInfo.InvariantCulture) : 0);
                if (c != 0)
                {
                    return c;
                }
            }

            return 0;
        }

        return string.CompareOrdinal(a, b);
    }

    private static bool IsNumber(string part) => part.Length is > 0 and < 18 && part.All(char.IsAsciiDigit);
}
