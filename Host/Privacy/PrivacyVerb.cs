using System.Text;

namespace EfaGateway.Host.Privacy;

/// <summary><c>privacy &lt;tenant&gt; &lt;process&gt; &lt;file.html|file.pdf&gt;</c>: writes the data-protection documentation.</summary>
public static class PrivacyVerb
{
    public const string Usage = "privacy <tenant> <process> <file.html|file.pdf>\n"
        + "                               write the data-protection documentation of a tenant's process (Art. 30/13 GDPR drafts)";

    public static async Task<int> RunAsync(IServiceProvider services, string[] args, TextWriter output)
    {
        if (args is not [var tenant, var process, var file] || !IsPdf(file) && !IsHtml(file))
        {
            await Console.Error.WriteLineAsync("Usage: " + Usage);
            return 2;
        }

        var document = await services.GetRequiredService<PrivacyDocumentation>().BuildAsync(tenant, process, CancellationToken.None);
        if (document is null)
        {
            await Console.Error.WriteLineAsync($"Process '{process}' is not enabled for tenant '{tenant}'.");
            return 1;
        }

        var bytes = IsPdf(file)
            ? PrivacyPdfWriter.Write(document)
            : Encoding.UTF8.GetBytes(PrivacyHtmlWriter.Write(document));
        await File.WriteAllBytesAsync(file, bytes);
        await output.WriteLineAsync($"Wrote the data-protection documentation of '{process}' for '{tenant}' to {Path.GetFullPath(file)}; " +
            "complete the parts marked [bitte ergänzen].");
        return 0;
    }

    private static bool IsPdf(string file) => string.Equals(Path.GetExtension(file), ".pdf", StringComparison.OrdinalIgnoreCase);

    private static bool IsHtml(string file) => Path.GetExtension(file).ToUpperInvariant() is ".HTML" or ".HTM";
}
