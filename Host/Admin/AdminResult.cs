namespace EfaGateway.Host.Admin;

/// <summary>
/// What an administrative change came to: done (with the value), refused for bad input (problems by field, German and
/// English), or refused because of the state of things (not found, conflict). Shared by the admin API and the CLI.
/// </summary>
public abstract record AdminResult<T>
{
    public sealed record Done(T Value) : AdminResult<T>;

    public sealed record Invalid(IReadOnlyDictionary<string, string[]> Problems) : AdminResult<T>;

    public sealed record NotFound(string Detail) : AdminResult<T>;

    public sealed record Conflict(string Detail) : AdminResult<T>;
}

/// <summary>Shorthands for <see cref="AdminResult{T}"/>.</summary>
public static class AdminResult
{
    public static AdminResult<T> Problem<T>(string field, string message) =>
        new AdminResult<T>.Invalid(new Dictionary<string, string[]>(StringComparer.Ordinal) { [field] = [message] });
}
