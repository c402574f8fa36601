using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;
using Npgsql;

namespace EfaGateway.Persistence.Configuration;

/// <summary>Section <c>Gateway:Database</c>: which database and how to reach it.</summary>
public sealed class DatabaseOptions
{
    public const string SectionName = "Gateway:Database";
    public const string Sqlite = "Sqlite";
    public const string PostgreSql = "PostgreSql";

    /// <summary><c>Sqlite</c> (default, embedded) or <c>PostgreSql</c>.</summary>
    public string Provider { get; set; } = Sqlite;

    /// <summary>May use <c>{DataDirectory}</c>. Default for SQLite: <c>Data Source={DataDirectory}/efagateway.db</c>; required for PostgreSQL.</summary>
    public string? ConnectionString { get; set; }

    /// <summary>The canonical spelling of a provider name (case-insensitive), or the value as given if it is unknown.</summary>
    public static string NormalizeProvider(string? provider)
    {
        var trimmed = provider?.Trim();
        return string.IsNullOrEmpty(trimmed) ? Sqlite
            : string.Equals(trimmed, Sqlite, StringComparison.OrdinalIgnoreCase) ? Sqlite
            : string.Equals(trimmed, PostgreSql, StringComparison.OrdinalIgnoreCase) ? PostgreSql
            : trimmed;
    }

    internal void ApplyDefaults(string dataDirectory)
    {
        Provider = NormalizeProvider(Provider);
        if (string.IsNullOrWhiteSpace(ConnectionString))
        {
            ConnectionString = Provider == Sqlite
                ? new SqliteConnectionStringBuilder { DataSource = Path.Combine(dataDirectory, "efagateway.db") }.ToString()
                : null;
        }
        else
        {
            ConnectionString = GatewayDataDirectory.Expand(ConnectionString, dataDirectory);
        }
    }
}

/// <summary>Reports every problem at once; never quotes the connection string (it may hold a password).</summary>
internal sealed class DatabaseOptionsValidator : IValidateOptions<DatabaseOptions>
{
    public ValidateOptionsResult Validate(string? name, DatabaseOptions options)
    {
        var failures = new List<string>();
        var knownProvider = options.Provider is DatabaseOptions.Sqlite or DatabaseOptions.PostgreSql;
        if (!knownProvider)
        {
            failures.Add($"{DatabaseOptions.SectionName}:Provider '{options.Provider}' is unknown; use '{DatabaseOptions.Sqlite}' or '{DatabaseOptions.PostgreSql}'.");
        }

        if (string.IsNullOrWhiteSpace(options.ConnectionString))
        {
            failures.Add($"{DatabaseOptions.SectionName}:ConnectionString is required for {options.Provider}.");
        }
        else if (knownProvider && !IsWellFormed(options.Provider, options.ConnectionString))
        {
            failures.Add($"{DatabaseOptions.SectionName}:ConnectionString is not a valid {options.Provider} connection string.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static bool IsWellFormed(string provider, string connectionString)
    {
        try
        {
            if (provider == DatabaseOptions.Sqlite)
            {
                return !string.IsNullOrEmpty(new SqliteConnectionStringBuilder(connectionString).DataSource);
            }

            return !string.IsNullOrEmpty(new NpgsqlConnectionStringBuilder(connectionString).Host);
        }
        catch (ArgumentException)
        {
            return false;
        }
    }
}
