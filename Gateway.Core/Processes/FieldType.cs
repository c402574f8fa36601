namespace EfaGateway.Core.Processes;

/// <summary>Data types of a form field; names follow FIM XDatenfelder Datentyp where one exists.</summary>
public enum FieldType
{
    Text,
    Date,
    Bool,
    Num,
    NumInt,
    Select,
    File,
}
