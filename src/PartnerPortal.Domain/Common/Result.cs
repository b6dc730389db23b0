namespace PartnerPortal.Domain.Common;

/// <summary>
/// Why a domain operation was refused. <see cref="Message"/> is English text that doubles as the
/// localization key; <see cref="Arguments"/> fill its {0}, {1} placeholders in the user's language.
/// </summary>
public sealed record DomainError(string Message, params object[] Arguments)
{
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
    public static Result Fail(string message, params object[] arguments) => new(new DomainError(message, arguments));
    public static Result Fail(DomainError error) => new(error);
}

public sealed class Result<T> : Result
{
    private readonly T? _value;

    private Result(T? value, DomainError? error) : base(error) => _value = value;

    public T Value => Succeeded ? _value! : throw new InvalidOperationException($"No value: {Error}");

    public static Result<T> Ok(T value) => new(value, null);
    public static new Result<T> Fail(string message, params object[] arguments) => new(default, new DomainError(message, arguments));
    public static new Result<T> Fail(DomainError error) => new(default, error);
}
