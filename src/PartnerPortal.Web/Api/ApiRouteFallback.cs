using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Routing.Patterns;

namespace PartnerPortal.Web.Api;

/// <summary>
/// What the API answers on a path it does not have (issue 24): a caller with a good token hears that the path is wrong (404, or
/// 405 with <c>Allow</c> for a known path and another method), in Graph's error body on <c>/v1.0</c> and Partner Center's on
/// <c>/v1</c>, naming the first segment the API does not know. Only a missing, expired, revoked or foreign token gets 401, so
/// a typo in a URL is never reported as a token problem. Runs after routing, before the portal's cookie-based fallback policy.
/// </summary>
public static class ApiRouteFallback
{
    /// <summary>The display name ASP.NET Core's routing gives the endpoint it picks when a path matches but its method does not.</summary>
    private const string MethodNotAllowedEndpoint = "405 HTTP Method Not Supported";

    public static IApplicationBuilder UseApiRouteFallback(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        var endpoint = context.GetEndpoint();
        var graph = context.Request.Path.StartsWithSegments("/v1.0");
        var partnerCenter = context.Request.Path.StartsWithSegments("/v1");
        if ((!graph && !partnerCenter) || (endpoint is not null && endpoint.DisplayName != MethodNotAllowedEndpoint))
        {
            await next(context);
            return;
        }

        // The principal is the request's before anything reads the database: the context's organization filters come from it.
        var authenticated = await context.AuthenticateAsync(ApiSetup.AnyScheme);
        if (authenticated.Succeeded)
        {
            context.User = authenticated.Principal;
        }

        if (!authenticated.Succeeded || authenticated.Principal.FindFirst(ApiClaims.Application) is null
            || !await ApiSetup.IsActiveApplicationAsync(context, authenticated.Principal))
        {
            context.Response.Headers.WWWAuthenticate = "Bearer";
            await Graph.GraphErrors.Result(StatusCodes.Status401Unauthorized, "InvalidAuthenticationToken", context.Items[EntraApiTokens.RefusalItem] as string
                ?? (authenticated.Succeeded ? "The application's access has been revoked or has expired." : ApiSetup.MissingTokenMessage)).ExecuteAsync(context);
            return;
        }

        IResult answer;
        if (endpoint is not null)
        {
            // Routing's own endpoint sets 405 and the Allow header; the body says the same in the API's words.
            await endpoint.RequestDelegate!(context);
            var allowed = context.Response.Headers.Allow.ToString();
            var message = $"{context.Request.Path} does not accept {context.Request.Method}. It accepts: {allowed}.";
            answer = graph
                ? Graph.GraphErrors.Result(StatusCodes.Status405MethodNotAllowed, "MethodNotAllowed", message)
                : PartnerCenter.PartnerCenterApi.Error(StatusCodes.Status405MethodNotAllowed, "MethodNotAllowed", message);
        }
        else
        {
            var segment = UnknownSegment(context);
            var message = segment is null
                ? $"The API has no resource at {context.Request.Path}."
                : $"Resource not found for the segment '{segment}' in {context.Request.Path}.";
            answer = graph
                ? Graph.GraphErrors.Result(StatusCodes.Status404NotFound, "ResourceNotFound", message)
                : PartnerCenter.PartnerCenterApi.Error(StatusCodes.Status404NotFound, "NotFound", message);
        }

        await answer.ExecuteAsync(context);
    });

    /// <summary>The first segment of the request's path that no API route has at its place; null when each one matches.</summary>
    private static string? UnknownSegment(HttpContext context)
    {
        var segments = context.Request.Path.Value!.Split('/', StringSplitOptions.RemoveEmptyEntries);
        var routes = context.RequestServices.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>().Select(e => e.RoutePattern);
        var matched = routes.Select(route => Matching(route, segments)).DefaultIfEmpty(0).Max();
        return matched < segments.Length ? Uri.UnescapeDataString(segments[matched]) : null;
    }

    private static int Matching(RoutePattern route, string[] segments)
    {
        var count = 0;
        while (count < Math.Min(route.PathSegments.Count, segments.Length) && Matches(route.PathSegments[count], segments[count]))
        {
            count++;
        }

        return count;
    }

    private static bool Matches(RoutePatternPathSegment segment, string value) => segment.Parts is [var part] && part switch
    {
        RoutePatternLiteralPart literal => string.Equals(literal.Content, value, StringComparison.OrdinalIgnoreCase),
        RoutePatternParameterPart parameter => !parameter.ParameterPolicies.Any(p => p.Content == "guid") || Guid.TryParse(value, out _),
        _ => false,
    };
}
