using EfaGateway.Host.Staff;
using EfaGateway.Persistence.Staff;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Time.Testing;

namespace EfaGateway.Host.Tests.Staff;

/// <summary>Each password rule of the service description with the exact message staff read, German and English.</summary>
public sealed class StaffPasswordRulesTests
{
    private static readonly StaffUser User = new() { Login = "mmueller", FirstName = "Marta", LastName = "Müllerschön", TenantId = "schoenwetter-am-berg" };
    private static readonly CommonPasswords Common = new();

    [Fact]
    public async Task A_password_shorter_than_10_characters_is_refused()
    {
        await AssertRefusedAsync(new LengthAndClassesPasswordValidator(), "Ab3$efgh9", PasswordRules.TooShort,
            "Das Passwort muss mindestens 10 Zeichen lang sein.", "The password must be at least 10 characters long.");
        await AssertAcceptedAsync(new LengthAndClassesPasswordValidator(), "Ab3$efgh9x");
    }

    [Theory]
    [InlineData("abcdefghijk1")] // lower and digit only
    [InlineData("ABCDEFGHIJ$")] // upper and special only
    [InlineData("abcdefghijklmnop")] // one class
    public async Task A_password_from_fewer_than_3_of_the_4_classes_is_refused(string password) =>
        await AssertRefusedAsync(new LengthAndClassesPasswordValidator(), password, PasswordRules.TooFewClasses,
            "Das Passwort muss Zeichen aus mindestens 3 der 4 Gruppen enthalten: Großbuchstaben, Kleinbuchstaben, Ziffern, Sonderzeichen.",
            "The password must contain characters from at least 3 of the 4 groups: upper case letters, lower case letters, digits, special characters.");

    [Theory]
    [InlineData("Abcdefghij1")] // upper, lower, digit
    [InlineData("abcdefghij1!")] // lower, digit, special
    [InlineData("ABCDEFGHIJ1!")] // upper, digit, special
    [InlineData("Abcdefghij!")] // upper, lower, special
    public async Task Any_3_of_the_4_classes_are_enough(string password) =>
        await AssertAcceptedAsync(new LengthAndClassesPasswordValidator(), password);

    [Fact]
    public async Task A_password_containing_the_user_id_in_any_case_is_refused() =>
        await AssertRefusedAsync(new PersonalDataPasswordValidator(), "Xy7!MMUELLER", PasswordRules.ContainsUserId,
            "Das Passwort darf Ihre Benutzerkennung nicht enthalten.", "The password must not contain your user id.");

    [Theory]
    [InlineData("Xy7!marta2026")]
    [InlineData("Xy7!MÜLLERSCHÖN")]
    public async Task A_password_containing_the_first_or_last_name_is_refused(string password) =>
        await AssertRefusedAsync(new PersonalDataPasswordValidator(), password, PasswordRules.ContainsName,
            "Das Passwort darf Ihren Vor- oder Nachnamen nicht enthalten.", "The password must not contain your first or last name.");

    [Fact]
    public async Task Names_shorter_than_3_characters_are_not_checked()
    {
        var shortNames = new StaffUser { Login = "li", FirstName = "Jo", LastName = "Li", TenantId = "t" };
        var result = await new PersonalDataPasswordValidator().ValidateAsync(null!, shortNames, "Jolie-Lingen7");
        Assert.True(result.Succeeded);
    }

    [Theory]
    [InlineData("password1234")]
    [InlineData("Password1234")]
    [InlineData("QWERTZUIOP")]
    public async Task A_common_password_is_refused_whatever_its_case(string password) =>
        await AssertRefusedAsync(new CommonPasswordValidator(Common), password, PasswordRules.Common,
            "Dieses Passwort ist zu verbreitet und leicht zu erraten. Bitte wählen Sie ein anderes.",
            "This password is too common and easy to guess. Please choose another one.");

    [Fact]
    public void The_common_password_list_is_the_shipped_one() => Assert.Equal(19_727, Common.Count);

    [Fact]
    public async Task A_second_change_within_a_day_is_refused_unless_an_administrator_forced_a_reset()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 26, 9, 0, 0, TimeSpan.Zero));
        var user = new StaffUser { Login = "x", TenantId = "t", PasswordChangedAt = time.GetUtcNow().AddHours(-23) };
        await AssertRefusedAsync(new MinimumAgePasswordValidator(time), "Irrelevant-123", PasswordRules.TooSoon,
            "Sie können Ihr Passwort höchstens einmal am Tag ändern. Bitte versuchen Sie es morgen wieder.",
            "You can change your password at most once a day. Please try again tomorrow.", user);

        time.Advance(TimeSpan.FromHours(1));
        await AssertAcceptedAsync(new MinimumAgePasswordValidator(time), "Irrelevant-123", user);

        var forced = new StaffUser { Login = "x", TenantId = "t", PasswordChangedAt = time.GetUtcNow(), PasswordResetForced = true };
        await AssertAcceptedAsync(new MinimumAgePasswordValidator(time), "Irrelevant-123", forced);
    }

    [Fact]
    public void The_reuse_message_names_the_last_6_passwords()
    {
        Assert.Equal("Sie haben dieses Passwort bereits verwendet. Wählen Sie eines, das nicht unter Ihren letzten 6 Passwörtern ist.",
            StaffTexts.Describe(PasswordRules.Reused, english: false));
        Assert.Equal("You have used this password before. Choose one that is not among your last 6 passwords.", StaffTexts.Describe(PasswordRules.Reused, english: true));
    }

    private static async Task AssertRefusedAsync(IPasswordValidator<StaffUser> validator, string password, string code, string german, string english, StaffUser? user = null)
    {
        var result = await validator.ValidateAsync(null!, user ?? User, password);
        Assert.False(result.Succeeded);
        var error = Assert.Single(result.Errors, e => e.Code == code);
        Assert.Equal(german, error.Description);
        Assert.Equal(german, StaffTexts.Describe(code, english: false));
        Assert.Equal(english, StaffTexts.Describe(code, english: true));
    }

    private static async Task AssertAcceptedAsync(IPasswordValidator<StaffUser> validator, string password, StaffUser? user = null) =>
        Assert.True((await validator.ValidateAsync(null!, user ?? User, password)).Succeeded, password);
}
