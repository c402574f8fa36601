namespace EfaGateway.Fim.CodeLists;

/// <summary>A genericode code list as the form needs it: identification and the (code, name) of each row.</summary>
public sealed record CodeList(string CanonicalUri, string Version, string CanonicalVersionUri, IReadOnlyList<CodeListEntry> Entries);

public sealed record CodeListEntry(string Code, string Name);

/// <summary>A code list file that cannot be used; the message names the file and the problem.</summary>
public sealed class CodeListFormatException(string message) : Exception(message);
