using EfaGateway.Persistence;
using EfaGateway.Persistence.Staff;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace EfaGateway.Host.Staff;

/// <summary>The password rules of the service description, one validator each; messages in <see cref="StaffTexts"/>.</summary>
public static class PasswordRules
{
    public const int MinimumLength = 10;
    public const int RequiredClasses = 3;
    public const int HistoryDepth = 6;
    public static readonly TimeSpan MinimumAge = TimeSpan.FromDays(1);

    /// <summary>Names shorter than this are ignored by the personal-data rule ("Li" would forbid too much).</summary>
    public const int ShortestCheckedName = 3;

    public const string TooShort = "PasswordTooShort";
    public const string TooFewClasses = "PasswordTooFewClasses";
    public const string ContainsUserId = "PasswordContainsUserId";
    public const string ContainsName = "PasswordContainsName";
    public const string Common = "PasswordCommon";
    public const string Reused = "PasswordReused";
    public const string TooSoon = "PasswordTooSoon";

    internal static IdentityError Error(string code) => new() { Code = code, Description = StaffTexts.German(code) };
}

/// <summary>At least 10 characters from at least 3 of: upper case, lower case, digit, special character.</summary>
public sealed class LengthAndClassesPasswordValidator : IPasswordValidator<StaffUser>
{
    public Task<IdentityResult> ValidateAsync(UserManager<StaffUser> manager, StaffUser user, string? password)
    {
        password ??= string.Empty;
        var errors = new List<IdentityError>();
        if (password.Length < PasswordRules.MinimumLength)
        {
            errors.Add(PasswordRules.Error(PasswordRules.TooShort));
        }

        var classes = (password.Any(char.IsUpper) ? 1 : 0) + (password.Any(char.IsLower) ? 1 : 0) + (password.Any(char.IsDigit) ? 1 : 0)
            + (password.Any(c => !char.IsLetterOrDigit(c)) ? 1 : 0);
        if (classes < PasswordRules.RequiredClasses)
        {
            errors.Add(PasswordRules.Error(PasswordRules.TooFewClasses));
        }

        return Task.FromResult(errors.Count == 0 ? IdentityResult.Success : IdentityResult.Failed([.. errors]));
    }
}

/// <summary>Not the user id, first or last name inside the password, in any case.</summary>
public sealed class PersonalDataPasswordValidator : IPasswordValidator<StaffUser>
{
    public Task<IdentityResult> ValidateAsync(UserManager<StaffUser> manager, StaffUser user, string? password)
    {
        password ??= string.Empty;
        var errors = new List<IdentityError>();
        if (Contains(password, user.Login))
        {
            errors.Add(PasswordRules.Error(PasswordRules.ContainsUserId));
        }

        if (Contains(password, user.FirstName) || Contains(password, user.LastName))
        {
            errors.Add(PasswordRules.Error(PasswordRules.ContainsName));
        }

        return Task.FromResult(errors.Count == 0 ? IdentityResult.Success : IdentityResult.Failed([.. errors]));
    }

    private static bool Contains(string password, string? part) =>
        part is { Length: >= PasswordRules.ShortestCheckedName } && password.Contains(part.Trim(), StringComparison.OrdinalIgnoreCase);
}

/// <summary>Not on the list of common passwords (compared case-insensitively, so "Passwort123!" counts as "passwort123!").</summary>
public sealed class CommonPasswordValidator(CommonPasswords list) : IPasswordValidator<StaffUser>
{
    public Task<IdentityResult> ValidateAsync(UserManager<StaffUser> manager, StaffUser user, string? password) =>
        Task.FromResult(list.Contains(password ?? string.Empty) ? IdentityResult.Failed(PasswordRules.Error(PasswordRules.Common)) : IdentityResult.Success);
}

/// <summary>None of the last six passwords (the current one included), checked against the stored hashes.</summary>
public sealed class PasswordHistoryValidator(GatewayDbContext db) : IPasswordValidator<StaffUser>
{
    public async Task<IdentityResult> ValidateAsync(UserManager<StaffUser> manager, StaffUser user, string? password)
    {
        var hashes = await db.StaffPasswordHistory.AsNoTracking().Where(h => h.UserId == user.Id)
            .OrderByDescending(h => h.SetAt).ThenByDescending(h => h.Id).Take(PasswordRules.HistoryDepth)
            .Select(h => h.PasswordHash).ToListAsync();
        var reused = hashes.Any(hash => manager.PasswordHasher.VerifyHashedPassword(user, hash, password ?? string.Empty) != PasswordVerificationResult.Failed);
        return reused ? IdentityResult.Failed(PasswordRules.Error(PasswordRules.Reused)) : IdentityResult.Success;
    }
}

/// <summary>At most one change a day, unless an administrator forced a reset (or there is no password yet).</summary>
public sealed class MinimumAgePasswordValidator(TimeProvider time) : IPasswordValidator<StaffUser>
{
    public Task<IdentityResult> ValidateAsync(UserManager<StaffUser> manager, StaffUser user, string? password)
    {
        var tooSoon = user.PasswordChangedAt is { } changed && !user.PasswordResetForced && time.GetUtcNow() - changed < PasswordRules.MinimumAge;
        return Task.FromResult(tooSoon ? IdentityResult.Failed(PasswordRules.Error(PasswordRules.TooSoon)) : IdentityResult.Success);
    }
}
