namespace EfaGateway.Host.Forms;

/// <summary>German first, English second: the citizen's choice is a cookie set by <c>?lang=en</c> or <c>?lang=de</c>.</summary>
public static class CitizenLanguage
{
    public const string CookieName = "efagw-lang";

    public static bool IsEnglish(HttpContext http) =>
        http.Items.TryGetValue(CookieName, out var chosen) ? chosen is "en" : http.Request.Cookies[CookieName] == "en";

    /// <summary>German or English text for the current request.</summary>
    public static string T(this HttpContext http, string german, string english) => IsEnglish(http) ? english : german;

    /// <summary>Handles <c>?lang=</c>: remembers the choice and redirects to the same page without the parameter.</summary>
    public static IApplicationBuilder UseCitizenLanguage(this IApplicationBuilder app) => app.Use(async (http, next) =>
    {
        var lang = http.Request.Query["lang"].ToString();
        if (HttpMethods.IsGet(http.Request.Method) && lang is "de" or "en")
        {
            http.Response.Cookies.Append(CookieName, lang, new CookieOptions
            {
                HttpOnly = true,
                Secure = http.Request.IsHttps,
                SameSite = SameSiteMode.Lax,
                MaxAge = TimeSpan.FromDays(365),
                IsEssential = true,
            });
            http.Response.Redirect(http.Request.PathBase + http.Request.Path, permanent: false);
            return;
        }

        await next(http);
    });
}
