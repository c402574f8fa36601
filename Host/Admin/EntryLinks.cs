namespace EfaGateway.Host.Admin;

/// <summary>
/// The address a municipality puts on its web site or portal for one of its processes: the public base address the
/// operator configured (<c>Gateway:PublicBaseUrl</c>), else the address the request came in on.
/// </summary>
public static class EntryLinks
{
    /// <summary>Where the embedded default listens: the base of links the CLI prints when no public address is configured.</summary>
    public const string LocalSite = "http://127.0.0.1:5080/";

    public static Uri Base(string? publicBaseUrl, Uri requestBase) =>
        publicBaseUrl is { Length: > 0 } configured ? new Uri(configured.TrimEnd('/') + "/") : new Uri(requestBase.GetLeftPart(UriPartial.Authority) + "/");

    public static Uri For(Uri site, string tenantId, string processId) => new(site, $"{tenantId}/{processId}");
}
