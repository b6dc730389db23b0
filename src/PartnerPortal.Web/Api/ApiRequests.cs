using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace PartnerPortal.Web.Api;

/// <summary>What both API shapes read from a request the same way: ETags (row versions) and idempotency keys.</summary>
public static class ApiRequests
{
    /// <summary>A row version (PostgreSQL xmin) as a weak ETag.</summary>
    public static string ETag(uint version) => $"W/\"{version.ToString(CultureInfo.InvariantCulture)}\"";

    /// <summary>
    /// The If-Match header as a row version: null when absent or "*", false when it is not an ETag this API gave out.
    /// </summary>
    public static bool TryIfMatch(HttpRequest request, out uint? expected)
    {
        expected = null;
        var header = request.Headers.IfMatch.ToString();
        if (string.IsNullOrEmpty(header) || header == "*")
        {
            return true;
        }

        var value = header.StartsWith("W/", StringComparison.Ordinal) ? header[2..] : header;
        if (value.Length > 2 && value[0] == '"' && value[^1] == '"' && uint.TryParse(value[1..^1], NumberStyles.None, CultureInfo.InvariantCulture, out var version))
        {
            expected = version;
            return true;
        }

        return false;
    }

    /// <summary>
    /// A create's retry key from the Idempotency-Key header, per application and kind of create, as the form token the pages'
    /// handlers already claim once (Guid.Empty when the header is absent: no retry protection asked for).
    /// </summary>
    public static Guid IdempotencyToken(HttpContext http, string create)
    {
        var key = http.Request.Headers["Idempotency-Key"].ToString();
        if (string.IsNullOrEmpty(key))
        {
            return Guid.Empty;
        }

        var scoped = Encoding.UTF8.GetBytes(http.User.FindFirst(ApiClaims.Application)?.Value + "\n" + create + "\n" + key);
        return new Guid(SHA256.HashData(scoped).AsSpan(0, 16));
    }
}
