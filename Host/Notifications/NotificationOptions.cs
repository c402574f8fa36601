using Microsoft.Extensions.Options;

namespace EfaGateway.Host.Notifications;

/// <summary>The notice mails to Postkorb staff (section <c>Gateway:Notifications</c>).</summary>
public sealed class NotificationOptions
{
    public const string SectionName = "Gateway:Notifications";

    /// <summary>
    /// How often new Postkorb items are collected into notice mails: one mail per staff member and run at most, so this
    /// is also the longest a staff member waits for the notice.
    /// </summary>
    public TimeSpan Interval { get; set; } = TimeSpan.FromMinutes(15);
}

public sealed class NotificationOptionsValidator : IValidateOptions<NotificationOptions>
{
    public static readonly TimeSpan MinInterval = TimeSpan.FromMinutes(1);
    public static readonly TimeSpan MaxInterval = TimeSpan.FromHours(24);

    public ValidateOptionsResult Validate(string? name, NotificationOptions options)
    {
        var failures = new List<string>();

        // Below a minute staff would get a mail per application; above a day the notice is no longer "new".
        if (options.Interval < MinInterval || options.Interval > MaxInterval)
        {
            failures.Add("Gateway:Notifications:Interval must be between 00:01:00 (1 minute) and 1.00:00:00 (24 hours).");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
