using EfaGateway.Host.Forms;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace EfaGateway.Host.Pages;

/// <summary>What the staff and operator pages share: texts in the reader's language and the error list of a form.</summary>
public abstract class KernPageModel : PageModel
{
    public bool English => CitizenLanguage.IsEnglish(HttpContext);

    public List<StepError> ErrorList { get; } = [];

    public StepErrors Errors => new(ErrorList);

    public string T(string german, string english) => English ? english : german;

    /// <summary>The error of a field, for its inline message.</summary>
    public string? ErrorOf(string field) => ErrorList.FirstOrDefault(e => e.Path == field)?.Message;

    protected void AddError(string field, string message) => ErrorList.Add(new StepError(field, message, "#f-" + field));
}
