using System.Text;
using Microsoft.AspNetCore.WebUtilities;

namespace PartnerPortal.Web.Infrastructure;

public enum SeekDirection
{
    First,
    After,
    Before,
    Last,
}

/// <summary>
/// Which page of a list a request asks for, read from its query string: the first page, the page after or before a row
/// (<c>?after=</c> / <c>?before=</c> with that row's cursor), or the last page (<c>?last=true</c>). A seek (keyset) pager
/// costs the same on page 1 and page 4,000, and its links stay shareable: the URL names where the page starts.
/// </summary>
public sealed record SeekRequest(SeekDirection Direction, string Key, Guid Id)
{
    public static readonly SeekRequest First = new(SeekDirection.First, string.Empty, Guid.Empty);

    /// <summary>Walks the list in its own order (first page, after a row) rather than backwards (last page, before a row).</summary>
    public bool Forward => Direction is SeekDirection.First or SeekDirection.After;

    public static SeekRequest From(IQueryCollection query)
    {
        if (Decode(query["after"]) is { } after)
        {
            return new SeekRequest(SeekDirection.After, after.Key, after.Id);
        }

        if (Decode(query["before"]) is { } before)
        {
            return new SeekRequest(SeekDirection.Before, before.Key, before.Id);
        }

        return string.Equals(query["last"], "true", StringComparison.OrdinalIgnoreCase) ? new SeekRequest(SeekDirection.Last, string.Empty, Guid.Empty) : First;
    }

    /// <summary>The cursor's key read as a time (lists ordered by when), UTC ticks; anything else is the earliest time.</summary>
    public DateTimeOffset KeyAsTime =>
        long.TryParse(Key, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var ticks) && ticks <= DateTimeOffset.MaxValue.UtcTicks
            ? new DateTimeOffset(ticks, TimeSpan.Zero)
            : DateTimeOffset.MinValue;

    /// <summary>The cursor of a row in a list ordered by a time.</summary>
    public static string Cursor(DateTimeOffset at, Guid id) => Cursor(at.UtcTicks.ToString(System.Globalization.CultureInfo.InvariantCulture), id);

    /// <summary>A row's place in the list: its sort key and id, URL-safe. A cursor that does not decode means the first page.</summary>
    public static string Cursor(string key, Guid id) => WebEncoders.Base64UrlEncode(Encoding.UTF8.GetBytes(key + "\n" + id.ToString("N")));

    private static (string Key, Guid Id)? Decode(string? cursor)
    {
        if (string.IsNullOrEmpty(cursor) || cursor.Length > 1000)
        {
            return null;
        }

        try
        {
            var text = Encoding.UTF8.GetString(WebEncoders.Base64UrlDecode(cursor));
            var split = text.LastIndexOf('\n');
            return split >= 0 && Guid.TryParseExact(text[(split + 1)..], "N", out var id) ? (text[..split], id) : null;
        }
        catch (FormatException)
        {
            return null;
        }
    }
}

/// <summary>
/// A count that stops at <see cref="Cap"/>: counting a 100,000-row list exactly on every view costs more than the page; "more
/// than 1,000" is what a person needs to know there.
/// </summary>
public sealed record CappedCount(int Value, bool More)
{
    public const int Cap = 1000;

    /// <summary>For a search: a word in one customer name of eight would otherwise read 8,000 rows to say "more than 1,000".</summary>
    public const int SearchCap = 100;

    public static CappedCount Of(int counted, int cap = Cap) => counted > cap ? new CappedCount(cap, true) : new CappedCount(counted, false);
}

/// <summary>One page of a seek-paged list: its rows in list order and the cursors of the pages on either side.</summary>
public sealed record SeekPage<T>(IReadOnlyList<T> Rows, SeekPager Pager);

/// <summary>What the pager partial shows: links to the first, previous, next and last pages, and the (capped) count.</summary>
public sealed record SeekPager(bool HasPrevious, bool HasNext, string? Before, string? After, CappedCount Count)
{
    public static readonly SeekPager Empty = new(false, false, null, null, new CappedCount(0, false));

    /// <summary>
    /// Reads one more row than the page holds, in the direction asked, to know whether another page lies beyond; rows read
    /// backwards are put back in list order.
    /// </summary>
    public static SeekPage<T> Of<T>(SeekRequest request, List<T> rows, int size, Func<T, string> cursor, CappedCount count)
    {
        var beyond = rows.Count > size;
        if (beyond)
        {
            rows.RemoveAt(size);
        }

        if (!request.Forward)
        {
            rows.Reverse();
        }

        var hasPrevious = request.Forward ? request.Direction == SeekDirection.After : beyond;
        var hasNext = request.Forward ? beyond : request.Direction == SeekDirection.Before;
        return new SeekPage<T>(rows, new SeekPager(
            hasPrevious && rows.Count > 0,
            hasNext && rows.Count > 0,
            rows.Count > 0 ? cursor(rows[0]) : null,
            rows.Count > 0 ? cursor(rows[^1]) : null,
            count));
    }
}
