namespace EfaGateway.Core.Audit;

/// <summary>The actions the audit log knows. Stable strings: they are stored, exported and filtered on.</summary>
public static class AuditActions
{
    public const string SignIn = "staff.sign-in";
    public const string SignInFailed = "staff.sign-in-failed";
    public const string SignInRefused = "staff.sign-in-refused";
    public const string LockedOut = "staff.locked-out";
    public const string SignOut = "staff.sign-out";
    public const string PasswordChanged = "staff.password-changed";
    public const string PasswordSet = "staff.password-set";
    public const string TwoFactorEnabled = "staff.two-factor-enabled";
    public const string TwoFactorDisabled = "staff.two-factor-disabled";
    public const string Invited = "staff.invited";
    public const string Deactivated = "staff.deactivated";
    public const string Reactivated = "staff.reactivated";
    public const string ProcessGranted = "staff.process-granted";
    public const string ProcessRevoked = "staff.process-revoked";
    public const string AdministratorSet = "staff.administrator-set";
    public const string AdministratorRemoved = "staff.administrator-removed";
    public const string ResetForced = "staff.reset-forced";

    /// <summary>For the Postkorb (issue 6 point 3): a file of an item was downloaded.</summary>
    public const string PostkorbDownload = "postkorb.download";

    /// <summary>For the Postkorb and retention: an item was deleted.</summary>
    public const string PostkorbDeleted = "postkorb.deleted";
}
