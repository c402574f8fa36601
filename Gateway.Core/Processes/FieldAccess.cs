namespace EfaGateway.Core.Processes;

/// <summary>Whether the citizen may change a field (FIM Feldart input/select versus locked and hidden).</summary>
public enum FieldAccess
{
    Editable,

    /// <summary>Shown, not changeable; the value is the field's default.</summary>
    Locked,

    /// <summary>Not shown; the value is the field's default.</summary>
    Hidden,
}
