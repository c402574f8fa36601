using System.Collections.Frozen;

namespace EfaGateway.Host.Staff;

/// <summary>The embedded list of common passwords (see common-passwords.NOTICE.md), compared case-insensitively.</summary>
public sealed class CommonPasswords
{
    private readonly FrozenSet<string> passwords;

    public CommonPasswords()
    {
        using var stream = typeof(CommonPasswords).Assembly.GetManifestResourceStream("EfaGateway.Host.Staff.common-passwords.txt")
            ?? throw new InvalidOperationException("The common-password list is not embedded in the host.");
        using var reader = new StreamReader(stream);
        var lines = new List<string>();
        while (reader.ReadLine() is { } line)
        {
            if (line.Length > 0)
            {
                lines.Add(line.Trim());
            }
        }

        passwords = lines.ToFrozenSet(StringComparer.OrdinalIgnoreCase);
    }

    public int Count => passwords.Count;

    public bool Contains(string password) => passwords.Contains(password);
}
