namespace PartnerPortal.Domain.Common;

/// <summary>
/// A kind of refusal: a stable <see cref="Code"/> (the API's error code; never derived from the wording) and the English
/// <see cref="Message"/> that doubles as the localization key. Declared once, in <see cref="Refusals"/> or the portal's
/// catalogue, so every refusal can be listed, translated and mapped.
/// </summary>
public sealed record Refusal(string Code, string Message)
{
    public DomainError With(params object[] arguments) => new(this, arguments);

    public static implicit operator DomainError(Refusal kind) => new(kind);
}

/// <summary>
/// Why an operation was refused: its <see cref="Kind"/> and the <see cref="Arguments"/> that fill the message's {0}, {1}
/// placeholders in the user's language.
/// </summary>
public sealed record DomainError(Refusal Kind, params object[] Arguments)
{
    public string Code => Kind.Code;

    public string Message => Kind.Message;

    public override string ToString() => Arguments.Length == 0
        ? Message
        : string.Format(System.Globalization.CultureInfo.InvariantCulture, Message, Arguments);
}

/// <summary>The outcome of an operation that can be refused for a business reason.</summary>
public class Result
{
    protected Result(DomainError? error) => Error = error;

    public DomainError? Error { get; }
    public bool Succeeded => Error is null;

    public static Result Ok() => new(null);
    public static Result Fail(Refusal kind, params object[] arguments) => new(new DomainError(kind, arguments));
    public static Result Fail(DomainError error) => new(error);
}

public sealed class Result<T> : Result
{
    private readonly T? _value;

    private Result(T? value, DomainError? error) : base(error) => _value = value;

    public T Value => Succeeded ? _value! : throw new InvalidOperationException($"No value: {Error}");

    public static Result<T> Ok(T value) => new(value, null);
    public static new Result<T> Fail(Refusal kind, params object[] arguments) => new(default, new DomainError(kind, arguments));
    public static new Result<T> Fail(DomainError error) => new(default, error);
}
