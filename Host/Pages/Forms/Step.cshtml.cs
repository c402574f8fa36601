using System.Text.Json.Nodes;
using EfaGateway.Core.Processes;
using EfaGateway.Host.Forms;
using Microsoft.AspNetCore.Mvc;

namespace EfaGateway.Host.Pages.Forms;

/// <summary>
/// One step (section) of the form. A post saves what was entered, then does what its button says: continue (after
/// checking this step), go back, add or remove an instance of a repeating group, or remove an uploaded file.
/// </summary>
public sealed class StepModel(FormFlow flow, FormSessionStore sessions, UploadService uploads) : FormPageModel(flow, sessions)
{
    [FromRoute]
    public int Step { get; set; }

    public SectionDefinition Section { get; private set; } = null!;

    public int Position { get; private set; }

    public int StepCount { get; private set; }

    public StepErrors Errors { get; private set; } = StepErrors.None;

    public bool Revealed { get; private set; }

    public System.Text.Json.JsonElement Data { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (await LoadStepAsync(cancellationToken) is { } early)
        {
            return early;
        }

        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string? aktion, CancellationToken cancellationToken)
    {
        if (await LoadStepAsync(cancellationToken) is { } early)
        {
            return early;
        }

        var session = Session!;
        var visibleBefore = VisiblePaths();
        FormPost.Merge(session.Data, Section.Elements, Request.Form);
        var uploadErrors = await uploads.AcceptAsync(session, Definition, Section, Request.Form.Files, English, cancellationToken);
        Data = FormFlow.AsElement(session);
        if (uploadErrors.Count > 0)
        {
            // A refused file stops whatever the button asked for: the citizen must see why the file is missing.
            Errors = new StepErrors(uploadErrors);
            await Sessions.SaveAsync(session, cancellationToken);
            return Page();
        }

        var action = aktion ?? "weiter";
        var result = action switch
        {
            "zurueck" => Back(),
            "speichern" => Redirect($"{BasePath}/speichern"),
            _ when action.StartsWith("hinzufuegen:", StringComparison.Ordinal) => Add(action["hinzufuegen:".Length..]),
            _ when action.StartsWith("entfernen:", StringComparison.Ordinal) => Remove(action["entfernen:".Length..]),
            _ when action.StartsWith("datei-entfernen:", StringComparison.Ordinal) => await RemoveUploadAsync(action["datei-entfernen:".Length..], cancellationToken),
            _ => null,
        };
        if (result is not null)
        {
            await Sessions.SaveAsync(session, cancellationToken);
            return result;
        }

        // Continue: check this step. Questions that the answers just revealed are shown first, without errors.
        Data = FormFlow.AsElement(session);
        var errors = FormFlow.Validate(Definition, session, Section);
        Revealed = VisiblePaths().Except(visibleBefore).Any();
        var shown = errors.Where(e => !Revealed || visibleBefore.Contains(FormPath.Segments(e.Field).First().Id)).ToList();
        Errors = new StepErrors([.. shown.Select(e => ToStepError(e, $"#{FieldIds.For(e.Field)}"))]);
        await Sessions.SaveAsync(session, cancellationToken);
        if (Errors.All.Count > 0 || Revealed)
        {
            return Page();
        }

        session.FurthestStep = Math.Max(session.FurthestStep, Step);
        await Sessions.SaveAsync(session, cancellationToken);
        var visible = FormFlow.VisibleSections(Definition, Data);
        var next = visible.FirstOrDefault(i => i > Step - 1, -1);
        return next < 0 ? Redirect($"{BasePath}/pruefen") : Redirect(StepPath(next));
    }

    private async Task<IActionResult?> LoadStepAsync(CancellationToken cancellationToken)
    {
        if (await LoadAsync(needsSession: true, cancellationToken) is { } early)
        {
            return early;
        }

        if (Session!.SubmittedAt is not null)
        {
            return Redirect($"{BasePath}/bestaetigung");
        }

        Data = FormFlow.AsElement(Session);
        var visible = FormFlow.VisibleSections(Definition, Data);
        if (Step < 1 || Step > Definition.Sections.Count || !visible.Contains(Step - 1))
        {
            return visible.Count == 0 ? Redirect($"{BasePath}/pruefen") : Redirect(StepPath(visible[0]));
        }

        Section = Definition.Sections[Step - 1];
        Position = visible.ToList().IndexOf(Step - 1) + 1;
        StepCount = visible.Count;
        return null;
    }

    private HashSet<string> VisiblePaths() =>
        [.. Section.Elements.Where(e => FormFlow.IsShown(e, [FormFlow.AsElement(Session!)])).Select(e => e.Id)];

    private RedirectResult Back()
    {
        var visible = FormFlow.VisibleSections(Definition, Data);
        var previous = visible.LastOrDefault(i => i < Step - 1, -1);
        return Redirect(previous < 0 ? BasePath : StepPath(previous));
    }

    private IActionResult Add(string path)
    {
        if (Definition.FindElement(path) is not GroupDefinition { Repeats: true } group || Navigate(path) is not { } parent)
        {
            return BadRequest();
        }

        var key = FormPath.Segments(path).Last().Id;
        var instances = parent[key] as JsonArray ?? (JsonArray)(parent[key] = new JsonArray());
        while (instances.Count < group.MinOccurs)
        {
            instances.Add(new JsonObject());
        }

        if (group.MaxOccurs is { } max && instances.Count >= max)
        {
            return Redirect($"{StepPath(Step - 1)}#{FieldIds.For(path)}");
        }

        instances.Add(new JsonObject());
        return Redirect($"{StepPath(Step - 1)}#{FieldIds.For($"{path}[{instances.Count - 1}]")}");
    }

    private IActionResult Remove(string instancePath)
    {
        var segments = FormPath.Segments(instancePath).ToList();
        if (segments.Count == 0 || segments[^1].Index is not { } index)
        {
            return BadRequest();
        }

        var groupPath = instancePath[..instancePath.LastIndexOf('[')];
        if (Definition.FindElement(groupPath) is not GroupDefinition { Repeats: true } || Navigate(groupPath) is not { } parent ||
            parent[segments[^1].Id] is not JsonArray instances || index >= instances.Count)
        {
            return BadRequest();
        }

        instances.RemoveAt(index);
        uploads.ForgetInstance(Session!, groupPath, index);
        return Redirect($"{StepPath(Step - 1)}#{FieldIds.For(groupPath)}");
    }

    private async Task<IActionResult> RemoveUploadAsync(string id, CancellationToken cancellationToken)
    {
        if (!Guid.TryParseExact(id, "N", out var uploadId) || !await uploads.RemoveAsync(Session!, uploadId, cancellationToken))
        {
            return BadRequest();
        }

        return Redirect(StepPath(Step - 1));
    }

    /// <summary>The object that holds the last segment of a path (instances created as needed, up to existing ones).</summary>
    private JsonObject? Navigate(string path)
    {
        var segments = FormPath.Segments(path).ToList();
        JsonObject current = Session!.Data;
        foreach (var (id, index) in segments.SkipLast(1))
        {
            var next = current[id];
            if (index is { } i)
            {
                if (next is not JsonArray array || i >= array.Count || array[i] is not JsonObject item)
                {
                    return null;
                }

                current = item;
            }
            else
            {
                current = next as JsonObject ?? (JsonObject)(current[id] = new JsonObject());
            }
        }

        return current;
    }

    public string Progress => T($"Schritt {Position} von {StepCount}", $"Step {Position} of {StepCount}");
}
