namespace PartnerPortal.Web.Api.Graph;

/// <summary>Microsoft Graph's error body: <c>{"error": {"code", "message", "innerError": {"date", "request-id"}}}</c>.</summary>
public static class GraphErrors
{
    public static IResult Result(int status, string code, string message) =>
        Results.Json(Body(code, message, null), statusCode: status);

    public static Dictionary<string, object> Body(string code, string message, string? requestId) => new()
    {
        ["error"] = new Dictionary<string, object>
        {
            ["code"] = code,
            ["message"] = message,
            ["innerError"] = new Dictionary<string, object?>
            {
                ["date"] = DateTimeOffset.UtcNow.ToString("yyyy-MM-ddTHH:mm:ss", System.Globalization.CultureInfo.InvariantCulture),
                ["request-id"] = requestId ?? Guid.NewGuid().ToString(),
            },
        },
    };

    public static IResult NotFound(string what) => Result(StatusCodes.Status404NotFound, "NotFound", $"{what} was not found.");

    public static IResult BadRequest(string message) => Result(StatusCodes.Status400BadRequest, "BadRequest", message);
}
