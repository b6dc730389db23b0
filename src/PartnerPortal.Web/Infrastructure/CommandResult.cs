using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using PartnerPortal.Domain.Common;

namespace PartnerPortal.Web.Infrastructure;

public enum CommandStatus
{
    Done,

    /// <summary>No such resource for this organization (another organization's id looks exactly like a missing one).</summary>
    NotFound,

    /// <summary>The resource is visible, but the user's role may not do this.</summary>
    Forbidden,

    /// <summary>A business rule refused it; <see cref="CommandResult{T}.Error"/> says why, in words for the user.</summary>
    Refused,

    /// <summary>Someone else changed the same thing first; nothing was saved.</summary>
    Conflict,
}

/// <summary>The outcome of a command handler, which pages map to a redirect, a message or a status code.</summary>
public sealed record CommandResult<T>(CommandStatus Status, T? Value = default, DomainError? Error = null)
{
    public bool Succeeded => Status == CommandStatus.Done;

    public static CommandResult<T> Done(T value) => new(CommandStatus.Done, value);
    public static CommandResult<T> Refused(DomainError error) => new(CommandStatus.Refused, default, error);
    public static CommandResult<T> Refused(Refusal kind, params object[] arguments) => new(CommandStatus.Refused, default, new DomainError(kind, arguments));
    public static readonly CommandResult<T> NotFound = new(CommandStatus.NotFound);
    public static readonly CommandResult<T> Forbidden = new(CommandStatus.Forbidden);
    public static CommandResult<T> Conflict(Refusal kind) => new(CommandStatus.Conflict, default, new DomainError(kind));

    /// <summary>A failure as the failure of a command with another value (a successful result has no such value to give).</summary>
    public CommandResult<TOther> As<TOther>() => Succeeded
        ? throw new InvalidOperationException("A successful result carries its own value.")
        : new(Status, default, Error);
}

public static class CommandResultPages
{
    /// <summary>
    /// For a page: null when the command succeeded; otherwise the response for a missing or forbidden resource, or the page
    /// itself with the refusal in the validation summary, or beside the field <paramref name="fieldOf"/> names for it (a taken
    /// domain on the domain's field): the handler knows the rule, the page knows its form.
    /// </summary>
    public static IActionResult? Failure<T>(this PageModel page, CommandResult<T> result, IStringLocalizer l, Func<Refusal, string?>? fieldOf = null)
    {
        switch (result.Status)
        {
            case CommandStatus.Done:
                return null;
            case CommandStatus.NotFound:
                return page.NotFound();
            case CommandStatus.Forbidden:
                return page.Forbid();
            default:
                // Refusals and conflicts are expected, but worth seeing in the log: the rule's English text, not its arguments
                // (names and addresses stay out of the log).
                page.HttpContext.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger("PartnerPortal.Commands")
                    .LogInformation("{Page} {Status}: {Rule}", page.Request.Path.Value, result.Status, result.Error!.Message);
                page.ModelState.AddModelError(fieldOf?.Invoke(result.Error!.Kind) ?? string.Empty, l.Localize(result.Error!));
                return page.Page();
        }
    }
}
