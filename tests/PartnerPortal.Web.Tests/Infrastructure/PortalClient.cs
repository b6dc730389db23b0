using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;
using Microsoft.AspNetCore.Mvc.Testing;
using PartnerPortal.Web.Seeding;

namespace PartnerPortal.Web.Tests.Infrastructure;

/// <summary>A page as a browser got it: final address, status and parsed HTML.</summary>
public sealed record Page(HttpStatusCode Status, Uri Url, IDocument Document)
{
    public string Text => Document.Body?.TextContent ?? string.Empty;

    public IElement? Find(string selector) => Document.QuerySelector(selector);

    public IReadOnlyList<IElement> FindAll(string selector) => Document.QuerySelectorAll(selector).ToList();

    public IReadOnlyList<string> Errors =>
        FindAll(".errors li, .error, .refusal").Select(e => e.TextContent.Trim()).Where(t => t.Length > 0).ToList();
}

/// <summary>
/// Talks to the portal the way a browser does: keeps cookies, follows redirects, and submits real forms, antiforgery
/// token included, by reading the fields of the form on the page.
/// </summary>
public sealed class PortalClient : IDisposable
{
    private static readonly HtmlParser Parser = new();
    private readonly HttpClient _http;

    public PortalClient(PortalFactory factory, string? culture = null)
    {
        _http = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = true, HandleCookies = true });
        if (culture is not null)
        {
            _http.DefaultRequestHeaders.AcceptLanguage.ParseAdd(culture);
        }
    }

    /// <summary>A client for a portal reached over the network (another process), with the caller's handler and cookies.</summary>
    public PortalClient(HttpClient http) => _http = http;

    public HttpClient Http => _http;

    public async Task<Page> GetAsync(string url)
    {
        using var response = await _http.GetAsync(url);
        return await ReadAsync(response);
    }

    /// <summary>
    /// Submits the form matched by <paramref name="formSelector"/> with its current fields, changed by <paramref name="values"/>:
    /// a string sets a field, a string[] sets a multi-valued field (checkboxes), null removes it (an unchecked box).
    /// </summary>
    public async Task<Page> SubmitAsync(Page page, string formSelector, IDictionary<string, object?>? values = null, string? handler = null)
    {
        var form = page.Document.QuerySelector(formSelector) as IHtmlFormElement
            ?? throw new InvalidOperationException($"No form '{formSelector}' on {page.Url}: {page.Text[..Math.Min(400, page.Text.Length)]}");
        var fields = ReadFields(form);
        foreach (var (name, value) in values ?? new Dictionary<string, object?>())
        {
            fields.RemoveAll(f => f.Key == name);
            switch (value)
            {
                case null:
                    break;
                case string[] many:
                    fields.AddRange(many.Select(v => KeyValuePair.Create(name, v)));
                    break;
                default:
                    fields.Add(KeyValuePair.Create(name, Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture) ?? string.Empty));
                    break;
            }
        }

        var action = form.GetAttribute("action");
        var target = string.IsNullOrEmpty(action) ? page.Url : new Uri(page.Url, action);
        if (handler is not null)
        {
            // As a browser does with the button's formaction: the page's query, with this handler instead of any earlier one.
            var query = System.Web.HttpUtility.ParseQueryString(target.Query);
            query["handler"] = handler;
            target = new UriBuilder(target) { Query = query.ToString() }.Uri;
        }

        using var content = new FormUrlEncodedContent(fields);
        using var response = await _http.PostAsync(target, content);
        return await ReadAsync(response);
    }

    /// <summary>Posts raw fields with the antiforgery token of <paramref name="page"/>: for forged or tampered posts.</summary>
    public async Task<Page> PostRawAsync(Page page, string url, IDictionary<string, string> fields)
    {
        var token = page.Document.QuerySelector("input[name=__RequestVerificationToken]")?.GetAttribute("value")
            ?? throw new InvalidOperationException("The page has no antiforgery token.");
        var all = fields.Append(KeyValuePair.Create("__RequestVerificationToken", token));
        using var content = new FormUrlEncodedContent(all);
        using var response = await _http.PostAsync(new Uri(page.Url, url), content);
        return await ReadAsync(response);
    }

    public async Task<Page> SignInAsync(string email, string password = DemoDirectory.Password)
    {
        var page = await GetAsync("/Account/SignIn");
        return await SubmitAsync(page, "main form", new Dictionary<string, object?> { ["Input.Email"] = email, ["Input.Password"] = password });
    }

    /// <summary>Signs in on a portal at <paramref name="baseUrl"/> (another process).</summary>
    public async Task<Page> SignInAtAsync(string baseUrl, string email, string password = DemoDirectory.Password)
    {
        var page = await GetAsync(baseUrl + "/Account/SignIn");
        return await SubmitAsync(page, "main form", new Dictionary<string, object?> { ["Input.Email"] = email, ["Input.Password"] = password });
    }

    public void Dispose() => _http.Dispose();

    private static List<KeyValuePair<string, string>> ReadFields(IHtmlFormElement form)
    {
        var fields = new List<KeyValuePair<string, string>>();
        foreach (var element in form.Elements)
        {
            var name = element.GetAttribute("name");
            if (string.IsNullOrEmpty(name) || element.HasAttribute("disabled"))
            {
                continue;
            }

            switch (element)
            {
                case IHtmlInputElement input when input.Type is "checkbox" or "radio":
                    if (input.IsChecked)
                    {
                        fields.Add(KeyValuePair.Create(name, input.Value));
                    }

                    break;
                case IHtmlInputElement input when input.Type is "submit" or "button":
                    break;
                case IHtmlInputElement input:
                    fields.Add(KeyValuePair.Create(name, input.Value));
                    break;
                case IHtmlTextAreaElement area:
                    fields.Add(KeyValuePair.Create(name, area.Value));
                    break;
                case IHtmlSelectElement select:
                    fields.Add(KeyValuePair.Create(name, select.Value ?? string.Empty));
                    break;
            }
        }

        return fields;
    }

    private static async Task<Page> ReadAsync(HttpResponseMessage response)
    {
        var html = await response.Content.ReadAsStringAsync();

        // A 500 is a bug wherever it happens; no test may step over one.
        if (response.StatusCode == HttpStatusCode.InternalServerError)
        {
            throw new InvalidOperationException($"500 from {response.RequestMessage!.Method} {response.RequestMessage.RequestUri}");
        }

        var document = await Parser.ParseDocumentAsync(html);
        return new Page(response.StatusCode, response.RequestMessage!.RequestUri!, document);
    }
}
