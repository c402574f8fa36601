using System.Globalization;

namespace EfaGateway.Core.Processes;

/// <summary>
/// Paths to values in a form's data: element ids joined by "/", with the instance index of a repeating group in
/// brackets, e.g. <c>kinder[0]/vorname</c>. Field errors and attachments name their field by such a path; a field at the
/// top level is named by its id alone.
/// </summary>
public static class FormPath
{
    public static string Child(string? parent, string id, int? index = null)
    {
        var segment = index is { } i ? $"{id}[{i.ToString(CultureInfo.InvariantCulture)}]" : id;
        return string.IsNullOrEmpty(parent) ? segment : $"{parent}/{segment}";
    }

    public static IEnumerable<PathSegment> Segments(string path)
    {
        foreach (var part in path.Split('/', StringSplitOptions.RemoveEmptyEntries))
        {
            var bracket = part.IndexOf('[', StringComparison.Ordinal);
            if (bracket > 0 && part.EndsWith(']') &&
                int.TryParse(part.AsSpan(bracket + 1, part.Length - bracket - 2), NumberStyles.None, CultureInfo.InvariantCulture, out var index))
            {
                yield return new PathSegment(part[..bracket], index);
            }
            else
            {
                yield return new PathSegment(part, null);
            }
        }
    }
}

public readonly record struct PathSegment(string Id, int? Index);
