using System.Text.RegularExpressions;

namespace EfaGateway.Host.Forms;

/// <summary>Request paths as the log may show them: the draft id of a resume link is replaced.</summary>
public static partial class LogPaths
{
    public static string Mask(string path) => ResumeLink().Replace(path, "/fortsetzen/{draft}");

    [GeneratedRegex("/fortsetzen/[^/?]+", RegexOptions.CultureInvariant)]
    private static partial Regex ResumeLink();
}
