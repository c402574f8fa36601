using EfaGateway.Core.Processes;
using EfaGateway.Fim.Xdf;

namespace EfaGateway.Fim.Import;

/// <summary>
/// The form tree while it is being imported: mutable, with parent links, so rules can be attached to their targets
/// and condition paths computed before the immutable definition is built.
/// </summary>
internal sealed class ImportNode
{
    public required string Id { get; init; }

    /// <summary>The FIM element, or null for the root.</summary>
    public XdfElement? Source { get; init; }

    public ImportNode? Parent { get; init; }

    public List<ImportNode> Children { get; } = [];

    public int Min { get; init; } = 1;

    public int? Max { get; init; } = 1;

    /// <summary>Set for fields; null for groups and the root.</summary>
    public FieldDefinition? Field { get; set; }

    public LocalizedText Label { get; init; } = new("-");

    public LocalizedText? Help { get; init; }

    public List<Condition> ShowIf { get; } = [];

    public List<Condition> HideIf { get; } = [];

    public List<Condition> RequireIf { get; } = [];

    public bool IsGroup => Field is null;

    public bool Repeats => Max is null or > 1;

    /// <summary>The FIM id this node stands for (a wrapper group of a repeating field stands for that field).</summary>
    public string? FimId => Source?.Id;

    /// <summary>Containers from the root down to this node's parent.</summary>
    public List<ImportNode> Ancestors()
    {
        var chain = new List<ImportNode>();
        for (var node = Parent; node is not null; node = node.Parent)
        {
            chain.Insert(0, node);
        }

        return chain;
    }

    /// <summary>This node and everything below it that can be reached without entering a repeating group.</summary>
    public IEnumerable<ImportNode> Reachable(bool includeRepeating)
    {
        yield return this;
        foreach (var child in Children)
        {
            if (child.Repeats && !includeRepeating)
            {
                yield return child;
                continue;
            }

            foreach (var inner in child.Reachable(includeRepeating))
            {
                yield return inner;
            }
        }
    }
}
