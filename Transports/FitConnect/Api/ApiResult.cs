namespace EfaGateway.Transports.FitConnect.Api;

/// <summary>Why a call to FIT-Connect did not give what was asked: worth retrying or not, with the HTTP status if any.</summary>
public sealed record ApiFailure(string Reason, bool IsTransient, int? Status = null, TimeSpan? RetryAfter = null, string? ProblemType = null);

/// <summary>A value or a failure; remote errors are results, not exceptions.</summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1000:Do not declare static members on generic types",
    Justification = "Factories of a result type read best on the type itself: ApiResult<T>.Ok(value).")]
public readonly record struct ApiResult<T>(T? Value, ApiFailure? Failure)
{
    public static ApiResult<T> Ok(T value) => new(value, null);

    public static ApiResult<T> Fail(ApiFailure failure) => new(default, failure);

    public static ApiResult<T> Transient(string reason, TimeSpan? retryAfter = null) => new(default, new ApiFailure(reason, true, RetryAfter: retryAfter));

    public static ApiResult<T> Permanent(string reason) => new(default, new ApiFailure(reason, false));

    public static ApiResult<T> From<TOther>(ApiResult<TOther> other) => new(default, other.Failure);
}
