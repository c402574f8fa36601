using EfaGateway.Host.Forms;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace EfaGateway.Host.Pages.Operator;

/// <summary>What the operator console's pages share: texts in the reader's language and the error list of a form.</summary>
public abstract class OperatorPageModel : PageModel
{
    public bool English => CitizenLanguage.IsEnglish(HttpContext);

    public List<StepError> ErrorList { get; } = [];

    public StepErrors Errors => new(ErrorList);

    public string T(string german, string english) => English ? english : german;

    public string? ErrorOf(string field) => ErrorList.FirstOrDefault(e => e.Path == field)?.Message;

    protected void AddError(string field, string message) => ErrorList.Add(new StepError(field, message, "#f-" + field));
}
