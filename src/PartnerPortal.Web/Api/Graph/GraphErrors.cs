namespace PartnerPortal.Web.Api.Graph;

/// <summary>Microsoft Graph's error body (<see cref="GraphError"/>) with a status.</summary>
public static class GraphErrors
{
    public static IResult Result(int status, string code, string message) =>
        Results.Json(Body(code, message, null), statusCode: status);

    public static GraphError Body(string code, string message, string? requestId) => new(new GraphErrorDetail(
        code,
        message,
        new GraphInnerError(DateTimeOffset.UtcNow.ToString("yyyy-MM-ddTHH:mm:ss", System.Globalization.CultureInfo.InvariantCulture), requestId ?? Guid.NewGuid().ToString())));

    public static IResult NotFound(string what) => Result(StatusCodes.Status404NotFound, "NotFound", $"{what} was not found.");

    public static IResult BadRequest(string message) => Result(StatusCodes.Status400BadRequest, "BadRequest", message);
}
