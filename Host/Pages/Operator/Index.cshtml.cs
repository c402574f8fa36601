using EfaGateway.Host.Observability;
using EfaGateway.Host.Security;
using EfaGateway.Host.Staff;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace EfaGateway.Host.Pages.Operator;

/// <summary>
/// The operator's page: the readiness checks one by one, and per tenant what is stuck and why (the same report as
/// <c>GET /api/v1/admin/stuck</c>). It names deliveries by id and recorded reason only, never personal data.
/// </summary>
[Authorize(Policy = OperatorConsoleAuthentication.Policy)]
public sealed class IndexModel(StuckReport stuck, HealthCheckService health) : KernPageModel
{
    public StuckList Report { get; private set; } = new(default, default, default, []);

    public HealthReport Health { get; private set; } = new(new Dictionary<string, HealthReportEntry>(), TimeSpan.Zero);

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Health = await health.CheckHealthAsync(check => check.Tags.Contains("ready"), cancellationToken);
        Report = await stuck.BuildAsync(cancellationToken);
    }

    public string Time(DateTimeOffset? instant) => instant is null ? "–" : StaffFormat.Time(instant.Value, English);

    public string Status(HealthStatus status) => status switch
    {
        HealthStatus.Healthy => T("in Ordnung", "healthy"),
        HealthStatus.Degraded => T("eingeschränkt", "degraded"),
        _ => T("gestört", "unhealthy"),
    };

    public string Kind(string kind) => kind switch
    {
        "dead_lettered" => T("endgültig fehlgeschlagen, ohne Ersatzweg", "dead-lettered without a fallback"),
        "retrying" => T("wird lange wiederholt", "retrying for long"),
        "unconfirmed" => T("zugestellt, keine Quittung", "delivered, no receipt"),
        "mailbox_not_closed" => T("im XTA-Postfach nicht abgeholt", "not fetched from the XTA mailbox"),
        _ => kind,
    };

    public string Age(long? seconds) => seconds switch
    {
        null => "–",
        < 3600 => T($"{seconds / 60} Minuten", $"{seconds / 60} minutes"),
        < 172800 => T($"{seconds / 3600} Stunden", $"{seconds / 3600} hours"),
        _ => T($"{seconds / 86400} Tage", $"{seconds / 86400} days"),
    };
}
