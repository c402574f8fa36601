namespace EfaGateway.Core.Processes;

/// <summary>Data types of a form field; names follow FIM XDatenfelder Datentyp where one exists.</summary>
public enum FieldType
{
    Text,

    /// <summary>Text restricted to the DIN 91379 character set (FIM text_latin).</summary>
    TextLatin,
    Date,

    /// <summary>A time of day, HH:mm or HH:mm:ss.</summary>
    Time,

    /// <summary>A local date and time, yyyy-MM-ddTHH:mm or with seconds.</summary>
    DateTime,
    Bool,
    Num,
    NumInt,

    /// <summary>An amount of money in euros with at most two decimal places.</summary>
    NumCurrency,
    Select,
    File,

    /// <summary>Static text for the citizen (FIM Feldart label); it holds no value.</summary>
    Label,
}
