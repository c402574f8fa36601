using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;

namespace EfaGateway.Host.Tests.Support;

/// <summary>
/// A browser without JavaScript: loads a page, fills a form by field name, presses a submit button (its name and
/// value are sent, as a browser sends them) and follows the redirect, with cookies, through the real host.
/// </summary>
public sealed class HtmlPage
{
    private static readonly HtmlParser Parser = new();

    private HtmlPage(HttpClient client, HttpResponseMessage response, IHtmlDocument document)
    {
        Client = client;
        Response = response;
        Document = document;
    }

    public HttpClient Client { get; }

    public HttpResponseMessage Response { get; }

    public IHtmlDocument Document { get; }

    public HttpStatusCode Status => Response.StatusCode;

    public string Path => Response.RequestMessage!.RequestUri!.AbsolutePath;

    public string Title => Document.Title ?? string.Empty;

    public string Text => Document.Body?.TextContent ?? string.Empty;

    public IEnumerable<string> ErrorSummary => Document.QuerySelectorAll("#fehlerliste a").Select(a => a.TextContent.Trim());

    public static async Task<HtmlPage> OpenAsync(HttpClient client, string path) => await LoadAsync(client, await client.GetAsync(path));

    /// <summary>Presses the submit button with this value (or the first one) after setting the given fields.</summary>
    public async Task<HtmlPage> SubmitAsync(IDictionary<string, string>? values = null, string? action = null,
        IEnumerable<(string Name, string FileName, string MediaType, byte[] Content)>? files = null)
    {
        var (fields, target, multipartForm) = Form(values, action);
        HttpContent content;
        if (multipartForm)
        {
            var multipart = new MultipartFormDataContent();
            foreach (var (name, value) in fields)
            {
                multipart.Add(new StringContent(value), name);
            }

            foreach (var (name, fileName, mediaType, bytes) in files ?? [])
            {
                var file = new ByteArrayContent(bytes);
                file.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue(mediaType);
                multipart.Add(file, name, fileName);
            }

            content = multipart;
        }
        else
        {
            content = new FormUrlEncodedContent(fields);
        }

        return await PostAsync(target, content);
    }

    /// <summary>
    /// What pressing the button would send (every field, the antiforgery token and the button) and where, for tests that
    /// build the request body themselves.
    /// </summary>
    public (List<KeyValuePair<string, string>> Fields, string Target, bool Multipart) Form(IDictionary<string, string>? values = null, string? action = null)
    {
        var form = Document.QuerySelectorAll<IHtmlFormElement>("main form").Last();
        values ??= new Dictionary<string, string>();
        var fields = new List<KeyValuePair<string, string>>();
        foreach (var element in form.Elements)
        {
            switch (element)
            {
                case IHtmlInputElement { Type: "radio" or "checkbox" } check when check.IsChecked && !values.ContainsKey(check.Name!):
                    fields.Add(new(check.Name!, check.Value));
                    break;
                case IHtmlInputElement { Type: "radio" or "checkbox" or "file" or "submit" }:
                    break;
                case IHtmlInputElement input when input.Name is { Length: > 0 } name && !values.ContainsKey(name):
                    fields.Add(new(name, input.Value));
                    break;
                case IHtmlSelectElement select when select.Name is { Length: > 0 } name && !values.ContainsKey(name):
                    fields.Add(new(name, select.Value ?? string.Empty));
                    break;
                case IHtmlTextAreaElement area when area.Name is { Length: > 0 } name && !values.ContainsKey(name):
                    fields.Add(new(name, area.Value));
                    break;
            }
        }

        fields.AddRange(values);
        var button = form.QuerySelectorAll<IHtmlButtonElement>("button[type=submit]")
            .FirstOrDefault(b => action is null ? b.ClassList.Contains("kern-btn--primary") : b.Value == action)
            ?? throw new InvalidOperationException($"No submit button '{action}' on {Path}.");
        if (button.Name is { Length: > 0 } buttonName)
        {
            fields.Add(new(buttonName, button.Value));
        }

        var target = string.IsNullOrEmpty(form.GetAttribute("action")) ? Path : form.GetAttribute("action")!;
        return (fields, target, form.Enctype == "multipart/form-data");
    }

    /// <summary>Posts a body built by the test to <paramref name="target"/> with this page's client (and cookies).</summary>
    public async Task<HtmlPage> PostAsync(string target, HttpContent content) => await LoadAsync(Client, await Client.PostAsync(target, content));

    public async Task<HtmlPage> FollowAsync(string linkText) =>
        await OpenAsync(Client, Document.QuerySelectorAll<IHtmlAnchorElement>("a").First(a => a.TextContent.Contains(linkText, StringComparison.Ordinal)).GetAttribute("href")!);

    private static async Task<HtmlPage> LoadAsync(HttpClient client, HttpResponseMessage response)
    {
        var html = await response.Content.ReadAsStringAsync();
        return new HtmlPage(client, response, await Parser.ParseDocumentAsync(html));
    }
}
