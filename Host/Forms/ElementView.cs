using System.Text.Json;
using EfaGateway.Core.Processes;

namespace EfaGateway.Host.Forms;

/// <summary>What the element partial needs to render one element (and, recursively, its children) of a step.</summary>
public sealed record ElementView(
    FormElement Element,
    string Path,
    JsonElement Value,
    IReadOnlyList<JsonElement> Scopes,
    StepErrors Errors,
    IReadOnlyList<FormUpload> Uploads,
    bool English,
    int HeadingLevel)
{
    public string Id => FieldIds.For(Path);

    public string Text(LocalizedText text) => text.For(English ? "en" : "de");

    public string T(string german, string english) => English ? english : german;

    public string? Error => Errors.For(Path);

    /// <summary>The view of a child element inside this group (or one of its instances).</summary>
    public ElementView Child(FormElement child, string containerPath, JsonElement container) => this with
    {
        Element = child,
        Path = $"{containerPath}/{child.Id}",
        Value = container.ValueKind == JsonValueKind.Object && container.TryGetProperty(child.Id, out var value) ? value : default,
        Scopes = [.. Scopes, container],
        HeadingLevel = Math.Min(HeadingLevel + 1, 6),
    };

    public bool IsShown => FormFlow.IsShown(Element, Scopes);
}

/// <summary>Error messages of a step by path, in the order the error summary lists them.</summary>
public sealed class StepErrors(IReadOnlyList<StepError> errors)
{
    public static StepErrors None { get; } = new([]);

    public IReadOnlyList<StepError> All => errors;

    public string? For(string path) => errors.FirstOrDefault(e => e.Path == path)?.Message;
}

/// <summary>An error as the page shows it; <see cref="Href"/> is where the summary links to (a field on this or another step).</summary>
public sealed record StepError(string Path, string Message, string Href);

public static class FieldIds
{
    /// <summary>An HTML id for a data path: <c>kinder[0]/vorname</c> becomes <c>f-kinder-0-vorname</c>.</summary>
    public static string For(string path) => "f-" + path.Replace('/', '-').Replace('[', '-').Replace("]", string.Empty, StringComparison.Ordinal);
}
