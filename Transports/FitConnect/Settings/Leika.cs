namespace EfaGateway.Transports.FitConnect.Settings;

/// <summary>LeiKa keys (Leistungsschlüssel) and their URN as FIT-Connect names a service.</summary>
public static class Leika
{
    public const string UrnPrefix = "urn:de:fim:leika:leistung:";

    public static bool IsValid(string key) => key.Length == 14 && key.All(char.IsAsciiDigit);

    public static string Urn(string key) => UrnPrefix + key;
}
