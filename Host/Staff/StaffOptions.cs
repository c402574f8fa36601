using Microsoft.Extensions.Options;

namespace EfaGateway.Host.Staff;

/// <summary>Staff sign-in settings (section <c>Gateway:Staff</c>). The password rules themselves are fixed by the service description.</summary>
public sealed class StaffOptions
{
    public const string SectionName = "Gateway:Staff";

    /// <summary>Wrong passwords (or codes) in a row after which the account is locked.</summary>
    public int MaxFailedAttempts { get; set; } = 5;

    /// <summary>How long a locked account stays locked.</summary>
    public TimeSpan LockoutPeriod { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>A session ends after this long without a request (sliding).</summary>
    public TimeSpan IdleTimeout { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>How long an invitation or reset link can be used.</summary>
    public TimeSpan PasswordLinkLifetime { get; set; } = TimeSpan.FromHours(72);
}

public sealed class StaffOptionsValidator : IValidateOptions<StaffOptions>
{
    public ValidateOptionsResult Validate(string? name, StaffOptions options)
    {
        var failures = new List<string>();
        if (options.MaxFailedAttempts is < 1 or > 100)
        {
            failures.Add("Gateway:Staff:MaxFailedAttempts must be between 1 and 100.");
        }

        if (options.LockoutPeriod < TimeSpan.FromMinutes(1) || options.LockoutPeriod > TimeSpan.FromDays(1))
        {
            failures.Add("Gateway:Staff:LockoutPeriod must be between 1 minute and 1 day.");
        }

        if (options.IdleTimeout < TimeSpan.FromMinutes(1) || options.IdleTimeout > TimeSpan.FromHours(12))
        {
            failures.Add("Gateway:Staff:IdleTimeout must be between 1 minute and 12 hours.");
        }

        if (options.PasswordLinkLifetime < TimeSpan.FromMinutes(10) || options.PasswordLinkLifetime > TimeSpan.FromDays(14))
        {
            failures.Add("Gateway:Staff:PasswordLinkLifetime must be between 10 minutes and 14 days.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
